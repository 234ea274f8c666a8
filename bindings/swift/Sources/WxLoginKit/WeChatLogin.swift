import Foundation
import WxLoginCore

/// Why `WeChatLogin` did not start a WeChat authorization.
public enum WxLoginKitError: Error, Equatable {
    /// `registerApp` before the user accepted the privacy policy.
    case privacyConsentRequired
    /// The universal link is not an https URL with a host.
    case invalidUniversalLink(String)
    /// `WXApi.registerApp` returned false (AppID or universal link not accepted).
    case registrationFailed
    /// A WeChat call before `registerApp` succeeded.
    case notRegistered
    /// WeChat is not installed (removed after the login screen was shown).
    case wechatNotInstalled
    /// The installed WeChat is too old for the OpenAPI.
    case wechatUpdateRequired
}

/// The iOS glue around one `WxLogin` core and the app's WeChat SDK.
///
/// The calls, in the order an app makes them:
///
/// 1. `registerApp(universalLink:)` at launch and right after the user accepts the
///    privacy policy; it refuses to register before consent.
/// 2. `buttonPolicy()` on the login screen: `.hide` hides the WeChat button (WeChat
///    missing or too old, or not registered yet); on iOS the core never says `.show`
///    for a phone without WeChat.
/// 3. `signIn()` on a tap: sends the `SendAuthReq`, waits for the callback, exchanges
///    the code with the app's server, returns the `LoginResult`.
/// 4. `handleOpenURL(_:)` / `handleOpenUniversalLink(_:)` from `onOpenURL` /
///    `onContinueUserActivity` (or the scene delegate): WeChat comes back through them,
///    and the SDK's `onResp` lands in `didReceiveAuthResponse`, which feeds `core.onAuthResp`.
/// 5. `sceneDidBecomeActive()` on every return to the foreground: without a callback,
///    the pending request resolves as cancelled after the grace period.
/// 6. `resumePendingLogin()` at launch: finishes a login whose callback arrives in a
///    new process (the app was killed while the user was in WeChat).
///
/// Screens follow the flow with `flowStates` (an `AsyncSequence`) or `observeFlowState`
/// (a handler). The glue takes the core's single `FlowObserver` slot for them: do not
/// call `core.setFlowObserver` on a core that a `WeChatLogin` wraps.
///
/// WeChat SDK calls go through `WeChatOpenAPI`; make them on the main thread.
public final class WeChatLogin: WeChatAuthReceiver, @unchecked Sendable {
    /// The core, for everything not WeChat-specific (phone login, bind phone, session).
    public let core: WxLogin
    public let appId: String
    /// Called with the outcome of every callback WeChat delivers, e.g. to log a
    /// `.replayed` outcome as a security event. The waiting `signIn()` gets its
    /// result from the core; this is only an observer.
    public var onCallbackOutcome: ((AuthOutcome) -> Void)?
    /// Called when the core could not take a callback (its secure store failed).
    public var onCallbackError: ((Error) -> Void)?

    private let wechat: WeChatOpenAPI
    private let consent: PrivacyConsent
    private let lock = NSLock()
    private var registered = false
    private var signInTask: Task<LoginResult, Error>?
    private let flow: FlowStateBroadcast

    public init(core: WxLogin, appId: String, wechat: WeChatOpenAPI, consent: PrivacyConsent) {
        self.core = core
        self.appId = appId
        self.wechat = wechat
        self.consent = consent
        flow = FlowStateBroadcast(current: core.flowState())
        core.setFlowObserver(observer: flow)
    }

    /// Creates the core too (`platform` is forced to `.ios`). Without `store`, over the
    /// Keychain (`KeychainStore`, Apple platforms).
    public convenience init(
        config: WxLoginConfig,
        store: SecureStore,
        wechat: WeChatOpenAPI,
        consent: PrivacyConsent
    ) throws {
        var config = config
        config.platform = .ios
        let core = try WxLogin(config: config, store: store)
        self.init(core: core, appId: config.appId, wechat: wechat, consent: consent)
    }

    /// The flow's states, for a screen to follow with `for await state in login.flowStates`:
    /// the current state first (a screen recreated after rotation, or after the process
    /// was killed, sees where the flow is, `needsPhone` with its ticket included), then
    /// every change. Each access is a new sequence; any number can be iterated at once.
    ///
    /// Cancelling the iterating `Task` ends the sequence and detaches it from the core.
    /// A consumer that reads slowly misses the oldest of more than 16 unread states, and
    /// always reaches the current one. The sequence finishes when the core is freed.
    public var flowStates: AsyncStream<FlowState> {
        flow.stream(buffered: 16)
    }

