import Foundation
import WxLoginCore
import WxLoginKit
import WxLoginKitTesting
import XCTest

/// The whole WeChat login through the glue and the generated Swift, against the WeChat
/// simulator and the reference server that scripts/swift-test.sh starts. The fake SDK
/// plays the phone: on `send` it asks the simulator for a code (the user taps "allow"
/// in WeChat) and opens the app with WeChat's callback URL.
///
/// The server's database lives for the whole run, so every test uses its own WeChat
/// user and phone number.
final class ServerFlowTests: XCTestCase {
    private let timeout = 15.0

    private func registeredLogin(_ live: LiveServices, store: SecureStore) throws -> (WeChatLogin, FakeWeChat) {
        let wechat = FakeWeChat()
        let login = try WeChatLogin(config: live.config(), store: store, wechat: wechat, consent: Consent(granted: true))
        try login.registerApp(universalLink: "https://app.example.com/wxlogin/")
        return (login, wechat)
    }

    func testWeChatLoginBindsAPhoneAndANewInstanceResumesTheSession() async throws {
        let live = try LiveServices.fromEnvironment()
        let user = LiveServices.newUser("flow")
        let nickname = "小明 \(user)"
        try await live.setNickname(user: user, nickname)
        let mobile = LiveServices.newMobile()
        let store = MemorySecureStore()
        let states = Recorder<FlowState>()

        let (login, wechat) = try registeredLogin(live, store: store)
        login.core.setFlowObserver(observer: FlowStateRelay { states.add($0) })
        wechat.answerOnSimulator(live, user: user, login: login) { error in
            XCTFail("the simulator did not authorize: \(error)")
        }

        let result = try await within(timeout, "signIn") { try await login.signIn() }
        guard case let .needsPhone(bindTicket, profile, expiresInS) = result else {
            return XCTFail("expected needsPhone, got \(result)")
        }
        XCTAssertEqual(profile.nickname, nickname)
        XCTAssertFalse(bindTicket.isEmpty)
        XCTAssertGreaterThan(expiresInS, 0)
        assertBindPhoneStep(login.core.flowState(), ticket: bindTicket, profile: profile)
        XCTAssertNil(try login.core.currentAccount())

        // The bind-phone screen is recreated after the process was killed: a new instance
        // over the same store is on the same step, with the ticket to bind with.
        let (recreated, _) = try registeredLogin(live, store: store)
        assertBindPhoneStep(recreated.core.flowState(), ticket: bindTicket, profile: profile)
        XCTAssertEqual(recreated.core.flowState(), login.core.flowState())

        let sent = try await login.core.requestCaptcha(mobile: mobile, purpose: .bind)
        XCTAssertGreaterThan(sent.expiresInS, 0)
        let captcha = try await live.lastCaptcha(mobile: mobile)
        let bound = try await login.core.bindPhone(bindTicket: bindTicket, mobile: mobile, captcha: captcha)
        XCTAssertEqual(bound.mobile, mobile)
        XCTAssertTrue(bound.isBindWechat)
        XCTAssertEqual(bound.wechatName, nickname)
        XCTAssertNotNil(bound.wechatOpenId)
        XCTAssertEqual(login.core.flowState(), .signedIn(account: bound))
        XCTAssertEqual(try login.core.currentAccount(), bound)

        // The observer is told the current state when it registers, then each step.
        let seen = states.items
        XCTAssertEqual(seen.count, 5, "\(seen)")
        if seen.count == 5 {
            XCTAssertEqual([seen[0], seen[1], seen[2], seen[4]], [.idle, .waitingForWechat, .exchanging, .signedIn(account: bound)])
            assertBindPhoneStep(seen[3], ticket: bindTicket, profile: profile)
        }

        // The process was killed: a new instance over the same store knows the account
        // at once, offline, and the server confirms the session.
        let (relaunched, relaunchedWeChat) = try registeredLogin(live, store: store)
        XCTAssertEqual(try relaunched.core.currentAccount(), bound)
        let resumed = try await relaunched.core.resumeSession()
        XCTAssertEqual(resumed.id, bound.id)
        XCTAssertEqual(resumed.mobile, mobile)
        XCTAssertTrue(resumed.isBindWechat)
        XCTAssertEqual(try relaunched.core.currentAccount(), resumed)
        XCTAssertTrue(relaunchedWeChat.sentRequests.isEmpty)
    }

