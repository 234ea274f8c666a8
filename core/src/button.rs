//! Whether to show the WeChat login button, per platform.
//!
//! WeChat's own guidance (see the seed documents): Android apps always show the button
//! and guide users without WeChat to install it; iOS apps hide it when WeChat is not
//! installed, because App Store review rejects a login that requires another app.

/// The platform the app runs on; the glue passes it, the core never guesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Platform {
    Android,
    Ios,
}

/// What the login screen does with the WeChat button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ButtonPolicy {
    /// WeChat can take the request: show the button.
    Show,
    /// Show the button, but a tap guides the user to install or update WeChat instead
    /// of starting a request (Android only).
    ShowWithInstallPrompt,
    /// Hide the button and offer the other logins (iOS only).
    Hide,
}

/// The policy for `(platform, isWXAppInstalled, isWXAppSupportApi)`.
///
/// An installed WeChat too old for the API counts as "not usable": on Android the
/// prompt then asks for an update, on iOS the button is hidden like an absent WeChat,
/// since a visible button that can only fail is what review and users complain about.
#[uniffi::export]
pub fn button_policy(platform: Platform, installed: bool, supports_api: bool) -> ButtonPolicy {
    let usable = installed && supports_api;
    match (platform, usable) {
        (_, true) => ButtonPolicy::Show,
        (Platform::Android, false) => ButtonPolicy::ShowWithInstallPrompt,
        (Platform::Ios, false) => ButtonPolicy::Hide,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn android_always_shows_and_prompts_when_unusable() {
        use ButtonPolicy::*;
        assert_eq!(button_policy(Platform::Android, true, true), Show);
        assert_eq!(
            button_policy(Platform::Android, false, false),
            ShowWithInstallPrompt
        );
        assert_eq!(
            button_policy(Platform::Android, true, false),
            ShowWithInstallPrompt
        );
        assert_eq!(
            button_policy(Platform::Android, false, true),
            ShowWithInstallPrompt
        );
    }

    #[test]
    fn ios_hides_unless_usable() {
        use ButtonPolicy::*;
        assert_eq!(button_policy(Platform::Ios, true, true), Show);
        assert_eq!(button_policy(Platform::Ios, false, false), Hide);
        assert_eq!(button_policy(Platform::Ios, true, false), Hide);
        assert_eq!(button_policy(Platform::Ios, false, true), Hide);
    }
}
