//! Server configuration, from flags or environment variables.

use clap::Parser;

#[derive(Clone, Parser)]
#[command(name = "wxlogin-server", about = "Reference backend for wxlogin")]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "WXLOGIN_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: String,
    /// `sqlite://path?mode=rwc` (created and migrated on first start) or `postgres://…`.
    #[arg(
        long,
        env = "WXLOGIN_DATABASE_URL",
        default_value = "sqlite://wxlogin.db?mode=rwc"
    )]
    pub database_url: String,
    /// WeChat's API; point it at wxlogin-sim to run offline.
    #[arg(
        long,
        env = "WXLOGIN_WECHAT_API_BASE",
        default_value = "https://api.weixin.qq.com"
    )]
    pub wechat_api_base: String,
    #[arg(long, env = "WXLOGIN_WECHAT_APP_ID")]
    pub wechat_app_id: String,
    /// The AppSecret. It lives here, on the server, never in the app; never logged.
    #[arg(long, env = "WXLOGIN_WECHAT_APP_SECRET", hide_env_values = true)]
    pub wechat_app_secret: String,
    /// Session lifetime in seconds.
    #[arg(long, env = "WXLOGIN_SESSION_TTL_S", default_value_t = 30 * 24 * 3600)]
    pub session_ttl_s: u32,
    /// How long a bind ticket (WeChat identity waiting for a phone) stays valid.
    #[arg(long, env = "WXLOGIN_BIND_TICKET_TTL_S", default_value_t = 600)]
    pub bind_ticket_ttl_s: u32,
    /// Seconds a request may spend on WeChat, retries included (a login's code exchange
    /// and profile, a binding's avatar, a resume's re-check). Keep it under the app's
    /// request timeout (the core's default is 15 s), so that the app gets the answer,
    /// even when it is "WeChat unavailable", instead of timing out on a login the server
    /// then finishes.
    #[arg(long, env = "WXLOGIN_WECHAT_DEADLINE_S", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=60))]
    pub wechat_deadline_s: u32,
    #[command(flatten)]
    pub captcha: CaptchaPolicy,
    #[command(flatten)]
    pub passwords: PasswordPolicy,
    #[command(flatten)]
    pub connections: ConnectionPolicy,
    #[command(flatten)]
    pub web: WebConfig,
    /// Development mode: SMS captchas are logged instead of sent,
    /// `GET /dev/sms?mobile=M` and `POST /dev/accounts` exist for QA, and the reserved
    /// QA numbers (1990…) skip the captcha cooldown and hourly limits.
    #[arg(long, env = "WXLOGIN_DEV")]
    pub dev: bool,
}

#[derive(Clone, Debug, clap::Args)]
pub struct CaptchaPolicy {
    /// Seconds a captcha stays valid.
    #[arg(
        long = "captcha-ttl-s",
        env = "WXLOGIN_CAPTCHA_TTL_S",
        default_value_t = 300
    )]
    pub ttl_s: u32,
    /// Seconds before another captcha may be sent to the same phone.
    #[arg(
        long = "captcha-cooldown-s",
        env = "WXLOGIN_CAPTCHA_COOLDOWN_S",
        default_value_t = 60
    )]
    pub cooldown_s: u32,
    /// Wrong tries before a captcha is burnt.
    #[arg(
        long = "captcha-max-attempts",
        env = "WXLOGIN_CAPTCHA_MAX_ATTEMPTS",
        default_value_t = 5
    )]
    pub max_attempts: u32,
    /// Captchas per phone per hour.
    #[arg(
        long = "captcha-per-phone-hour",
        env = "WXLOGIN_CAPTCHA_PER_PHONE_HOUR",
        default_value_t = 5
    )]
    pub per_phone_hour: u32,
    /// Captchas per client address per hour.
    #[arg(
        long = "captcha-per-ip-hour",
        env = "WXLOGIN_CAPTCHA_PER_IP_HOUR",
        default_value_t = 20
    )]
    pub per_ip_hour: u32,
}

impl Default for CaptchaPolicy {
    fn default() -> Self {
        Self {
            ttl_s: 300,
            cooldown_s: 60,
            max_attempts: 5,
            per_phone_hour: 5,
            per_ip_hour: 20,
        }
    }
}