    /// The app was killed while the user was in WeChat, and iOS launches it with WeChat's
    /// URL, which the scene hands over before the launch code calls `resumePendingLogin()`.
    /// The callback resolved the request already; the login still finishes, with the code
    /// the core keeps as its last outcome. The bind-phone step it reaches is where the
    /// next launch starts, ticket included, for every screen that follows the flow.
    func testACallbackHandledBeforeTheResumeAtLaunchStillFinishesTheLogin() async throws {
        let live = try LiveServices.fromEnvironment()
        let store = MemorySecureStore()
        let state: String
        do {
            let (killed, _) = try registeredLogin(live, store: store)
            state = try killed.core.begin()
        }
        let code = try await live.authorize(user: LiveServices.newUser("cold-start"))

        let (relaunched, wechat) = try registeredLogin(live, store: store)
        XCTAssertTrue(relaunched.handleOpenURL(wechat.authorizedURL(code: code, state: state)))
        XCTAssertFalse(try relaunched.core.isAuthPending())
        let result = try await relaunched.resumePendingLogin()
        guard case let .needsPhone(bindTicket, profile, _)? = result else {
            return XCTFail("expected needsPhone, got \(String(describing: result))")
        }
        assertBindPhoneStep(relaunched.core.flowState(), ticket: bindTicket, profile: profile)
        // Asked again once the flow moved on, there is nothing to finish.
        let again = try await relaunched.resumePendingLogin()
        XCTAssertNil(again)

        // Killed again on the bind-phone page: the next launch's screens start there.
        let (next, _) = try registeredLogin(live, store: store)
        let seen = try await within(5, "the first state of the next launch") { () -> FlowState? in
            for await state in next.flowStates {
                return state
            }
            return nil
        }
        assertBindPhoneStep(try XCTUnwrap(seen), ticket: bindTicket, profile: profile)
    }

    func testADoubleTapSendsTheCodeOnce() async throws {
        let live = try LiveServices.fromEnvironment()
        let code = try await live.authorize(user: LiveServices.newUser("double-tap"))
        let exchangesBefore = try await live.accessTokenCalls()
        // WeChat answers slowly, so the second tap arrives while the first is in flight.
        try await live.slowAccessToken(latencyMs: 300)
        let core = try WxLogin(config: live.config(), store: MemorySecureStore())
        async let first = core.loginWithCode(code: code)
        async let second = core.loginWithCode(code: code)
        let (a, b) = try await (first, second)
        guard case .needsPhone = a else {
            return XCTFail("expected needsPhone, got \(a)")
        }
        // The server hands out a new bind ticket per request, so one ticket means one request.
        XCTAssertEqual(a, b)
        let exchangesAfter = try await live.accessTokenCalls()
        XCTAssertEqual(exchangesAfter - exchangesBefore, 1)
    }

    func testAWrongCaptchaIsCaptchaInvalid() async throws {
        let live = try LiveServices.fromEnvironment()
        let mobile = LiveServices.newMobile()
        let core = try WxLogin(config: live.config(), store: MemorySecureStore())
        let login = try await core.loginWithCode(code: live.authorize(user: LiveServices.newUser("wrong-captcha")))
        guard case let .needsPhone(bindTicket, profile, _) = login else {
            return XCTFail("expected needsPhone, got \(login)")
        }
        _ = try await core.requestCaptcha(mobile: mobile, purpose: .bind)
        let wrong = try await live.lastCaptcha(mobile: mobile) == "000000" ? "111111" : "000000"
        do {
            _ = try await core.bindPhone(bindTicket: bindTicket, mobile: mobile, captcha: wrong)
            XCTFail("a wrong captcha bound the phone")
        } catch WxLoginError.CaptchaInvalid {
            // expected
        }
        XCTAssertNil(try core.currentAccount())
        assertBindPhoneStep(core.flowState(), ticket: bindTicket, profile: profile)
    }

    func testNoServerListeningIsANetworkError() async throws {
        let config = WxLoginConfig(appId: appId, platform: .ios, serverUrl: "http://127.0.0.1:1", requestTimeoutMs: 5000)
        let core = try WxLogin(config: config, store: MemorySecureStore())
        do {
            _ = try await core.requestCaptcha(mobile: LiveServices.newMobile(), purpose: .bind)
            XCTFail("a captcha was requested from nowhere")
        } catch let WxLoginError.Network(reason) {
            XCTAssertFalse(reason.isEmpty)
        }
    }
}

/// `state` is the bind-phone step for `ticket` and `profile`, with an expiry ahead.
private func assertBindPhoneStep(
    _ state: FlowState, ticket: String, profile: WechatProfile,
    file: StaticString = #filePath, line: UInt = #line
) {
    guard case let .needsPhone(wechat, bindTicket, expiresAtMs) = state else {
        return XCTFail("expected needsPhone, got \(state)", file: file, line: line)
    }
    XCTAssertEqual(wechat, profile, file: file, line: line)
    XCTAssertEqual(bindTicket, ticket, file: file, line: line)
    XCTAssertGreaterThan(expiresAtMs, Int64(Date().timeIntervalSince1970 * 1000), file: file, line: line)
}
