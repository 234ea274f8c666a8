//! What a simulator instance knows up front: the registered apps and the lifetimes.

use std::str::FromStr;

/// The open-platform account apps are bound to when none is named: one company, one account,
/// so their users share a unionid — the common case.
pub const DEFAULT_ACCOUNT: &str = "default";

/// One app registered on the open platform.
#[derive(Clone, PartialEq, Eq)]
pub struct AppConfig {
    pub appid: String,
    pub secret: String,
    /// The open-platform account the app is bound to. Apps of one account see the same
    /// `unionid` for a user; their `openid`s differ.
    pub account: String,
}

impl AppConfig {
    pub fn new(
        appid: impl Into<String>,
        secret: impl Into<String>,
        account: impl Into<String>,
    ) -> Self {
        Self {
            appid: appid.into(),
            secret: secret.into(),
            account: account.into(),
        }
    }
}

/// The secret never shows in `Debug`, so a config can be logged or printed in a test failure.
impl std::fmt::Debug for AppConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppConfig")
            .field("appid", &self.appid)
            .field("secret", &"<redacted>")
            .field("account", &self.account)
            .finish()
    }
}

/// Why an `APPID:SECRET[:ACCOUNT]` string was rejected.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("expected APPID:SECRET[:ACCOUNT] with non-empty parts")]
pub struct AppSpecError;

/// Parses the command line's `APPID:SECRET[:ACCOUNT]`; the account defaults to
/// [`DEFAULT_ACCOUNT`].
impl FromStr for AppConfig {
    type Err = AppSpecError;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = spec.trim().split(':').collect();
        let (appid, secret, account) = match parts.as_slice() {
            [appid, secret] => (*appid, *secret, DEFAULT_ACCOUNT),
            [appid, secret, account] => (*appid, *secret, *account),
            _ => return Err(AppSpecError),
        };
        if [appid, secret, account].iter().any(|p| p.is_empty()) {
            return Err(AppSpecError);
        }
        Ok(Self::new(appid, secret, account))
    }
}

/// How long codes and tokens live, in (simulated) seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetimes {
    /// A code is single use and lives 10 minutes for the mobile SDK (5 for web flows).
    pub code_secs: u64,
    /// What `expires_in` says, and when `/sns/auth` starts answering 42001.
    pub access_token_secs: u64,
    /// 30 days in the web / official-account docs.
    pub refresh_token_secs: u64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Self {
            code_secs: 600,
            access_token_secs: 7200,
            refresh_token_secs: 30 * 24 * 3600,
        }
    }
}

/// Everything a [`crate::Simulator`] is built from.
#[derive(Debug, Clone, Default)]
pub struct SimConfig {
    pub apps: Vec<AppConfig>,
    pub lifetimes: Lifetimes,
    /// The base URL put into `headimgurl`. `None` means the bound address, which is right
    /// unless the simulator sits behind a proxy or a port mapping.
    pub public_url: Option<String>,
}

impl SimConfig {
    pub fn new(apps: Vec<AppConfig>) -> Self {
        Self {
            apps,
            ..Self::default()
        }
    }

    /// Adds an app; a later app with the same appid replaces the earlier one.
    pub fn with_app(mut self, app: AppConfig) -> Self {
        self.apps.retain(|a| a.appid != app.appid);
        self.apps.push(app);
        self
    }

    pub fn with_lifetimes(mut self, lifetimes: Lifetimes) -> Self {
        self.lifetimes = lifetimes;
        self
    }

    pub fn with_public_url(mut self, url: impl Into<String>) -> Self {
        self.public_url = Some(url.into());
        self
    }

    /// The app registered under `appid`.
    pub(crate) fn app(&self, appid: &str) -> Option<&AppConfig> {
        self.apps.iter().find(|a| a.appid == appid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_app_specs() {
        let app: AppConfig = "wx1:s3cret".parse().unwrap();
        assert_eq!(app, AppConfig::new("wx1", "s3cret", DEFAULT_ACCOUNT));
        let app: AppConfig = "wx2:s:acme".parse().unwrap();
        assert_eq!(app.account, "acme");
        assert!("wx1".parse::<AppConfig>().is_err());
        assert!("wx1::acme".parse::<AppConfig>().is_err());
        assert!("a:b:c:d".parse::<AppConfig>().is_err());
    }

    #[test]
    fn debug_hides_the_secret() {
        let app = AppConfig::new("wx1", "s3cret", "acme");
        assert!(!format!("{app:?}").contains("s3cret"));
    }
}
