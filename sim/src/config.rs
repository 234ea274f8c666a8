//! What a simulator instance knows up front: the registered apps and the lifetimes.

use std::str::FromStr;

/// The open-platform account apps are bound to when none is named: one company, one account,
/// so their users share a unionid — the common case.
pub const DEFAULT_ACCOUNT: &str = "default";

/// The `ACCOUNT` spelling on the command line for "not bound to the open platform".
const UNBOUND: &str = "-";

/// Which kind of WeChat app an appid belongs to; it decides which authorization page and
/// which scopes the app may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppKind {
    /// A mobile app (OpenSDK `SendAuth`, `snsapi_userinfo`).
    Mobile,
    /// An open-platform website app (`/connect/qrconnect`, `snsapi_login`).
    Website,
    /// An official account (`/connect/oauth2/authorize`, `snsapi_base` / `snsapi_userinfo`).
    OfficialAccount,
}

/// One app registered on the open platform (or, for an official account, on the
/// official-account platform, optionally bound to an open-platform account).
#[derive(Clone, PartialEq, Eq)]
pub struct AppConfig {
    pub appid: String,
    pub secret: String,
    /// The open-platform account the app is bound to. Apps of one account see the same
    /// `unionid` for a user; their `openid`s differ. `None`: not bound, so no `unionid` in
    /// any answer for this app.
    pub account: Option<String>,
    pub kind: AppKind,
    /// The authorized redirect domain of a website app or official account (a host name,
    /// lower case, no port); `None` for a mobile app.
    pub domain: Option<String>,
}

impl AppConfig {
    /// A mobile app bound to `account`.
    pub fn new(
        appid: impl Into<String>,
        secret: impl Into<String>,
        account: impl Into<String>,
    ) -> Self {
        Self {
            appid: appid.into(),
            secret: secret.into(),
            account: Some(account.into()),
            kind: AppKind::Mobile,
            domain: None,
        }
    }

    /// A website app on [`DEFAULT_ACCOUNT`] whose QR login may redirect to `domain`.
    pub fn website(
        appid: impl Into<String>,
        secret: impl Into<String>,
        domain: impl Into<String>,
    ) -> Self {
        Self::web(appid, secret, domain, AppKind::Website)
    }

    /// An official account bound to [`DEFAULT_ACCOUNT`] whose web authorization may redirect
    /// to `domain`.
    pub fn official_account(
        appid: impl Into<String>,
        secret: impl Into<String>,
        domain: impl Into<String>,
    ) -> Self {
        Self::web(appid, secret, domain, AppKind::OfficialAccount)
    }

    fn web(
        appid: impl Into<String>,
        secret: impl Into<String>,
        domain: impl Into<String>,
        kind: AppKind,
    ) -> Self {
        Self {
            kind,
            domain: Some(domain.into().to_ascii_lowercase()),
            ..Self::new(appid, secret, DEFAULT_ACCOUNT)
        }
    }

    /// The same app bound to another open-platform account.
    pub fn with_account(mut self, account: impl Into<String>) -> Self {
        self.account = Some(account.into());
        self
    }

    /// The same app, not bound to the open platform: its answers carry no `unionid`.
    pub fn without_unionid(mut self) -> Self {
        self.account = None;
        self
    }

    /// Parses `APPID:SECRET:DOMAIN[:ACCOUNT]` (`--website-app`).
    pub fn parse_website(spec: &str) -> Result<Self, AppSpecError> {
        parse_web(spec, AppKind::Website)
    }

    /// Parses `APPID:SECRET:DOMAIN[:ACCOUNT]` (`--official-account`).
    pub fn parse_official_account(spec: &str) -> Result<Self, AppSpecError> {
        parse_web(spec, AppKind::OfficialAccount)
    }
}

/// The secret never shows in `Debug`, so a config can be logged or printed in a test failure.
impl std::fmt::Debug for AppConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppConfig")
            .field("appid", &self.appid)
            .field("secret", &"<redacted>")
            .field("account", &self.account)
            .field("kind", &self.kind)
            .field("domain", &self.domain)
            .finish()
    }
}

/// Why an app spec on the command line was rejected.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AppSpecError {
    #[error("expected APPID:SECRET[:ACCOUNT] with non-empty parts")]
    Mobile,
    #[error("expected APPID:SECRET:DOMAIN[:ACCOUNT] with non-empty parts")]
    Web,
    #[error("DOMAIN must be a host name (letters, digits, '.', '-'), without scheme or port")]
    Domain,
}