/// Under `--dev` only: the phone numbers reserved for automated QA runs (`wxlogin-qa`),
/// `1990` followed by seven digits. A captcha for one of them skips the resend cooldown
/// and the hourly limits and is counted apart from the caller's address (see
/// [`CaptchaPolicy::for_qa_numbers`]), so the 18-case matrix passes against a server
/// running the default limits, run after run, without using up the address's allowance
/// for the numbers a tester types by hand. Without `--dev` these are ordinary numbers
/// under the configured limits (and a `--dev` server sends no SMS at all: captchas go to
/// `GET /dev/sms`).
pub const QA_MOBILE_PREFIX: &str = "1990";

impl CaptchaPolicy {
    /// The terms for the reserved QA numbers under `--dev`: the same lifetime and wrong-try
    /// limit (a QA run checks them), no cooldown and no hourly caps.
    pub fn for_qa_numbers(&self) -> Self {
        Self {
            cooldown_s: 0,
            per_phone_hour: u32::MAX,
            per_ip_hour: u32::MAX,
            ..self.clone()
        }
    }
}

/// Password logins: how many Argon2 checks run at once, and how many wrong attempts an
/// account, an address and the pair of both get before they must wait.
///
/// A wrong attempt counts in three buckets: the (account, address) pair, the account
/// (from any address) and the address (for any account). After a bucket's free
/// attempts, each further one locks it for `backoff-base` doubled per attempt, up to the
/// bucket's cap; a successful login clears the pair and the account. The account's cap
/// is short on purpose: it is what a stranger can impose on a user from elsewhere.
#[derive(Clone, Debug, clap::Args)]
pub struct PasswordPolicy {
    /// Argon2 checks at once (each takes ~19 MiB); 0 sizes it from cores and memory.
    #[arg(
        long = "password-hash-concurrency",
        env = "WXLOGIN_PASSWORD_HASH_CONCURRENCY",
        default_value_t = 0
    )]
    pub hash_concurrency: usize,
    /// How long a login waits for a free Argon2 slot before `503` with `Retry-After`.
    #[arg(
        long = "password-hash-wait-ms",
        env = "WXLOGIN_PASSWORD_HASH_WAIT_MS",
        default_value_t = 1000
    )]
    pub hash_wait_ms: u64,
    /// Wrong attempts for one account from one address before backoff starts.
    #[arg(
        long = "login-free-attempts-pair",
        env = "WXLOGIN_LOGIN_FREE_ATTEMPTS_PAIR",
        default_value_t = 5
    )]
    pub free_per_pair: u32,
    /// Wrong attempts for one account (any address) before backoff starts.
    #[arg(
        long = "login-free-attempts-account",
        env = "WXLOGIN_LOGIN_FREE_ATTEMPTS_ACCOUNT",
        default_value_t = 10
    )]
    pub free_per_account: u32,
    /// Wrong attempts from one address (any account) before backoff starts.
    #[arg(
        long = "login-free-attempts-address",
        env = "WXLOGIN_LOGIN_FREE_ATTEMPTS_ADDRESS",
        default_value_t = 50
    )]
    pub free_per_address: u32,
    /// The first backoff; each further wrong attempt doubles it.
    #[arg(
        long = "login-backoff-base-s",
        env = "WXLOGIN_LOGIN_BACKOFF_BASE_S",
        default_value_t = 1
    )]
    pub backoff_base_s: u32,
    /// Longest lock of one (account, address) pair.
    #[arg(
        long = "login-backoff-max-pair-s",
        env = "WXLOGIN_LOGIN_BACKOFF_MAX_PAIR_S",
        default_value_t = 900
    )]
    pub max_lock_pair_s: u32,
    /// Longest lock of an account for every address: what a stranger can impose.
    #[arg(
        long = "login-backoff-max-account-s",
        env = "WXLOGIN_LOGIN_BACKOFF_MAX_ACCOUNT_S",
        default_value_t = 60
    )]
    pub max_lock_account_s: u32,
    /// Longest lock of an address for every account.
    #[arg(
        long = "login-backoff-max-address-s",
        env = "WXLOGIN_LOGIN_BACKOFF_MAX_ADDRESS_S",
        default_value_t = 300
    )]
    pub max_lock_address_s: u32,
    /// A bucket without a wrong attempt for this long starts again from zero.
    #[arg(
        long = "login-forget-s",
        env = "WXLOGIN_LOGIN_FORGET_S",
        default_value_t = 86400
    )]
    pub forget_s: u32,
}

