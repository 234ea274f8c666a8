import Foundation
import WxLoginCore
@testable import WxLoginKit
import WxLoginKitTesting
import XCTest

/// The flow as screens follow it: `flowStates` (an `AsyncSequence`) and
/// `observeFlowState` (a handler), both fed by the core's single observer slot.
final class FlowStatesTests: XCTestCase {
    private func registeredLogin(store: SecureStore = MemorySecureStore()) throws -> (WeChatLogin, FakeWeChat) {
        let wechat = FakeWeChat()
        let login = try WeChatLogin(config: WxLoginConfig(appId: appId, platform: .ios), store: store, wechat: wechat, consent: Consent(granted: true))
        try login.registerApp(universalLink: "https://app.example.com/wxlogin/")
        return (login, wechat)
    }

    /// One WeChat login the user cancels in WeChat: idle → waiting → idle.
    private func signInCancelledInWeChat(_ login: WeChatLogin, _ wechat: FakeWeChat) async throws {
        let sentBefore = wechat.sentRequests.count
        let signIn = Task { try await login.signIn() }
        try await eventually("the request is pending") { try wechat.sentRequests.count > sentBefore && login.core.isAuthPending() }
        let state = try XCTUnwrap(wechat.sentRequests.last?.state)
        login.didReceiveAuthResponse(errCode: -2, code: nil, state: state)
        let result = try await within(5, "a login cancelled in WeChat") { try await signIn.value }
        XCTAssertEqual(result, .notAuthorized(outcome: .cancelled))
    }

    func testEverySequenceAndHandlerGetsTheCurrentStateThenEachChange() async throws {
        let (login, wechat) = try registeredLogin()
        let first = Task { await firstStates(login.flowStates, count: 3) }
        let second = Task { await firstStates(login.flowStates, count: 3) }
        let handled = Recorder<FlowState>()
        let observation = login.observeFlowState { handled.add($0) }
        try await eventually("both sequences attached") { login.flowStateConsumerCount == 3 }

        try await signInCancelledInWeChat(login, wechat)

        let expected: [FlowState] = [.idle, .waitingForWechat, .idle]
        let firstSeen = try await within(5, "the first sequence") { await first.value }
        let secondSeen = try await within(5, "the second sequence") { await second.value }
        XCTAssertEqual(firstSeen, expected)
        XCTAssertEqual(secondSeen, expected)
        XCTAssertEqual(handled.items, expected)

        // A screen that starts following later is told where the flow is first.
        _ = try login.core.begin()
        let late = try await within(5, "a late sequence") { await firstStates(login.flowStates, count: 1) }
        XCTAssertEqual(late, [.waitingForWechat])

        // A cancelled observation is not called again, and is detached.
        observation.cancel()
        XCTAssertTrue(try login.core.cancelAuth())
        _ = try await login.core.completeWechatLogin()
        XCTAssertEqual(login.core.flowState(), .idle)
        XCTAssertEqual(handled.items, expected + [.waitingForWechat])
        try await eventually("every consumer detached") { login.flowStateConsumerCount == 0 }
    }

    /// The app was killed while the user was in WeChat: the next launch's screens are
    /// told the flow is waiting for WeChat before anything else happens.
    func testANewProcessStartsOnTheRequestStillPending() async throws {
        let store = MemorySecureStore()
        _ = try newCore(store: store).begin()
        let (relaunched, _) = try registeredLogin(store: store)
        let first = await firstStates(relaunched.flowStates, count: 1)
        XCTAssertEqual(first, [.waitingForWechat])
    }

    /// A screen's `Task` is cancelled while it waits for the next state: the loop ends at
    /// once and the sequence no longer hangs on the core.
    func testCancellingTheConsumingTaskEndsTheLoopAndDetachesIt() async throws {
        let (login, _) = try registeredLogin()
        let following = Task { () -> Int in
            var seen = 0
            for await _ in login.flowStates {
                seen += 1
            }
            return seen
        }
        try await eventually("the sequence attached") { login.flowStateConsumerCount == 1 }
        following.cancel()
        let seen = try await within(5, "a cancelled loop over flowStates") { await following.value }
        XCTAssertEqual(seen, 1)
        try await eventually("the sequence detached") { login.flowStateConsumerCount == 0 }
    }

    /// Leaving the loop early (`break`, or reading only the first state) detaches the
    /// sequence too, once it is dropped.
    func testASequenceLeftEarlyIsDetached() async throws {
        let (login, _) = try registeredLogin()
        let current = await firstStates(login.flowStates, count: 1)
        XCTAssertEqual(current, [.idle])
        try await eventually("the sequence detached") { login.flowStateConsumerCount == 0 }
        do {
            let observation = login.observeFlowState { _ in }
            XCTAssertEqual(login.flowStateConsumerCount, 1)
            withExtendedLifetime(observation) {}
        }
        try await eventually("the freed observation detached") { login.flowStateConsumerCount == 0 }
    }

    /// The sequence does not keep the core alive: freeing the login ends every loop
    /// still following it.
    func testFreeingTheLoginFinishesTheSequences() async throws {
        weak var weakCore: WxLogin?
        let following: Task<Int, Never>
        do {
            let (login, _) = try registeredLogin()
            weakCore = login.core
            let states = login.flowStates
            following = Task {
                var seen = 0
                for await _ in states {
                    seen += 1
                }
                return seen
            }
            try await eventually("the sequence attached") { login.flowStateConsumerCount == 1 }
        }
        let seen = try await within(5, "a loop over the flow of a freed login") { await following.value }
        XCTAssertEqual(seen, 1)
        XCTAssertNil(weakCore)
    }
}

/// The first `count` elements of `states`.
private func firstStates(_ states: AsyncStream<FlowState>, count: Int) async -> [FlowState] {
    var seen: [FlowState] = []
    for await state in states {
        seen.append(state)
        if seen.count == count {
            break
        }
    }
    return seen
}
