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

/// What the WeChat SDK says about the WeChat app on this device, in one value (two
/// booleans side by side are too easy to swap).
///
/// On Android: `NotInstalled` when `IWXAPI.isWXAppInstalled()` is false, `Outdated` when
/// `IWXAPI.getWXAppSupportAPI()` is below the SDK's `Build.*_SDK_INT` the app needs
/// (`WxLoginAndroid.availability(api)` reads both). On iOS: `WXApi.isWXAppInstalled()`
/// and `WXApi.isWXAppSupport()` (`WeChatOpenAPI.availability` in WxLoginKit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum WechatAvailability {
    /// WeChat is not on the device.
    NotInstalled,
    /// WeChat is installed but too old for the login API.
    Outdated,
    /// WeChat can take a login request.
    Ready,
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

/// The policy for `(platform, availability)`.
///
/// An installed WeChat too old for the API counts as "not usable": on Android the
/// prompt then asks for an update, on iOS the button is hidden like an absent WeChat,
/// since a visible button that can only fail is what review and users complain about.
#[uniffi::export]
pub fn button_policy(platform: Platform, availability: WechatAvailability) -> ButtonPolicy {
    match (platform, availability) {
        (_, WechatAvailability::Ready) => ButtonPolicy::Show,
        (Platform::Android, _) => ButtonPolicy::ShowWithInstallPrompt,
        (Platform::Ios, _) => ButtonPolicy::Hide,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use WechatAvailability::*;

    #[test]
    fn android_always_shows_and_prompts_when_unusable() {
        assert_eq!(button_policy(Platform::Android, Ready), ButtonPolicy::Show);
        for unusable in [NotInstalled, Outdated] {
            assert_eq!(
                button_policy(Platform::Android, unusable),
                ButtonPolicy::ShowWithInstallPrompt
            );
        }
    }

    #[test]
    fn ios_hides_unless_usable() {
        assert_eq!(button_policy(Platform::Ios, Ready), ButtonPolicy::Show);
        for unusable in [NotInstalled, Outdated] {
            assert_eq!(button_policy(Platform::Ios, unusable), ButtonPolicy::Hide);
        }
    }
}