impl Default for PasswordPolicy {
    fn default() -> Self {
        Self {
            hash_concurrency: 0,
            hash_wait_ms: 1000,
            free_per_pair: 5,
            free_per_account: 10,
            free_per_address: 50,
            backoff_base_s: 1,
            max_lock_pair_s: 900,
            max_lock_account_s: 60,
            max_lock_address_s: 300,
            forget_s: 86400,
        }
    }
}

/// Connection limits: a cap (keep it below `ulimit -n`, minus the database pool and the
/// calls to WeChat) and how long the server waits for a client in each phase.
#[derive(Clone, Debug, clap::Args)]
pub struct ConnectionPolicy {
    /// Connections served at once; more wait in the listen backlog.
    #[arg(
        long = "max-connections",
        env = "WXLOGIN_MAX_CONNECTIONS",
        default_value_t = 512
    )]
    pub max_connections: usize,
    /// Time for a request's headers: from the connection's opening, or from the first
    /// byte of a later request on a kept-alive connection.
    #[arg(
        long = "header-read-timeout-s",
        env = "WXLOGIN_HEADER_READ_TIMEOUT_S",
        default_value_t = 10
    )]
    pub header_read_timeout_s: u32,
    /// Time for a request's whole body, from the end of its headers.
    #[arg(
        long = "body-read-timeout-s",
        env = "WXLOGIN_BODY_READ_TIMEOUT_S",
        default_value_t = 10
    )]
    pub body_read_timeout_s: u32,
    /// How long a kept-alive connection may idle between an answer and the next request.
    #[arg(
        long = "keep-alive-timeout-s",
        env = "WXLOGIN_KEEP_ALIVE_TIMEOUT_S",
        default_value_t = 30
    )]
    pub keep_alive_timeout_s: u32,
}

impl Default for ConnectionPolicy {
    fn default() -> Self {
        Self {
            max_connections: 512,
            header_read_timeout_s: 10,
            body_read_timeout_s: 10,
            keep_alive_timeout_s: 30,
        }
    }
}

/// The web channels (seeds 001, 003, 004): a website app for QR login and an official
/// account for login inside WeChat's browser, each its own WeChat app with its own
/// AppID and AppSecret. The web routes exist when `public_url` and at least one of the
/// two apps are set.
#[derive(Clone, Default, clap::Args)]
pub struct WebConfig {
    /// This site's origin as browsers and WeChat see it (`https://www.example.com`):
    /// the callbacks' `redirect_uri` is built on it, and cookies are `Secure` when it is
    /// https. Its host must be the app's authorized domain on WeChat's side.
    #[arg(long, env = "WXLOGIN_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Where WeChat's authorization pages (`/connect/qrconnect`,
    /// `/connect/oauth2/authorize`) live; point it at wxlogin-sim to run offline.
    #[arg(
        long,
        env = "WXLOGIN_WECHAT_WEB_BASE",
        default_value = "https://open.weixin.qq.com"
    )]
    pub wechat_web_base: String,
    /// The open-platform website app (QR login, `snsapi_login`).
    #[arg(long, env = "WXLOGIN_WEBSITE_APP_ID", requires = "website_app_secret")]
    pub website_app_id: Option<String>,
    /// The website app's AppSecret; never logged.
    #[arg(
        long,
        env = "WXLOGIN_WEBSITE_APP_SECRET",
        hide_env_values = true,
        requires = "website_app_id"
    )]
    pub website_app_secret: Option<String>,
    /// The official account (公众号; `snsapi_base` / `snsapi_userinfo`).
    #[arg(long, env = "WXLOGIN_OA_APP_ID", requires = "oa_app_secret")]
    pub oa_app_id: Option<String>,
    /// The official account's AppSecret; never logged.
    #[arg(
        long,
        env = "WXLOGIN_OA_APP_SECRET",
        hide_env_values = true,
        requires = "oa_app_id"
    )]
    pub oa_app_secret: Option<String>,
    /// The token of the official account's domain-verification file: the server
    /// answers `GET /MP_verify_<token>.txt` with `<token>`, as the downloaded file holds.
    #[arg(long, env = "WXLOGIN_MP_VERIFY_TOKEN")]
    pub mp_verify_token: Option<String>,
    /// Seconds between starting a web login and WeChat's redirect back (the QR page
    /// may stay open while the person finds the phone).
    #[arg(long, env = "WXLOGIN_WEB_STATE_TTL_S", default_value_t = 600)]
    pub web_state_ttl_s: u32,
}

