import Foundation
import WxLoginCore

/// A `FlowObserver` that calls a closure: `core.setFlowObserver(observer: relay)`.
/// The core calls it from its own threads; hop to the main actor in the closure
/// before touching UI state.
public final class FlowStateRelay: FlowObserver, @unchecked Sendable {
    private let handler: @Sendable (FlowState) -> Void

    public init(_ handler: @escaping @Sendable (FlowState) -> Void) {
        self.handler = handler
    }

    public func onFlowState(state: FlowState) {
        handler(state)
    }
}