    /// The callback form of `flowStates`: `handler` gets the current state at once, then
    /// every change, on the thread of the core call that made it (hop to the main actor
    /// before touching UI state; do not call back into the core from the handler). It is
    /// called until the returned observation is cancelled or freed.
    public func observeFlowState(_ handler: @escaping @Sendable (FlowState) -> Void) -> FlowObservation {
        let id = flow.add(deliver: handler)
        return FlowObservation { [weak flow] in
            flow?.remove(id)
        }
    }

    /// How many `flowStates` sequences and handlers are attached (for tests).
    var flowStateConsumerCount: Int {
        flow.consumerCount
    }

    public var isRegistered: Bool {
        lock.lock()
        defer { lock.unlock() }
        return registered
    }

    /// Registers the AppID and universal link with the WeChat SDK, once. Throws
    /// `privacyConsentRequired` before consent: the SDK is not touched at all then.
    public func registerApp(universalLink: String) throws {
        guard consent.isGranted else {
            throw WxLoginKitError.privacyConsentRequired
        }
        guard let url = URL(string: universalLink), url.scheme == "https", let host = url.host, !host.isEmpty else {
            throw WxLoginKitError.invalidUniversalLink(universalLink)
        }
        lock.lock()
        defer { lock.unlock() }
        if registered {
            return
        }
        guard wechat.registerApp(appId, universalLink: universalLink) else {
            throw WxLoginKitError.registrationFailed
        }
        registered = true
    }

    /// The WeChat button's policy: the core's iOS rule over the SDK's install checks,
    /// and `.hide` until `registerApp` succeeded.
    public func buttonPolicy() -> ButtonPolicy {
        guard isRegistered else {
            return .hide
        }
        return core.buttonPolicy(availability: wechat.availability)
    }

    /// WeChat login from the tap to the answer: `.signedIn`, `.needsPhone` (the forced
    /// bind-phone page) or `.notAuthorized` (cancelled, denied, ...). A second call while
    /// one is in flight joins it and gets the same result.
    ///
    /// Cancelling the calling `Task` (its screen went away) gives up the login: the
    /// pending request is cancelled in the core, and every caller gets
    /// `.notAuthorized(.cancelled)` at once. Once the code is with the app's server, the
    /// exchange finishes (bounded by `requestTimeoutMs`).
    public func signIn() async throws -> LoginResult {
        let login = runningOrNewSignIn()
        return try await withTaskCancellationHandler {
            try await login.value
        } onCancel: {
            login.cancel()
        }
    }

    /// Synchronous, so that the lock is never held across an `await`. A double tap must
    /// not start a second request: that would make the first request's callback stale.
    /// The task clears itself under the same lock, so it cannot end before it is stored.
    private func runningOrNewSignIn() -> Task<LoginResult, Error> {
        lock.lock()
        defer { lock.unlock() }
        if let running = signInTask {
            return running
        }
        let task = Task {
            defer { self.finishSignIn() }
            try await self.sendAuthRequest()
            return try await self.untilResolvedOrCancelled { try await self.core.completeWechatLogin() }
        }
        signInTask = task
        return task
    }

    /// A WeChat authorization without the server login, for binding WeChat to the
    /// signed-in account: on `.authorized(code)`, call `core.bindWechat(code:)`.
    /// Cancelling the calling `Task` cancels the request: `.cancelled` at once.
    public func authorize() async throws -> AuthOutcome {
        try await sendAuthRequest()
        return try await untilResolvedOrCancelled { try await self.core.awaitOutcome() }
    }

    /// At launch, after `registerApp`: when a request is still pending from a previous
    /// process, waits for its callback (or the grace period after the foreground) and
    /// finishes the login. Cancellable like `signIn()`.
    ///
    /// The callback may also have come first: iOS hands the launching URL to the scene
    /// before the app's launch code runs this. The request is resolved then, and the
    /// core's `lastOutcome()` still holds WeChat's code while the flow waits for its
    /// exchange (or is exchanging it): this logs in with that code, joining an exchange
    /// already under way, since the core sends a code to the server at most once.
    ///
    /// `nil` when there is nothing to finish: no request pending, and no code waiting for
    /// its exchange (the flow moved on: signed in, on the bind-phone step, or idle).
    public func resumePendingLogin() async throws -> LoginResult? {
        if try core.isAuthPending() {
            return try await untilResolvedOrCancelled { try await self.core.completeWechatLogin() }
        }
        guard case let .authorized(code)? = core.lastOutcome(), codeAwaitsExchange else {
            return nil
        }
        return try await core.loginWithCode(code: code)
    }

