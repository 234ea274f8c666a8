import Foundation
import WxLoginKit

/// A stand-in for Tencent's SDK behind `WeChatOpenAPI`, for tests: a phone with or
/// without WeChat, an SDK that can fail to send, and the WeChat app's answer.
///
/// It records what the glue asked of the SDK (`registrations`, `sentRequests`) and
/// answers the way the SDK does: `handleOpen` takes the URL WeChat opens the app with
/// after an authorization, `wx<AppID>://oauth?code=…&state=…`, and hands its code and
/// state to the receiver as a `SendAuthResp` with errCode 0; other URLs are not its.
public final class FakeWeChat: WeChatOpenAPI, @unchecked Sendable {
    /// One `SendAuthReq` the glue sent.
    public struct AuthRequest: Equatable, Sendable {
        public let scope: String
        public let state: String
    }

    private let lock = NSLock()
    private var _installed: Bool
    private var _supportsApi: Bool
    private var _registrations: [(appId: String, universalLink: String)] = []
    private var _sentRequests: [AuthRequest] = []
    private var _registeredAppId: String?

    /// What `WXApi.registerApp` answers.
    public var acceptsRegistration = true
    /// What `WXApi.send` reports: `false` when WeChat could not be opened.
    public var sendSucceeds = true
    /// Called with each request once it is "sent", as WeChat opens; tests answer from it.
    public var onSend: ((AuthRequest) -> Void)?

    public init(installed: Bool = true, supportsApi: Bool = true) {
        _installed = installed
        _supportsApi = supportsApi
    }

    /// WeChat installed or removed while the app runs.
    public func setInstalled(_ installed: Bool, supportsApi: Bool? = nil) {
        lock.lock()
        defer { lock.unlock() }
        _installed = installed
        _supportsApi = supportsApi ?? installed
    }

    /// Every `registerApp` call, in order.
    public var registrations: [(appId: String, universalLink: String)] {
        lock.lock()
        defer { lock.unlock() }
        return _registrations
    }

    /// Every `SendAuthReq` sent, in order.
    public var sentRequests: [AuthRequest] {
        lock.lock()
        defer { lock.unlock() }
        return _sentRequests
    }

    /// The URL the WeChat app opens this app with after the user agreed.
    public func authorizedURL(code: String, state: String) -> URL {
        var components = URLComponents()
        components.scheme = registeredAppId ?? "wx-unregistered"
        components.host = "oauth"
        components.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: state)]
        return components.url!
    }

    private var registeredAppId: String? {
        lock.lock()
        defer { lock.unlock() }
        return _registeredAppId
    }

    // MARK: WeChatOpenAPI

    public func registerApp(_ appId: String, universalLink: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        _registrations.append((appId, universalLink))
        if acceptsRegistration {
            _registeredAppId = appId
        }
        return acceptsRegistration
    }

    public func isWXAppInstalled() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return _installed
    }

    public func isWXAppSupportApi() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return _installed && _supportsApi
    }

    public func sendAuthRequest(scope: String, state: String, completion: @escaping (Bool) -> Void) {
        let request = AuthRequest(scope: scope, state: state)
        lock.lock()
        _sentRequests.append(request)
        let sent = sendSucceeds
        lock.unlock()
        completion(sent)
        if sent {
            onSend?(request)
        }
    }

    public func handleOpen(_ url: URL, receiver: WeChatAuthReceiver) -> Bool {
        guard let appId = registeredAppId, url.scheme == appId, url.host == "oauth",
              let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems
        else {
            return false
        }
        let code = items.first { $0.name == "code" }?.value
        let state = items.first { $0.name == "state" }?.value
        receiver.didReceiveAuthResponse(errCode: 0, code: code, state: state)
        return true
    }

    #if canImport(Darwin)
    /// Universal links are not simulated: the SDK decodes them itself.
    public func handleOpenUniversalLink(_ userActivity: NSUserActivity, receiver: WeChatAuthReceiver) -> Bool {
        false
    }
    #endif
}
