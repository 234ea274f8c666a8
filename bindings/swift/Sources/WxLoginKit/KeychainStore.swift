// Apple platforms only: the Keychain is the Security framework's. Elsewhere (Linux,
// where this package's tests run) the app supplies its own `SecureStore`.
#if canImport(Security)
import Foundation
import Security
import WxLoginCore

/// The core's `SecureStore` over the iOS Keychain (generic passwords, one item per key).
///
/// Values are readable after the first unlock following a reboot and never leave the
/// device (`kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly`): a WeChat callback can
/// arrive while the screen is locked, and a restored backup must not carry a session
/// to another phone. Keychain items survive deleting the app; an app that wants a
/// reinstall to start signed out clears them on its first launch.
///
/// Failures are thrown as `WxLoginError.Storage`, the error the core expects from a store.
public final class KeychainStore: SecureStore, @unchecked Sendable {
    private let service: String
    private let accessibility: CFString
    private let lock = NSLock()

    public init(
        service: String = (Bundle.main.bundleIdentifier ?? "app") + ".wxlogin",
        accessibility: CFString = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
    ) {
        self.service = service
        self.accessibility = accessibility
    }

    public func get(key: String) throws -> String? {
        var query = itemQuery(key)
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &item)
        switch status {
        case errSecSuccess:
            guard let data = item as? Data, let value = String(data: data, encoding: .utf8) else {
                throw WxLoginError.Storage(reason: "keychain item \(key) is not UTF-8 text")
            }
            return value
        case errSecItemNotFound:
            return nil
        default:
            throw Self.failure("read", key, status)
        }
    }

    /// Durable when it returns: Keychain writes are synchronous.
    public func set(key: String, value: String) throws {
        let data = Data(value.utf8)
        lock.lock()
        defer { lock.unlock() }
        let changes: [String: Any] = [
            kSecValueData as String: data,
            kSecAttrAccessible as String: accessibility,
        ]
        let updated = SecItemUpdate(itemQuery(key) as CFDictionary, changes as CFDictionary)
        if updated == errSecSuccess {
            return
        }
        guard updated == errSecItemNotFound else {
            throw Self.failure("update", key, updated)
        }
        var item = itemQuery(key)
        item[kSecValueData as String] = data
        item[kSecAttrAccessible as String] = accessibility
        let added = SecItemAdd(item as CFDictionary, nil)
        guard added == errSecSuccess else {
            throw Self.failure("add", key, added)
        }
    }

    public func delete(key: String) throws {
        let status = SecItemDelete(itemQuery(key) as CFDictionary)
        guard status == errSecSuccess || status == errSecItemNotFound else {
            throw Self.failure("delete", key, status)
        }
    }

    private func itemQuery(_ key: String) -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: key,
        ]
    }

    private static func failure(_ operation: String, _ key: String, _ status: OSStatus) -> WxLoginError {
        let text = SecCopyErrorMessageString(status, nil) as String? ?? "OSStatus \(status)"
        return WxLoginError.Storage(reason: "keychain \(operation) \(key): \(text)")
    }
}
#endif
