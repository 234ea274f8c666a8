import Foundation
import WxLoginCore

/// The few calls of Tencent's WechatOpenSDK (`WXApi`, 1.8.6 or later) that login needs.
///
/// WxLoginKit does not link the SDK: the app does (CocoaPods `WechatOpenSDK-XCFramework`
/// or the zip from the open platform's download page) and adapts it to this protocol.
/// `Adapter/WXApiAdapter.swift` in this package is that adapter, ready to copy into the
/// app target. Every method is called on the main thread.
public protocol WeChatOpenAPI: AnyObject {
    /// `WXApi.registerApp(_:universalLink:)`.
    func registerApp(_ appId: String, universalLink: String) -> Bool

    /// `WXApi.isWXAppInstalled()`.
    func isWXAppInstalled() -> Bool

    /// `WXApi.isWXAppSupport()`: the installed WeChat supports the OpenAPI.
    func isWXAppSupportApi() -> Bool

    /// Sends a `SendAuthReq` with this scope and state (`WXApi.send(_:completion:)`) and
    /// calls `completion` with the SDK's answer: `false` when WeChat could not be opened.
    func sendAuthRequest(scope: String, state: String, completion: @escaping (Bool) -> Void)

    /// `WXApi.handleOpen(_:delegate:)`, with a delegate that hands every `SendAuthResp`
    /// to `receiver`.
    func handleOpen(_ url: URL, receiver: WeChatAuthReceiver) -> Bool

    #if canImport(Darwin)
    /// `WXApi.handleOpenUniversalLink(_:delegate:)`, with the same delegate. Apple
    /// platforms only (`NSUserActivity`).
    func handleOpenUniversalLink(_ userActivity: NSUserActivity, receiver: WeChatAuthReceiver) -> Bool
    #endif
}

extension WeChatOpenAPI {
    /// What the SDK says about WeChat, as the one value the core takes:
    /// `isWXAppInstalled()`, then `isWXAppSupportApi()`.
    public var availability: WechatAvailability {
        guard isWXAppInstalled() else {
            return .notInstalled
        }
        return isWXAppSupportApi() ? .ready : .outdated
    }
}

/// Receives the fields of WeChat's `SendAuthResp` (the `WXApiDelegate.onResp` of an
/// auth request). `WeChatLogin` is one.
public protocol WeChatAuthReceiver: AnyObject {
    func didReceiveAuthResponse(errCode: Int32, code: String?, state: String?)
}