/// Parses the command line's `APPID:SECRET[:ACCOUNT]` (a mobile app); the account defaults
/// to [`DEFAULT_ACCOUNT`], `-` means not bound.
impl FromStr for AppConfig {
    type Err = AppSpecError;

    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let parts = split(spec).ok_or(AppSpecError::Mobile)?;
        let (appid, secret, account) = match parts.as_slice() {
            [appid, secret] => (*appid, *secret, None),
            [appid, secret, account] => (*appid, *secret, Some(*account)),
            _ => return Err(AppSpecError::Mobile),
        };
        Ok(bind(Self::new(appid, secret, DEFAULT_ACCOUNT), account))
    }
}

fn parse_web(spec: &str, kind: AppKind) -> Result<AppConfig, AppSpecError> {
    let parts = split(spec).ok_or(AppSpecError::Web)?;
    let (appid, secret, domain, account) = match parts.as_slice() {
        [appid, secret, domain] => (*appid, *secret, *domain, None),
        [appid, secret, domain, account] => (*appid, *secret, *domain, Some(*account)),
        _ => return Err(AppSpecError::Web),
    };
    if !is_host_name(domain) {
        return Err(AppSpecError::Domain);
    }
    Ok(bind(AppConfig::web(appid, secret, domain, kind), account))
}

/// The `:`-separated parts, or `None` if any is empty.
fn split(spec: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = spec.trim().split(':').collect();
    parts.iter().all(|p| !p.is_empty()).then_some(parts)
}

fn bind(app: AppConfig, account: Option<&str>) -> AppConfig {
    match account {
        None => app,
        Some(UNBOUND) => app.without_unionid(),
        Some(account) => app.with_account(account),
    }
}

/// What WeChat's "authorized domain" setting accepts: a bare host name.
fn is_host_name(domain: &str) -> bool {
    !domain.starts_with(['.', '-'])
        && domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// How long codes and tokens live, in (simulated) seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifetimes {
    /// A mobile-SDK code is single use and lives 10 minutes.
    pub code_secs: u64,
    /// A code from a web authorization page (QR login, official account) lives 5 minutes.
    pub web_code_secs: u64,
    /// What `expires_in` says, and when `/sns/auth` starts answering 42001.
    pub access_token_secs: u64,
    /// 30 days in the web / official-account docs.
    pub refresh_token_secs: u64,
}

impl Lifetimes {
    /// How long a code for an app of `kind` lives.
    pub fn code_secs_for(&self, kind: AppKind) -> u64 {
        match kind {
            AppKind::Mobile => self.code_secs,
            AppKind::Website | AppKind::OfficialAccount => self.web_code_secs,
        }
    }
}

impl Default for Lifetimes {
    fn default() -> Self {
        Self {
            code_secs: 600,
            web_code_secs: 300,
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
    /// The base URL put into `headimgurl` and the QR codes. `None` means the bound address,
    /// which is right unless the simulator sits behind a proxy or a port mapping.
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
        assert_eq!(app.account.as_deref(), Some("acme"));
        assert_eq!(app.kind, AppKind::Mobile);
        let app: AppConfig = "wx3:s:-".parse().unwrap();
        assert_eq!(app.account, None);
        assert!("wx1".parse::<AppConfig>().is_err());
        assert!("wx1::acme".parse::<AppConfig>().is_err());
        assert!("a:b:c:d".parse::<AppConfig>().is_err());
    }

    #[test]
    fn parses_web_app_specs() {
        let app = AppConfig::parse_website("wxW:s:Example.COM").unwrap();
        assert_eq!(app.kind, AppKind::Website);
        assert_eq!(app.domain.as_deref(), Some("example.com"));
        assert_eq!(app.account.as_deref(), Some(DEFAULT_ACCOUNT));
        let app = AppConfig::parse_official_account("wxO:s:127.0.0.1:-").unwrap();
        assert_eq!(app.kind, AppKind::OfficialAccount);
        assert_eq!(app.account, None);
        let app = AppConfig::parse_official_account("wxO:s:m.example.com:acme").unwrap();
        assert_eq!(app.account.as_deref(), Some("acme"));
        assert_eq!(
            AppConfig::parse_website("wxW:s"),
            Err(AppSpecError::Web),
            "the domain is required"
        );
        assert_eq!(
            AppConfig::parse_website("wxW:s:https//example.com"),
            Err(AppSpecError::Domain)
        );
        assert_eq!(
            AppConfig::parse_website("wxW:s:example.com/cb"),
            Err(AppSpecError::Domain)
        );
    }

    #[test]
    fn web_codes_live_five_minutes_mobile_codes_ten() {
        let lifetimes = Lifetimes::default();
        assert_eq!(lifetimes.code_secs_for(AppKind::Mobile), 600);
        assert_eq!(lifetimes.code_secs_for(AppKind::Website), 300);
        assert_eq!(lifetimes.code_secs_for(AppKind::OfficialAccount), 300);
    }

    #[test]
    fn debug_hides_the_secret() {
        let app = AppConfig::new("wx1", "s3cret", "acme");
        assert!(!format!("{app:?}").contains("s3cret"));
    }
}
