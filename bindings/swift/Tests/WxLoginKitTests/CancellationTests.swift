import Foundation
import WxLoginCore
import WxLoginKit
import WxLoginKitTesting
import XCTest

/// A `Task` cancelled while it awaits the core (the login screen was closed while the
/// user was in WeChat) must end at once and leave nothing waiting behind.
///
/// UniFFI's Swift side does not pass cancellation to the Rust future, so without the
/// glue's handling such a task would wait out the state's lifetime (10 minutes here),
/// holding the core, its store and the Swift continuation.
final class CancellationTests: XCTestCase {
    private func registeredLogin(store: SecureStore = MemorySecureStore()) throws -> (WeChatLogin, FakeWeChat) {
        let wechat = FakeWeChat()
        let login = try WeChatLogin(config: WxLoginConfig(appId: appId, platform: .ios), store: store, wechat: wechat, consent: Consent(granted: true))
        try login.registerApp(universalLink: "https://app.example.com/wxlogin/")
        return (login, wechat)
    }

    func testCancellingAuthorizeCancelsTheRequest() async throws {
        let (login, wechat) = try registeredLogin()
        let waiting = Task { try await login.authorize() }
        try await eventually("the request is pending") { try !wechat.sentRequests.isEmpty && login.core.isAuthPending() }
        waiting.cancel()
        let outcome = try await within(5, "a cancelled authorize") { try await waiting.value }
        XCTAssertEqual(outcome, .cancelled)
        XCTAssertFalse(try login.core.isAuthPending())
        // WeChat's answer arriving afterwards is ignored.
        let state = try XCTUnwrap(wechat.sentRequests.first?.state)
        XCTAssertEqual(try login.core.onAuthResp(errCode: 0, code: "LATE", state: state), .duplicate)
    }

    func testADoubleTapJoinsAndCancellingEitherTapEndsTheLoginForBoth() async throws {
        let (login, wechat) = try registeredLogin()
        let first = Task { try await login.signIn() }
        try await eventually("the request is pending") { try !wechat.sentRequests.isEmpty && login.core.isAuthPending() }
        // A second tap joins the login in flight (which nothing but a cancel can end
        // here), and its screen is closed: that gives the login up for both.
        let second = Task { try await login.signIn() }
        second.cancel()
        let results = try await within(5, "a cancelled signIn") { try await (first.value, second.value) }
        XCTAssertEqual(results.0, .notAuthorized(outcome: .cancelled))
        XCTAssertEqual(results.1, .notAuthorized(outcome: .cancelled))
        XCTAssertEqual(wechat.sentRequests.count, 1)
        XCTAssertFalse(try login.core.isAuthPending())
        XCTAssertEqual(login.core.flowState(), .idle)
    }

    func testATaskCancelledBeforeItStartsLeavesNoRequestBehind() async throws {
        let (login, wechat) = try registeredLogin()
        let cancelledEarly = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await login.signIn()
        }
        let result = try await within(5, "a signIn cancelled before it began") { try await cancelledEarly.value }
        XCTAssertEqual(result, .notAuthorized(outcome: .cancelled))
        XCTAssertEqual(wechat.sentRequests.count, 1)
        XCTAssertFalse(try login.core.isAuthPending())
    }

    /// Nothing is left holding the core: once the cancelled task ended and the app
    /// dropped its references, the core is freed, and with it the app's store (the
    /// Rust side holds the store for as long as the core lives).
    func testACancelledWaitLeavesNothingBehind() async throws {
        weak var weakStore: MemorySecureStore?
        weak var weakCore: WxLogin?
        weak var weakLogin: WeChatLogin?
        do {
            let store = MemorySecureStore()
            let (login, wechat) = try registeredLogin(store: store)
            weakStore = store
            weakCore = login.core
            weakLogin = login
            let waiting = Task { try await login.signIn() }
            try await eventually("the request is pending") { try !wechat.sentRequests.isEmpty && login.core.isAuthPending() }
            waiting.cancel()
            _ = try await within(5, "a cancelled signIn") { try await waiting.value }
        }
        try await eventually("the login, the core and the store are freed") {
            weakLogin == nil && weakCore == nil && weakStore == nil
        }
    }
}

/// A `Task` cancelled while a core call waits for a server that never answers (the
/// screen was closed during a slow login) returns at once through `returningOnCancel`,
/// and the call left running in the core frees it when it ends.
final class ServerCallCancellationTests: XCTestCase {
    func testACancelledServerCallReturnsAtOnceAndFreesTheCoreWhenTheCallEnds() async throws {
        let server = try SilentServer()
        defer { server.stop() }
        weak var weakCore: WxLogin?
        do {
            let config = WxLoginConfig(appId: appId, platform: .ios, serverUrl: server.url, requestTimeoutMs: 6_000)
            let core = try WxLogin(config: config, store: MemorySecureStore())
            weakCore = core
            let login = Task { try await returningOnCancel { try await core.loginWithCode(code: "CODE-NEVER-ANSWERED") } }
            try await eventually("the request reached the server") { server.accepted == 1 }
            login.cancel()
            do {
                let result = try await within(2, "a cancelled loginWithCode") { try await login.value }
                XCTFail("a call to a server that never answers returned \(result)")
            } catch is CancellationError {
                // expected, well before the request's 6 s timeout
            }
        }
        try await eventually("the core is freed once its call timed out", within: 20) { weakCore == nil }
    }

    func testACallCancelledBeforeItStartsIsNotMade() async throws {
        let server = try SilentServer()
        defer { server.stop() }
        let config = WxLoginConfig(appId: appId, platform: .ios, serverUrl: server.url, requestTimeoutMs: 6_000)
        let core = try WxLogin(config: config, store: MemorySecureStore())
        let login = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await returningOnCancel { try await core.loginWithCode(code: "CODE-NOT-SENT") }
        }
        do {
            _ = try await within(2, "a loginWithCode cancelled before it began") { try await login.value }
            XCTFail("a cancelled call was made")
        } catch is CancellationError {
            // expected
        }
        try await Task.sleep(nanoseconds: 200_000_000)
        XCTAssertEqual(server.accepted, 0)
    }

    /// Not cancelled, the call's own answer comes through unchanged: here the core's
    /// typed error for a server that never answers.
    func testAnUncancelledCallGivesTheCoreAnswer() async throws {
        let server = try SilentServer()
        defer { server.stop() }
        let config = WxLoginConfig(appId: appId, platform: .ios, serverUrl: server.url, requestTimeoutMs: 300)
        let core = try WxLogin(config: config, store: MemorySecureStore())
        do {
            _ = try await within(10, "a loginWithCode that times out") {
                try await returningOnCancel { try await core.loginWithCode(code: "CODE-TIMED-OUT") }
            }
            XCTFail("a server that never answers gave a result")
        } catch let error as WxLoginError {
            guard case .Network = error else {
                return XCTFail("expected a network error, got \(error)")
            }
        }
    }
}
