//! [`WxLogin`]: the object an app creates once and keeps for its lifetime.

use std::sync::Arc;

use crate::auth::{AuthOutcome, AuthStart, Engine, Flow, SdkErrCode};
use crate::button::{button_policy, ButtonPolicy, Platform};
use crate::support::{Clock, Error, Result, SystemClock};
use crate::web::{self, WebAuthRequest, WebFlow};
use crate::{SecureStore, WxLoginError};

/// The scope of the mobile-app flow; the only one WeChat offers native apps.
const APP_SCOPE: &str = "snsapi_userinfo";

/// The longest a state may live. The user must finish in WeChat within it; WeChat's
/// own code lives ten minutes, so an hour is generous and a longer one only widens the
/// window for a stolen state.
const MAX_TTL_MS: u64 = 60 * 60 * 1000;
const MAX_GRACE_MS: u64 = 60 * 1000;

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WxLoginConfig {
    /// The mobile app's AppID from the WeChat open platform (`wx…`). Never the
    /// AppSecret: that stays on the app's server.
    pub app_id: String,
    pub platform: Platform,
    /// How long a started request accepts its callback, in milliseconds.
    #[uniffi(default = 600000)]
    pub state_ttl_ms: u64,
    /// How long after `on_app_foreground` a missing callback is still waited for before
    /// the request resolves as cancelled, in milliseconds.
    #[uniffi(default = 2000)]
    pub grace_period_ms: u64,
}

impl WxLoginConfig {
    fn validate(&self) -> Result<()> {
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
        if self.state_ttl_ms == 0 || self.state_ttl_ms > MAX_TTL_MS {
            return Err(Error::Config(format!(
                "state_ttl_ms must be between 1 and {MAX_TTL_MS}"
            )));
        }
        if self.grace_period_ms > MAX_GRACE_MS {
            return Err(Error::Config(format!(
                "grace_period_ms must be at most {MAX_GRACE_MS}"
            )));
        }
        Ok(())
    }
}

/// The client half of WeChat login. Create one per app (per AppID) over the app's
/// secure store; it is thread-safe, and a new instance over the same store (after the
/// process was killed) picks up the pending request where the old one left it.
#[derive(uniffi::Object)]
pub struct WxLogin {
    config: WxLoginConfig,
    engine: Engine,
}

impl WxLogin {
    /// Like [`WxLogin::new`] with a clock of the caller's choosing, for tests.
    pub(crate) fn with_clock(
        config: WxLoginConfig,
        store: Arc<dyn SecureStore>,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        config.validate()?;
        let engine = Engine::new(
            &config.app_id,
            store,
            clock,
            config.state_ttl_ms,
            config.grace_period_ms,
        );
        Ok(Self { config, engine })
    }
}

#[uniffi::export(async_runtime = "tokio")]
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

    /// Whether to show the WeChat button on this platform; see [`button_policy`].
    pub fn button_policy(&self, installed: bool, supports_api: bool) -> ButtonPolicy {
        button_policy(self.config.platform, installed, supports_api)
    }

    /// Starts a mobile-app authorization: the `scope` and `state` for `SendAuth.Req`.
    /// Pass `isWXAppInstalled()` and `isWXAppSupportApi()`; without a usable WeChat no
    /// request is made.
    pub fn begin_auth(
        &self,
        installed: bool,
        supports_api: bool,
    ) -> std::result::Result<AuthStart, WxLoginError> {
        if !installed {
            return Ok(AuthStart::NotInstalled);
        }
        if !supports_api {
            return Ok(AuthStart::UpdateRequired);
        }
        let state = self.engine.begin(Flow::App)?;
        Ok(AuthStart::Request {
            scope: APP_SCOPE.to_owned(),
            state: state.expose().to_owned(),
        })
    }

    /// The WeChat SDK's response, as `WXEntryActivity.onResp` / `WXApiDelegate.onResp`
    /// received it: `errCode`, and `code` and `state` from `SendAuth.Resp`.
    pub fn on_auth_resp(
        &self,
        err_code: i32,
        code: Option<String>,
        state: Option<String>,
    ) -> std::result::Result<AuthOutcome, WxLoginError> {
        Ok(self.engine.on_callback(
            SdkErrCode::from(err_code),
            code.as_deref(),
            state.as_deref(),
        )?)
    }

    /// Starts a web authorization (QR login or official-account page) that redirects to
    /// `redirect_uri` (https, or http on a loopback host).
    pub fn begin_web_auth(
        &self,
        flow: WebFlow,
        redirect_uri: String,
    ) -> std::result::Result<WebAuthRequest, WxLoginError> {
        web::validate_redirect_uri(&redirect_uri)?;
        let state = self.engine.begin(Flow::Web {
            redirect_uri: redirect_uri.clone(),
        })?;
        Ok(WebAuthRequest {
            url: web::authorize_url(flow, &self.config.app_id, &redirect_uri, state.expose()),
            state: state.expose().to_owned(),
        })
    }

    /// The outcome of the redirect back from a web authorization: `?code=…&state=…`
    /// goes through the same checks as [`WxLogin::on_auth_resp`]; `?state=…` alone means
    /// the user refused. A URL that is not the pending request's redirect is an error.
    pub fn parse_web_redirect(
        &self,
        url: String,
    ) -> std::result::Result<AuthOutcome, WxLoginError> {
        let expected = match self.engine.pending_flow()? {
            Some(Flow::Web { redirect_uri }) => Some(redirect_uri),
            _ => None,
        };
        let params = web::parse_redirect(&url, expected.as_deref())?;
        let err_code = match params.code {
            Some(_) => SdkErrCode::Ok,
            None => SdkErrCode::AuthDenied,
        };
        Ok(self
            .engine
            .on_callback(err_code, params.code.as_deref(), params.state.as_deref())?)
    }

    /// Whether a request is waiting for its callback (and still within its lifetime).
    pub fn is_auth_pending(&self) -> std::result::Result<bool, WxLoginError> {
        Ok(self.engine.is_pending()?)
    }

    /// Gives up on the pending request; a callback for it is then ignored. Returns
    /// whether a request was pending.
    pub fn cancel_auth(&self) -> std::result::Result<bool, WxLoginError> {
        Ok(self.engine.cancel()?)
    }

    /// Call when the app returns to the foreground (`onResume`, `sceneDidBecomeActive`).
    /// If no callback arrives within the grace period, the pending request resolves as
    /// `Cancelled` for [`WxLogin::await_outcome`]: the user came back from WeChat with
    /// the back button or app switcher.
    pub fn on_app_foreground(&self) {
        self.engine.on_foreground();
    }

    /// Waits until the pending request resolves and returns its outcome: the callback's,
    /// `Cancelled` after the grace period, or `StateExpired` at the end of its lifetime.
    /// A resolution that happened before the call is returned once; with nothing pending
    /// it returns `NoPendingRequest` at once.
    pub async fn await_outcome(&self) -> std::result::Result<AuthOutcome, WxLoginError> {
        Ok(self.engine.wait().await?)
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