impl std::fmt::Debug for WebConfig {
    /// Everything but the two AppSecrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secret = |s: &Option<String>| s.as_ref().map(|_| "[redacted]");
        f.debug_struct("WebConfig")
            .field("public_url", &self.public_url)
            .field("wechat_web_base", &self.wechat_web_base)
            .field("website_app_id", &self.website_app_id)
            .field("website_app_secret", &secret(&self.website_app_secret))
            .field("oa_app_id", &self.oa_app_id)
            .field("oa_app_secret", &secret(&self.oa_app_secret))
            .field("mp_verify_token", &self.mp_verify_token)
            .field("web_state_ttl_s", &self.web_state_ttl_s)
            .finish()
    }
}

impl Config {
    /// Whether `mobile` is one of the reserved QA numbers and this server runs with
    /// `--dev`: the only case in which [`CaptchaPolicy::for_qa_numbers`] applies.
    pub fn is_dev_qa_number(&self, mobile: &str) -> bool {
        self.dev && mobile.starts_with(QA_MOBILE_PREFIX)
    }

    /// A configuration for tests and the QA runner: everything default but the given
    /// database, WeChat endpoint and app, in dev mode.
    pub fn for_testing(
        database_url: &str,
        wechat_api_base: &str,
        app_id: &str,
        secret: &str,
    ) -> Self {
        Self {
            listen: "127.0.0.1:0".into(),
            database_url: database_url.into(),
            wechat_api_base: wechat_api_base.into(),
            wechat_app_id: app_id.into(),
            wechat_app_secret: secret.into(),
            session_ttl_s: 30 * 24 * 3600,
            bind_ticket_ttl_s: 600,
            wechat_deadline_s: 10,
            captcha: CaptchaPolicy::default(),
            passwords: PasswordPolicy::default(),
            connections: ConnectionPolicy::default(),
            web: WebConfig {
                wechat_web_base: "https://open.weixin.qq.com".into(),
                web_state_ttl_s: 600,
                ..WebConfig::default()
            },
            dev: true,
        }
    }
}

impl std::fmt::Debug for Config {
    /// Everything but the AppSecret, so the configuration can be logged at start-up.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("database", &redact_url(&self.database_url))
            .field("wechat_api_base", &self.wechat_api_base)
            .field("wechat_app_id", &self.wechat_app_id)
            .field("wechat_app_secret", &"[redacted]")
            .field("session_ttl_s", &self.session_ttl_s)
            .field("bind_ticket_ttl_s", &self.bind_ticket_ttl_s)
            .field("wechat_deadline_s", &self.wechat_deadline_s)
            .field("captcha", &self.captcha)
            .field("passwords", &self.passwords)
            .field("connections", &self.connections)
            .field("web", &self.web)
            .field("dev", &self.dev)
            .finish()
    }
}

/// A database URL without its password (`postgres://user:pw@host` → `postgres://user:***@host`).
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret_and_the_database_password() {
        let mut config = Config::for_testing(
            "postgres://wx:hunter2@db/wx",
            "http://sim",
            "wxapp",
            "S3CRET",
        );
        config.dev = false;
        config.web.website_app_secret = Some("WEBS3CRET".into());
        config.web.oa_app_secret = Some("OAS3CRET".into());
        let shown = format!("{config:?}");
        assert!(
            !shown.contains("S3CRET") && !shown.contains("hunter2"),
            "{shown}"
        );
        assert!(shown.contains("postgres://wx:***@db/wx"));
    }
}
