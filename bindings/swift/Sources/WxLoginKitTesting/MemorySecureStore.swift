import Foundation
import WxLoginCore

/// A `SecureStore` in memory, for tests. Shared between two `WxLogin` instances it plays
/// the device storage that survives the app process being killed.
public final class MemorySecureStore: SecureStore, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: String] = [:]

    public init() {}

    /// Everything stored, e.g. to check that no secret the core must not keep is in it.
    public var values: [String: String] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }

    public func get(key: String) throws -> String? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    public func set(key: String, value: String) throws {
        lock.lock()
        defer { lock.unlock() }
        entries[key] = value
    }

    public func delete(key: String) throws {
        lock.lock()
        defer { lock.unlock() }
        entries[key] = nil
    }
}
