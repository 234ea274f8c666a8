import Foundation

/// Runs a core call so that cancelling the calling `Task` returns at once, throwing
/// `CancellationError`: `try await returningOnCancel { try await core.loginWithCode(code: code) }`.
///
/// UniFFI's generated Swift does not pass a `Task`'s cancellation on to the Rust
/// future, so a cancelled `await core.…` call waits for its answer, up to the core's
/// `requestTimeoutMs` for a server that never answers, and the screen that gave up
/// waits with it. This returns to the caller at once; the call itself goes on in the
/// core until it ends (answer or `requestTimeoutMs`), and what it does there still
/// happens: a login whose answer arrives later stores its session and moves the flow
/// state, which `flowStates` reports. The core and the call are freed when it ends.
///
/// For the calls that wait for WeChat's callback, prefer `WeChatLogin`'s `signIn()`,
/// `authorize()` and `resumePendingLogin()`: cancelling them cancels the request
/// itself.
public func returningOnCancel<T: Sendable>(
    _ call: @escaping @Sendable () async throws -> T
) async throws -> T {
    try Task.checkCancellation()
    let outcome = FirstOutcome<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            outcome.attach(continuation)
            Task {
                do {
                    outcome.resolve(.success(try await call()))
                } catch {
                    outcome.resolve(.failure(error))
                }
            }
        }
    } onCancel: {
        outcome.resolve(.failure(CancellationError()))
    }
}

/// Resumes one continuation with whichever result comes first, the call's or the
/// cancellation's; cancellation can come before the continuation exists.
private final class FirstOutcome<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, Error>?
    private var early: Result<T, Error>?
    private var resolved = false

    func attach(_ waiting: CheckedContinuation<T, Error>) {
        lock.lock()
        if let early {
            lock.unlock()
            waiting.resume(with: early)
            return
        }
        continuation = waiting
        lock.unlock()
    }

    func resolve(_ result: Result<T, Error>) {
        lock.lock()
        guard !resolved else {
            lock.unlock()
            return
        }
        resolved = true
        guard let waiting = continuation else {
            early = result
            lock.unlock()
            return
        }
        continuation = nil
        lock.unlock()
        waiting.resume(with: result)
    }
}
