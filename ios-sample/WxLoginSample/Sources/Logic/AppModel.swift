#if canImport(Combine)
import Combine
#endif
import Foundation
import WxLoginCore
import WxLoginKit

/// The sample's state: which screen, the login flow, the last message. Every action goes
/// through the core (or WxLoginKit for the WeChat parts); the model only routes.
///
/// No SwiftUI or UIKit here, so it compiles and is tested wherever Swift runs
/// (scripts/swift-test.sh, on Linux). The app creates it with the Keychain and the
/// WeChat SDK (`AppModel.live()`, WxLoginSampleApp.swift); tests with fakes.
@MainActor
final class AppModel: ObservableObject {
    enum Route: Equatable {
        case consent
        case login
        case bindPhone(ticket: String, wechat: WechatProfile)
        case signedIn(Account)
    }

    @Published var route: Route
    @Published var flow: FlowState = .idle
    @Published var buttonPolicy: ButtonPolicy = .hide
    @Published var busy = false
    @Published var message: String?

    let wechat: WeChatLogin?
    let setupError: String?
    /// The launch's work after consent (register, resume a pending login, re-check the
    /// session); tests await it.
    private(set) var launch: Task<Void, Never>?
    private let settings: SampleSettings
    private let consent: UserDefaultsPrivacyConsent

    /// `makeLogin` builds the glue over the app's store and WeChat SDK from the core's
    /// configuration (what `WeChatLogin(config:store:wechat:consent:)` refuses shows as
    /// the configuration error).
    init(
        settings: SampleSettings,
        consent: UserDefaultsPrivacyConsent,
        makeLogin: (WxLoginConfig) throws -> WeChatLogin
    ) {
        var made: WeChatLogin?
        var failure: String?
        do {
            made = try makeLogin(WxLoginConfig(appId: settings.appId, platform: .ios, serverUrl: settings.serverUrl))
        } catch {
            failure = "The core refused its configuration: \(ErrorText.describe(error))"
        }
        self.settings = settings
        self.consent = consent
        wechat = made
        setupError = failure
        route = consent.isGranted ? .login : .consent
        made?.onCallbackOutcome = { outcome in
            if outcome == .replayed {
                NSLog("wxlogin: a used WeChat state came back with another answer (security event)")
            }
        }
        if let states = made?.flowStates {
            Task { [weak self] in
                for await state in states {
                    self?.flow = state
                }
            }
        }
        if consent.isGranted {
            start()
        }
    }

    // MARK: Launch and consent

    func acceptPrivacyPolicy() {
        consent.grant()
        route = .login
        start()
    }

    /// After consent (now or on an earlier launch): register with WeChat, show a stored
    /// session at once, then finish a login left pending by a killed process and re-check
    /// the session with the server.
    private func start() {
        guard let wechat else {
            return
        }
        do {
            try wechat.registerApp(universalLink: settings.universalLink)
        } catch {
            message = ErrorText.describe(error)
        }
        refreshButtonPolicy()
        if let account = try? wechat.core.currentAccount() {
            route = .signedIn(account)
        }
        launch = Task {
            await resumeAtLaunch()
        }
    }

    private func resumeAtLaunch() async {
        guard let wechat else {
            return
        }
        do {
            if let result = try await wechat.resumePendingLogin() {
                apply(result)
                return
            }
            if case .signedIn = route {
                let account = try await wechat.core.resumeSession()
                route = .signedIn(account)
            }
        } catch {
            handle(error)
        }
    }

    func sceneDidBecomeActive() {
        wechat?.sceneDidBecomeActive()
        refreshButtonPolicy()
    }

    /// WeChat may have been installed or removed while the app was in the background.
    func refreshButtonPolicy() {
        buttonPolicy = wechat?.buttonPolicy() ?? .hide
    }

    // MARK: Login

    func signInWithWeChat() async {
        guard let wechat else {
            return
        }
        await run {
            let result = try await wechat.signIn()
            self.apply(result)
        }
    }

    func requestCaptcha(mobile: String, purpose: CaptchaPurpose) async -> CaptchaSent? {
        guard let wechat else {
            return nil
        }
        do {
            return try await wechat.core.requestCaptcha(mobile: mobile, purpose: purpose)
        } catch {
            handle(error)
            return nil
        }
    }

    func signInWithPhone(mobile: String, captcha: String) async {
        guard let wechat else {
            return
        }
        await run {
            let account = try await wechat.core.loginWithPhone(mobile: mobile, captcha: captcha)
            self.route = .signedIn(account)
        }
    }

    func signInWithPassword(account: String, password: String) async {
        guard let wechat else {
            return
        }
        await run {
            let signedIn = try await wechat.core.loginWithPassword(account: account, password: password)
            self.route = .signedIn(signedIn)
        }
    }

    /// The forced bind-phone page after a WeChat login with an unknown identity.
    func bindPhone(ticket: String, mobile: String, captcha: String) async {
        guard let wechat else {
            return
        }
        await run {
            let account = try await wechat.core.bindPhone(bindTicket: ticket, mobile: mobile, captcha: captcha)
            self.route = .signedIn(account)
        }
    }

    func abandonBinding() {
        route = .login
    }

    // MARK: Signed in

    func bindWeChat() async {
        guard let wechat else {
            return
        }
        await run {
            let outcome = try await wechat.authorize()
            guard case let .authorized(code) = outcome else {
                self.message = ErrorText.describe(outcome)
                return
            }
            let account = try await wechat.core.bindWechat(code: code)
            self.route = .signedIn(account)
        }
    }

    func bindPhoneToAccount(mobile: String, captcha: String) async {
        guard let wechat else {
            return
        }
        await run {
            let account = try await wechat.core.bindPhoneToAccount(mobile: mobile, captcha: captcha)
            self.route = .signedIn(account)
        }
    }

    func refreshAccount() async {
        guard let wechat else {
            return
        }
        await run {
            let account = try await wechat.core.fetchAccount()
            self.route = .signedIn(account)
        }
    }

    func signOut() async {
        guard let wechat else {
            return
        }
        await run {
            try await wechat.core.logout()
            self.route = .login
        }
    }

    // MARK: Helpers

    private func apply(_ result: LoginResult) {
        switch result {
        case let .signedIn(account):
            route = .signedIn(account)
        case let .needsPhone(bindTicket, wechat, _):
            route = .bindPhone(ticket: bindTicket, wechat: wechat)
        case let .notAuthorized(outcome):
            if outcome != .cancelled {
                message = ErrorText.describe(outcome)
            }
        }
    }

    private func run(_ work: @MainActor () async throws -> Void) async {
        busy = true
        defer { busy = false }
        do {
            try await work()
        } catch {
            handle(error)
        }
        refreshButtonPolicy()
    }

    private func handle(_ error: Error) {
        if let error = error as? WxLoginError {
            switch error {
            case .NotSignedIn, .BindTicketExpired:
                route = .login
            default:
                break
            }
        }
        message = ErrorText.describe(error)
    }
}
