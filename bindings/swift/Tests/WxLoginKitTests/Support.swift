import Foundation
import WxLoginCore
import WxLoginKitTesting
import XCTest

let appId = "wx0123456789abcdef"

/// A keystore that is locked: every call throws, as the Keychain does before the first
/// unlock after a reboot.
final class LockedStore: SecureStore, @unchecked Sendable {
    struct Locked: Error, CustomStringConvertible {
        var description: String { "keychain locked" }
    }

    func get(key: String) throws -> String? { throw Locked() }
    func set(key: String, value: String) throws { throw Locked() }
    func delete(key: String) throws { throw Locked() }
}

func newCore(
    store: SecureStore = MemorySecureStore(),
    ttlMs: Int64 = 600_000,
    graceMs: Int64 = 50,
    platform: Platform = .ios
) throws -> WxLogin {
    try WxLogin(config: WxLoginConfig(appId: appId, platform: platform, stateTtlMs: ttlMs, gracePeriodMs: graceMs), store: store)
}

struct UnexpectedStart: Error {
    let start: AuthStart
}

extension WxLogin {
    /// Starts an app authorization and returns its state.
    func begin() throws -> String {
        let start = try beginAuth(availability: .ready)
        guard case let .request(scope, state) = start, scope == "snsapi_userinfo" else {
            throw UnexpectedStart(start: start)
        }
        return state
    }
}

struct TimedOut: Error, CustomStringConvertible {
    let what: String
    var description: String { "\(what): no answer in time (hung?)" }
}

/// Runs `operation` in a task of its own and returns its result, or throws `TimedOut`
/// after `seconds`. Unlike a task group, this returns even when the operation never
/// does (a group waits for all its children), so a hang fails the test instead of
/// stalling the run.
func within<T: Sendable>(
    _ seconds: Double,
    _ what: String,
    _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    let once = Once()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
        Task {
            do {
                let value = try await operation()
                once.run { continuation.resume(returning: value) }
            } catch {
                once.run { continuation.resume(throwing: error) }
            }
        }
        Task {
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            once.run { continuation.resume(throwing: TimedOut(what: what)) }
        }
    }
}

/// Polls `condition` until it holds, or fails the test after `seconds`.
func eventually(
    _ what: String,
    within seconds: Double = 5,
    file: StaticString = #filePath,
    line: UInt = #line,
    _ condition: () throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while try !condition() {
        guard Date() < deadline else {
            XCTFail("\(what): not within \(seconds) s", file: file, line: line)
            return
        }
        try await Task.sleep(nanoseconds: 5_000_000)
    }
}

/// Runs a closure at most once, from whichever thread comes first.
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func run(_ body: () -> Void) {
        lock.lock()
        let first = !done
        done = true
        lock.unlock()
        if first {
            body()
        }
    }
}