    /// Whether the flow stands where a WeChat code is on its way to the server.
    private var codeAwaitsExchange: Bool {
        switch core.flowState() {
        case .waitingForWechat, .exchanging:
            return true
        case .idle, .needsPhone, .signedIn:
            return false
        }
    }

    /// Runs a core call that waits for the pending request, and cancels that request
    /// when the calling `Task` is cancelled (also when it already was on entry).
    ///
    /// UniFFI's Swift side does not pass a `Task`'s cancellation to the Rust future: a
    /// cancelled `core.awaitOutcome()` would keep waiting (up to the state's lifetime),
    /// holding the core. Cancelling the request resolves that wait at once, as
    /// `.cancelled`, and a callback for it that comes later is ignored (`.duplicate`).
    private func untilResolvedOrCancelled<T>(_ wait: () async throws -> T) async throws -> T {
        try await withTaskCancellationHandler {
            try await wait()
        } onCancel: {
            _ = try? self.core.cancelAuth()
        }
    }

    /// WeChat's way back through the URL scheme (`wx<AppID>://…`), to the SDK, whose
    /// `onResp` lands in `didReceiveAuthResponse`. `false` for a URL that is not WeChat's.
    public func handleOpenURL(_ url: URL) -> Bool {
        isRegistered && wechat.handleOpen(url, receiver: self)
    }

    /// From `sceneDidBecomeActive` (UIKit) or `scenePhase == .active` (SwiftUI).
    public func sceneDidBecomeActive() {
        core.onAppForeground()
    }

    /// The `SendAuthResp` fields, from the SDK delegate's `onResp`.
    public func didReceiveAuthResponse(errCode: Int32, code: String?, state: String?) {
        do {
            let outcome = try core.onAuthResp(errCode: errCode, code: code, state: state)
            onCallbackOutcome?(outcome)
        } catch {
            onCallbackError?(error)
        }
    }

    private func finishSignIn() {
        lock.lock()
        signInTask = nil
        lock.unlock()
    }

    /// Starts the core's request and hands it to WeChat. When the SDK cannot send it,
    /// the request is resolved as WeChat itself would (`ERR_SENT_FAILED`, -3), so the
    /// waiting call returns `.sendFailed` at once instead of waiting for a callback.
    /// On the main actor: the SDK's install checks and `send` are UIKit calls.
    @MainActor
    private func sendAuthRequest() async throws {
        guard isRegistered else {
            throw WxLoginKitError.notRegistered
        }
        let start = try core.beginAuth(availability: wechat.availability)
        switch start {
        case .notInstalled:
            throw WxLoginKitError.wechatNotInstalled
        case .updateRequired:
            throw WxLoginKitError.wechatUpdateRequired
        case let .request(scope, state):
            let sent = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                wechat.sendAuthRequest(scope: scope, state: state) { sent in
                    continuation.resume(returning: sent)
                }
            }
            if !sent {
                _ = try core.onAuthResp(errCode: -3, code: nil, state: state)
            }
        }
    }
}

#if canImport(Security)
extension WeChatLogin {
    /// The core over the Keychain: `WeChatLogin(config:wechat:consent:)`.
    public convenience init(config: WxLoginConfig, wechat: WeChatOpenAPI, consent: PrivacyConsent) throws {
        try self.init(config: config, store: KeychainStore(), wechat: wechat, consent: consent)
    }
}
#endif

// Universal links arrive as an `NSUserActivity`, which only Apple's Foundation has.
#if canImport(Darwin)
extension WeChatLogin {
    /// WeChat's way back through the universal link (SDK 1.8.6+), from
    /// `onContinueUserActivity` or the scene delegate's `scene(_:continue:)`.
    public func handleOpenUniversalLink(_ userActivity: NSUserActivity) -> Bool {
        isRegistered && wechat.handleOpenUniversalLink(userActivity, receiver: self)
    }
}
#endif
