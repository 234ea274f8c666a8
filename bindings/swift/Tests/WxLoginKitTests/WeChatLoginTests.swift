import Foundation
import WxLoginCore
import WxLoginKit
import WxLoginKitTesting
import XCTest

/// The glue between the app, the WeChat SDK (a fake behind `WeChatOpenAPI`) and the core.
final class WeChatLoginTests: XCTestCase {
    private let universalLink = "https://app.example.com/wxlogin/"

    private func makeLogin(
        wechat: FakeWeChat = FakeWeChat(),
        consented: Bool = true,
        store: SecureStore = MemorySecureStore()
    ) throws -> (WeChatLogin, FakeWeChat, Consent) {
        let consent = Consent(granted: consented)
        let config = WxLoginConfig(appId: appId, platform: .ios, gracePeriodMs: 50)
        let login = try WeChatLogin(config: config, store: store, wechat: wechat, consent: consent)
        return (login, wechat, consent)
    }

    /// Answers every request the way the WeChat app does after the user agreed: it
    /// opens the app with the callback URL, which the app hands to `handleOpenURL`.
    private func agreeInWeChat(_ login: WeChatLogin, _ wechat: FakeWeChat, code: String, handled: Flag? = nil) {
        wechat.onSend = { [unowned login, unowned wechat] request in
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.02) {
                let url = wechat.authorizedURL(code: code, state: request.state)
                handled?.set(login.handleOpenURL(url))
            }
        }
    }

    // MARK: Consent and registration

    func testNothingTouchesTheSDKBeforeConsent() async throws {
        let (login, wechat, _) = try makeLogin(consented: false)
        XCTAssertThrowsError(try login.registerApp(universalLink: universalLink)) { error in
            XCTAssertEqual(error as? WxLoginKitError, .privacyConsentRequired)
        }
        XCTAssertTrue(wechat.registrations.isEmpty)
        XCTAssertFalse(login.isRegistered)
        XCTAssertEqual(login.buttonPolicy(), .hide)
        do {
            _ = try await within(5, "signIn before consent") { try await login.signIn() }
            XCTFail("signed in before consent")
        } catch {
            XCTAssertEqual(error as? WxLoginKitError, .notRegistered)
        }
        XCTAssertTrue(wechat.sentRequests.isEmpty)
        XCTAssertFalse(try login.core.isAuthPending())
        XCTAssertFalse(login.handleOpenURL(wechat.authorizedURL(code: "C", state: "S")))
    }

    func testRegistersOnceAfterConsent() throws {
        let (login, wechat, consent) = try makeLogin(consented: false)
        XCTAssertThrowsError(try login.registerApp(universalLink: universalLink))
        consent.granted = true
        try login.registerApp(universalLink: universalLink)
        try login.registerApp(universalLink: universalLink)
        XCTAssertTrue(login.isRegistered)
        XCTAssertEqual(wechat.registrations.count, 1)
        XCTAssertEqual(wechat.registrations.first?.appId, appId)
        XCTAssertEqual(wechat.registrations.first?.universalLink, universalLink)
    }

    func testARefusedRegistrationCanBeRetried() throws {
        let wechat = FakeWeChat()
        wechat.acceptsRegistration = false
        let (login, _, _) = try makeLogin(wechat: wechat)
        XCTAssertThrowsError(try login.registerApp(universalLink: universalLink)) { error in
            XCTAssertEqual(error as? WxLoginKitError, .registrationFailed)
        }
        XCTAssertFalse(login.isRegistered)
        XCTAssertEqual(login.buttonPolicy(), .hide)
        wechat.acceptsRegistration = true
        try login.registerApp(universalLink: universalLink)
        XCTAssertTrue(login.isRegistered)
        XCTAssertEqual(wechat.registrations.count, 2)
    }

    func testAUniversalLinkMustBeHttps() throws {
        let (login, wechat, _) = try makeLogin()
        for link in ["http://app.example.com/wxlogin/", "app.example.com/wxlogin/", "https:///wxlogin/"] {
            XCTAssertThrowsError(try login.registerApp(universalLink: link), link) { error in
                XCTAssertEqual(error as? WxLoginKitError, .invalidUniversalLink(link))
            }
        }
        XCTAssertTrue(wechat.registrations.isEmpty)
    }

    func testUserDefaultsConsentIsRememberedAndRevocable() throws {
        let suite = "wxlogin.tests.\(UUID().uuidString)"
        let defaults = try XCTUnwrap(UserDefaults(suiteName: suite))
        defer { defaults.removePersistentDomain(forName: suite) }
        let consent = UserDefaultsPrivacyConsent(defaults: defaults)
        XCTAssertFalse(consent.isGranted)
        consent.grant()
        XCTAssertTrue(UserDefaultsPrivacyConsent(defaults: defaults).isGranted, "a later launch sees the consent")
        consent.revoke()
        XCTAssertFalse(UserDefaultsPrivacyConsent(defaults: defaults).isGranted)
    }

    // MARK: The install gate

    func testTheButtonHidesWithoutAUsableWeChat() throws {
        let (login, wechat, _) = try makeLogin()
        try login.registerApp(universalLink: universalLink)
        XCTAssertEqual(wechat.availability, .ready)
        XCTAssertEqual(login.buttonPolicy(), .show)
        wechat.setInstalled(false)
        XCTAssertEqual(wechat.availability, .notInstalled)
        XCTAssertEqual(login.buttonPolicy(), .hide)
        wechat.setInstalled(true, supportsApi: false)
        XCTAssertEqual(wechat.availability, .outdated)
        XCTAssertEqual(login.buttonPolicy(), .hide)
    }

    func testSignInRefusesWhenWeChatWasRemoved() async throws {
        let (login, wechat, _) = try makeLogin()
        try login.registerApp(universalLink: universalLink)
        wechat.setInstalled(false)
        do {
            _ = try await within(5, "signIn without WeChat") { try await login.signIn() }
            XCTFail("signed in without WeChat")
        } catch {
            XCTAssertEqual(error as? WxLoginKitError, .wechatNotInstalled)
        }
        wechat.setInstalled(true, supportsApi: false)
        do {
            _ = try await within(5, "authorize with an old WeChat") { try await login.authorize() }
            XCTFail("authorized with a WeChat too old for the API")
        } catch {
            XCTAssertEqual(error as? WxLoginKitError, .wechatUpdateRequired)
        }
        XCTAssertTrue(wechat.sentRequests.isEmpty)
        XCTAssertFalse(try login.core.isAuthPending())
    }

    // MARK: The callback

    func testTheCallbackURLBecomesTheOutcome() async throws {
        let (login, wechat, _) = try makeLogin()
        let observed = Recorder<AuthOutcome>()
        login.onCallbackOutcome = { observed.add($0) }
        try login.registerApp(universalLink: universalLink)
        let handled = Flag()
        agreeInWeChat(login, wechat, code: "081CODE", handled: handled)

        let outcome = try await within(5, "authorize") { try await login.authorize() }
        XCTAssertEqual(outcome, .authorized(code: "081CODE"))
        try await eventually("handleOpenURL returns") { handled.value != nil }
        XCTAssertEqual(handled.value, true)
        XCTAssertEqual(wechat.sentRequests.count, 1)
        XCTAssertEqual(wechat.sentRequests.first?.scope, "snsapi_userinfo")
        XCTAssertEqual(observed.items, [.authorized(code: "081CODE")])

        // The SDK delivers the same URL again: the core ignores it.
        let state = try XCTUnwrap(wechat.sentRequests.first?.state)
        XCTAssertTrue(login.handleOpenURL(wechat.authorizedURL(code: "081CODE", state: state)))
        XCTAssertEqual(observed.items.last, .duplicate)
    }

    func testAForgedCallbackURLIsAMismatchAndTheRequestStaysOpen() async throws {
        let (login, wechat, _) = try makeLogin()
        let observed = Recorder<AuthOutcome>()
        login.onCallbackOutcome = { observed.add($0) }
        try login.registerApp(universalLink: universalLink)
        let waiting = Task { try await login.authorize() }
        try await eventually("the request is sent") { !wechat.sentRequests.isEmpty }
        let state = try XCTUnwrap(wechat.sentRequests.first?.state)

        XCTAssertTrue(login.handleOpenURL(wechat.authorizedURL(code: "EVIL", state: String(state.reversed()))))
        XCTAssertEqual(observed.items, [.stateMismatch])
        XCTAssertTrue(try login.core.isAuthPending())
        XCTAssertFalse(login.handleOpenURL(URL(string: "https://app.example.com/other")!), "not WeChat's URL")

        XCTAssertTrue(login.handleOpenURL(wechat.authorizedURL(code: "REAL", state: state)))
        let outcome = try await within(5, "authorize") { try await waiting.value }
        XCTAssertEqual(outcome, .authorized(code: "REAL"))
    }

    func testASendFailureEndsTheRequestAtOnce() async throws {
        let wechat = FakeWeChat()
        wechat.sendSucceeds = false
        let (login, _, _) = try makeLogin(wechat: wechat)
        try login.registerApp(universalLink: universalLink)
        let outcome = try await within(5, "authorize with a failed send") { try await login.authorize() }
        XCTAssertEqual(outcome, .sendFailed)
        XCTAssertFalse(try login.core.isAuthPending())
        let result = try await within(5, "signIn with a failed send") { try await login.signIn() }
        XCTAssertEqual(result, .notAuthorized(outcome: .sendFailed))
        XCTAssertEqual(wechat.sentRequests.count, 2)
    }

    func testANewProcessAcceptsTheCallbackOfTheOldOne() async throws {
        let deviceStorage = MemorySecureStore()
        let state = try killedWhileInWeChat(store: deviceStorage)

        // iOS launches the app again with WeChat's answer; the new process only has the store.
        let (login, wechat, _) = try makeLogin(store: deviceStorage)
        let observed = Recorder<AuthOutcome>()
        login.onCallbackOutcome = { observed.add($0) }
        try login.registerApp(universalLink: universalLink)
        XCTAssertTrue(login.handleOpenURL(wechat.authorizedURL(code: "AFTER-KILL", state: state)))
        XCTAssertEqual(observed.items, [.authorized(code: "AFTER-KILL")])
    }

    func testANewProcessResumesTheWaitOfTheOldOne() async throws {
        let deviceStorage = MemorySecureStore()
        _ = try killedWhileInWeChat(store: deviceStorage)

        // The user comes back from WeChat without an answer, to a new process.
        let (login, _, _) = try makeLogin(store: deviceStorage)
        try login.registerApp(universalLink: universalLink)
        login.sceneDidBecomeActive()
        let result = try await within(5, "resumePendingLogin") { try await login.resumePendingLogin() }
        XCTAssertEqual(result, .notAuthorized(outcome: .cancelled))
        let nothing = try await within(5, "resumePendingLogin with nothing pending") { try await login.resumePendingLogin() }
        XCTAssertNil(nothing)
    }

    /// A login started in a process that is then killed: the request is in the store,
    /// nothing else of that process is left. Returns the request's state.
    private func killedWhileInWeChat(store: SecureStore) throws -> String {
        try newCore(store: store).begin()
    }
}

/// A consent the test flips.
final class Consent: PrivacyConsent {
    var granted: Bool
    init(granted: Bool) { self.granted = granted }
    var isGranted: Bool { granted }
}

/// Collects values from any thread.
final class Recorder<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T] = []

    func add(_ value: T) {
        lock.lock()
        values.append(value)
        lock.unlock()
    }

    var items: [T] {
        lock.lock()
        defer { lock.unlock() }
        return values
    }
}

/// A Bool set from another thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool?

    func set(_ value: Bool) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    var value: Bool? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
