//! [`WxLogin`]: the object an app creates once and keeps for its lifetime.

mod auth;
mod server;

use std::sync::Arc;
use std::time::Duration;

use crate::account::{Account, LoginResult};
use crate::api::{ApiClient, OncePerCode, SessionStore};
use crate::auth::Engine;
use crate::button::Platform;
use crate::flow::{FlowTracker, Restored};
use crate::store::FlowRecords;
use crate::support::{config_millis, Clock, Error, Result, SystemClock};
use crate::{SecureStore, WxLoginError};

/// The scope of the mobile-app flow; the only one WeChat offers native apps.
const APP_SCOPE: &str = "snsapi_userinfo";

/// The longest a state may live. The user must finish in WeChat within it; WeChat's
/// own code lives ten minutes, so an hour is generous and a longer one only widens the
/// window for a stolen state.
const MAX_TTL_MS: u64 = 60 * 60 * 1000;
const MAX_GRACE_MS: u64 = 60 * 1000;
/// A login screen should not spin longer than this on one call.
const MAX_TIMEOUT_MS: u64 = 120 * 1000;

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WxLoginConfig {
    /// The mobile app's AppID from the WeChat open platform (`wx…`). Never the
    /// AppSecret: that stays on the app's server.
    pub app_id: String,
    pub platform: Platform,
    /// How long a started request accepts its callback, in milliseconds (1 to one hour).
    #[uniffi(default = 600000)]
    pub state_ttl_ms: i64,
    /// How long after `on_app_foreground` a missing callback is still waited for before
    /// the request resolves as cancelled, in milliseconds (0 to one minute).
    #[uniffi(default = 2000)]
    pub grace_period_ms: i64,
    /// The app's own server (https; http only for a loopback host). Without it only the
    /// WeChat side works, and the server calls fail with `InvalidConfig`.
    #[uniffi(default = None)]
    pub server_url: Option<String>,
    /// The timeout of each server call, connection included, in milliseconds (1 to two
    /// minutes).
    #[uniffi(default = 15000)]
    pub request_timeout_ms: i64,
}

/// The configuration's durations, checked and unsigned.
struct Limits {
    ttl_ms: u64,
    grace_ms: u64,
    timeout_ms: u64,
}

impl WxLoginConfig {
    fn validate(&self) -> Result<Limits> {
        let id = &self.app_id;
        if !id.starts_with("wx")
            || id.len() > 32
            || id.len() < 3
            || !id.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(Error::Config(
                "app_id must be the open platform's AppID: `wx` followed by letters and digits"
                    .into(),
            ));
        }
        Ok(Limits {
            ttl_ms: config_millis(self.state_ttl_ms, "state_ttl_ms", 1..=MAX_TTL_MS)?,
            grace_ms: config_millis(self.grace_period_ms, "grace_period_ms", 0..=MAX_GRACE_MS)?,
            timeout_ms: config_millis(
                self.request_timeout_ms,
                "request_timeout_ms",
                1..=MAX_TIMEOUT_MS,
            )?,
        })
    }
}

/// The client half of WeChat login. Create one per app (per AppID) over the app's
/// secure store; it is thread-safe, and a new instance over the same store (after the
/// process was killed) picks up the pending request where the old one left it.
#[derive(uniffi::Object)]
pub struct WxLogin {
    config: WxLoginConfig,
    engine: Engine,
    /// `None` without a `server_url`.
    api: Option<ApiClient>,
    sessions: SessionStore,
    /// WeChat logins and WeChat bindings, each code submitted at most once.
    logins: OncePerCode<LoginResult>,
    binds: OncePerCode<Account>,
    flow: FlowTracker,
}

impl WxLogin {
    /// Like [`WxLogin::new`] with a clock of the caller's choosing, for tests.
    pub(crate) fn with_clock(
        config: WxLoginConfig,
        store: Arc<dyn SecureStore>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let limits = config.validate()?;
        let api = match &config.server_url {
            Some(url) => Some(ApiClient::new(
                url,
                Duration::from_millis(limits.timeout_ms),
            )?),
            None => None,
        };
        let engine = Engine::new(
            &config.app_id,
            store.clone(),
            clock.clone(),
            limits.ttl_ms,
            limits.grace_ms,
        );
        let sessions = SessionStore::new(&config.app_id, store.clone());
        // A store that cannot be read yet (a keystore locked before the first unlock)
        // must not stop the app from creating the core: the flow then starts at Idle
        // and the calls that need the store report it.
        let saved = sessions.load().unwrap_or_else(|err| {
            log::warn!("session not readable at start: {err}");
            None
        });
        let restored = Restored {
            signed_in: match (saved, &api) {
                (Some((_, user)), Some(api)) => Some(Account::from_contract(user, api.base())),
                _ => None,
            },
            request_pending: engine.is_pending().unwrap_or(false),
        };
        let records = FlowRecords::new(&config.app_id, store);
        let flow = FlowTracker::restore(restored, records, clock);
        Ok(Self {
            sessions,
            config,
            engine,
            api,
            logins: OncePerCode::new(),
            binds: OncePerCode::new(),
            flow,
        })
    }
}

#[uniffi::export]
impl WxLogin {
    #[uniffi::constructor]
    pub fn new(
        config: WxLoginConfig,
        store: Arc<dyn SecureStore>,
    ) -> std::result::Result<Arc<Self>, WxLoginError> {
        Ok(Arc::new(Self::with_clock(
            config,
            store,
            Arc::new(SystemClock),
        )?))
    }
}

#[cfg(test)]
mod code_delivery_tests;
#[cfg(test)]
mod flow_restore_tests;
#[cfg(test)]
mod test_peer;
#[cfg(test)]
mod tests;
