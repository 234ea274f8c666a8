import Foundation

/// Whether the user has accepted the app's privacy policy. WeChat's SDK must not be
/// registered before that (privacy review), so `WeChatLogin.registerApp` asks this first.
public protocol PrivacyConsent: AnyObject {
    var isGranted: Bool { get }
}

/// Consent remembered in `UserDefaults`. Bump `key` when the policy changes so that the
/// user is asked again.
public final class UserDefaultsPrivacyConsent: PrivacyConsent {
    private let defaults: UserDefaults
    private let key: String

    public init(defaults: UserDefaults = .standard, key: String = "wxlogin.privacyConsent.v1") {
        self.defaults = defaults
        self.key = key
    }

    public var isGranted: Bool {
        defaults.bool(forKey: key)
    }

    public func grant() {
        defaults.set(true, forKey: key)
    }

    public func revoke() {
        defaults.removeObject(forKey: key)
    }
}
