import Foundation
import WxLoginCore
import XCTest

/// The login screen awaits `awaitOutcome()`; the SDK's `onResp` delivers on another thread.
final class AwaitOutcomeTests: XCTestCase {
    func testTheWaitingScreenGetsTheCallbackOutcome() async throws {
        let core = try newCore()
        let state = try core.begin()
        let waiting = Task { try await core.awaitOutcome() }
        try await Task.sleep(nanoseconds: 20_000_000)
        let delivered = Thread {
            _ = try? core.onAuthResp(errCode: 0, code: "FROM-ON-RESP", state: state)
        }
        delivered.start()
        let outcome = try await within(5, "awaitOutcome after onAuthResp") { try await waiting.value }
        XCTAssertEqual(outcome, .authorized(code: "FROM-ON-RESP"))
        // Handed out once: the next wait finds nothing pending.
        let next = try await within(5, "awaitOutcome with nothing pending") { try await core.awaitOutcome() }
        XCTAssertEqual(next, .noPendingRequest)
    }

    func testBackWithoutACallbackResolvesAsCancelledAfterTheGracePeriod() async throws {
        let core = try newCore(graceMs: 50)
        let state = try core.begin()
        core.onAppForeground()
        let outcome = try await within(5, "awaitOutcome after the grace period") { try await core.awaitOutcome() }
        XCTAssertEqual(outcome, .cancelled)
        XCTAssertEqual(try core.onAuthResp(errCode: 0, code: "LATE", state: state), .duplicate)
    }

    func testNothingPendingReturnsAtOnce() async throws {
        let core = try newCore()
        let outcome = try await within(5, "awaitOutcome with nothing pending") { try await core.awaitOutcome() }
        XCTAssertEqual(outcome, .noPendingRequest)
    }
}
