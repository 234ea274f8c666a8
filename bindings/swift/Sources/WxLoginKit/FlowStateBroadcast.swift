import Foundation
import WxLoginCore

/// The core's single `FlowObserver` slot, shared by any number of consumers: every
/// `WeChatLogin.flowStates` sequence and every `observeFlowState` handler.
///
/// Each consumer is told the current state first, then every change, in the order the
/// core reported them: delivery happens under one lock, so a consumer that joins while
/// a change is being delivered gets either the old state then the new one, or the new
/// one alone. The lock is recursive so that a handler may stop its own observation.
///
/// It holds no reference to the core (the core holds it), so it never keeps the core
/// alive; when the core is freed, it is freed too and every sequence still being
/// iterated finishes.
final class FlowStateBroadcast: FlowObserver, @unchecked Sendable {
    private struct Consumer {
        let deliver: (FlowState) -> Void
        let finish: () -> Void
    }

    private let lock = NSRecursiveLock()
    private var current: FlowState
    private var consumers: [UInt64: Consumer] = [:]
    private var nextId: UInt64 = 0

    init(current: FlowState) {
        self.current = current
    }

    deinit {
        for consumer in consumers.values {
            consumer.finish()
        }
    }

    func onFlowState(state: FlowState) {
        lock.lock()
        defer { lock.unlock() }
        current = state
        for consumer in consumers.values {
            consumer.deliver(state)
        }
    }

    /// How many consumers are attached (for the tests that check nothing is left behind).
    var consumerCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return consumers.count
    }

    /// Attaches a consumer, hands it the current state, and returns its id for `remove`.
    func add(deliver: @escaping (FlowState) -> Void, finish: @escaping () -> Void = {}) -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        let id = nextId
        nextId += 1
        consumers[id] = Consumer(deliver: deliver, finish: finish)
        deliver(current)
        return id
    }

    func remove(_ id: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        consumers[id] = nil
    }

    /// A new sequence of states, current first. Its consumer is detached when the
    /// iterating `Task` is cancelled or the sequence is dropped.
    ///
    /// Up to `buffered` states wait for a consumer that is slow to read them; beyond
    /// that the oldest are dropped, so memory stays bounded and the consumer still ends
    /// on the current state.
    func stream(buffered: Int) -> AsyncStream<FlowState> {
        AsyncStream(bufferingPolicy: .bufferingNewest(buffered)) { continuation in
            let id = add(deliver: { continuation.yield($0) }, finish: { continuation.finish() })
            continuation.onTermination = { [weak self] _ in
                self?.remove(id)
            }
        }
    }
}

/// One `observeFlowState` handler's registration. The handler is called until `cancel()`
/// or until this value is freed, as with Combine's `AnyCancellable`: keep it for as
/// long as the screen observes.
public final class FlowObservation: @unchecked Sendable {
    private let lock = NSLock()
    private var stop: (() -> Void)?

    init(stop: @escaping () -> Void) {
        self.stop = stop
    }

    deinit {
        cancel()
    }

    /// Stops the calls to the handler; calling it again does nothing.
    public func cancel() {
        lock.lock()
        let stopNow = stop
        stop = nil
        lock.unlock()
        stopNow?()
    }
}
