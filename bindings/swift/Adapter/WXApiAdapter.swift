import Foundation
import WxLoginKit
#if canImport(WechatOpenSDK)
import WechatOpenSDK
#endif

/// WxLoginKit's `WeChatOpenAPI` over Tencent's WechatOpenSDK (`WXApi`, 1.8.6 or later),
/// and the `WXApiDelegate` that hands each `SendAuthResp` to WxLoginKit.
///
/// Not part of the Swift package: copy this file into the app target that links the
/// WeChat SDK (ios-sample/ references it in place). The SDK's classes come from a
/// bridging header (`#import "WXApi.h"`) or, with a distribution that ships a Clang
/// module, from `import WechatOpenSDK` above. This is the only file that names the SDK.
final class WXApiAdapter: NSObject, WeChatOpenAPI, WXApiDelegate {
    private weak var receiver: WeChatAuthReceiver?

    func registerApp(_ appId: String, universalLink: String) -> Bool {
        WXApi.registerApp(appId, universalLink: universalLink)
    }

    func isWXAppInstalled() -> Bool {
        WXApi.isWXAppInstalled()
    }

    func isWXAppSupportApi() -> Bool {
        WXApi.isWXAppSupport()
    }

    func sendAuthRequest(scope: String, state: String, completion: @escaping (Bool) -> Void) {
        let request = SendAuthReq()
        request.scope = scope
        request.state = state
        WXApi.send(request) { sent in
            completion(sent)
        }
    }

    func handleOpen(_ url: URL, receiver: WeChatAuthReceiver) -> Bool {
        self.receiver = receiver
        return WXApi.handleOpen(url, delegate: self)
    }

    func handleOpenUniversalLink(_ userActivity: NSUserActivity, receiver: WeChatAuthReceiver) -> Bool {
        self.receiver = receiver
        return WXApi.handleOpenUniversalLink(userActivity, delegate: self)
    }

    // MARK: WXApiDelegate

    func onReq(_ req: BaseReq) {}

    /// Only auth responses matter here; share or pay responses pass by.
    func onResp(_ resp: BaseResp) {
        guard let auth = resp as? SendAuthResp else {
            return
        }
        receiver?.didReceiveAuthResponse(errCode: auth.errCode, code: auth.code, state: auth.state)
    }
}
