//! A phone with the app on it: the core over a secure store, reaching the server
//! through its own fault proxy (so one case's bad network touches no other case), and
//! the WeChat app played by the simulator.

use std::sync::Arc;

use wxlogin_core::{
    in_memory_store, Account, AuthOutcome, AuthStart, CaptchaPurpose, LoginResult, Platform,
    SecureStore, WechatAvailability, WxLogin, WxLoginConfig, WxLoginError,
};
use wxlogin_sim::control::Scope;

use crate::env::QaEnv;
use crate::proxy::FaultProxy;
use crate::shown::Shown;

/// Grace period after the app returns without a callback (short: the QA run waits it).
pub const GRACE_MS: i64 = 300;

pub struct Device<'e> {
    pub env: &'e QaEnv,
    pub core: Arc<WxLogin>,
    pub store: Arc<dyn SecureStore>,
    pub proxy: FaultProxy,
    pub platform: Platform,
    /// Whether the WeChat app is installed (the tester can uninstall it mid-case).
    pub wechat_installed: bool,
    timeout_ms: i64,
}

impl<'e> Device<'e> {
    pub async fn new(env: &'e QaEnv, platform: Platform) -> Result<Device<'e>, String> {
        Self::with_timeout(env, platform, 10_000).await
    }

    pub async fn with_timeout(
        env: &'e QaEnv,
        platform: Platform,
        timeout_ms: i64,
    ) -> Result<Device<'e>, String> {
        let proxy = FaultProxy::start(env.server)
            .await
            .map_err(|e| format!("proxy: {e}"))?;
        let store = in_memory_store();
        let core = new_core(env, &proxy, store.clone(), platform, timeout_ms)?;
        Ok(Self {
            env,
            core,
            store,
            proxy,
            platform,
            wechat_installed: true,
            timeout_ms,
        })
    }

    /// The app process is killed and started again: a new core over the same store.
    pub fn restart(&mut self) -> Result<(), String> {
        self.core = new_core(
            self.env,
            &self.proxy,
            self.store.clone(),
            self.platform,
            self.timeout_ms,
        )?;
        Ok(())
    }

    /// Taps the WeChat button: the request the app would send to WeChat, if any.
    pub fn tap_wechat(&self) -> Result<AuthStart, String> {
        self.core
            .begin_auth(if self.wechat_installed {
                WechatAvailability::Ready
            } else {
                WechatAvailability::NotInstalled
            })
            .map_err(|e| format!("begin_auth: {e}"))
    }

    /// In WeChat, `user` taps "allow": the code WeChat hands back to the app.
    pub async fn allow_in_wechat(&self, user: &str) -> Result<String, String> {
        self.env
            .control
            .authorize(&self.env.app_id, user, Scope::SnsapiUserinfo)
            .await
            .map_err(|e| format!("simulator authorize: {e}"))
    }

    /// Taps the WeChat button and, in WeChat, `user` taps "allow": the callback reaches
    /// the app. Returns the outcome `onAuthResp` gave.
    pub async fn authorize(&self, user: &str) -> Result<AuthOutcome, String> {
        let AuthStart::Request { state, .. } = self.tap_wechat()? else {
            return Err("no WeChat request was made".into());
        };
        let code = self.allow_in_wechat(user).await?;
        self.core
            .on_auth_resp(0, Some(code.into()), Some(state.into()))
            .map_err(|e| format!("on_auth_resp: {e}"))
    }

    /// The whole WeChat login as an app does it: tap, allow, callback, exchange.
    pub async fn wechat_login(&self, user: &str) -> Result<LoginResult, WxLoginError> {
        self.authorize(user).await.map_err(internal)?;
        self.core.complete_wechat_login().await
    }

    /// The signed-in account, fresh from the server (`GET /v1/me`).
    pub async fn account(&self) -> Result<Account, String> {
        self.core
            .fetch_account()
            .await
            .map_err(|e| format!("fetch_account: {e}"))
    }

    /// A code for binding WeChat to the signed-in account (tap "bind WeChat", allow).
    pub async fn wechat_code(&self, user: &str) -> Result<String, String> {
        match self.authorize(user).await? {
            AuthOutcome::Authorized { code } => Ok(code),
            other => Err(format!("WeChat did not authorize: {}", other.shown().en)),
        }
    }

    /// Requests a captcha in the app and reads it from the (simulated) SMS.
    pub async fn captcha(&self, mobile: &str, purpose: CaptchaPurpose) -> Result<String, String> {
        self.core
            .request_captcha(mobile.into(), purpose)
            .await
            .map_err(|e| format!("request_captcha: {e}"))?;
        self.env.last_sms(mobile).await
    }

    /// Phone + captcha login.
    pub async fn phone_login(&self, mobile: &str) -> Result<Account, String> {
        let captcha = self.captcha(mobile, CaptchaPurpose::Login).await?;
        self.core
            .login_with_phone(mobile.into(), captcha.into())
            .await
            .map_err(|e| format!("login_with_phone: {e}"))
    }

    /// WeChat login of a new identity, then the forced phone binding.
    pub async fn register_by_wechat(&self, user: &str, mobile: &str) -> Result<Account, String> {
        let LoginResult::NeedsPhone { bind_ticket, .. } =
            self.wechat_login(user).await.map_err(|e| e.to_string())?
        else {
            return Err("expected the bind-phone page".into());
        };
        let captcha = self.captcha(mobile, CaptchaPurpose::Bind).await?;
        self.core
            .bind_phone(bind_ticket.into(), mobile.into(), captcha.into())
            .await
            .map_err(|e| format!("bind_phone: {e}"))
    }
}

fn new_core(
    env: &QaEnv,
    proxy: &FaultProxy,
    store: Arc<dyn SecureStore>,
    platform: Platform,
    timeout_ms: i64,
) -> Result<Arc<WxLogin>, String> {
    WxLogin::new(
        WxLoginConfig {
            app_id: env.app_id.clone(),
            platform,
            state_ttl_ms: 600_000,
            grace_period_ms: GRACE_MS,
            server_url: Some(proxy.url()),
            request_timeout_ms: timeout_ms,
        },
        store,
    )
    .map_err(|e| format!("WxLogin::new: {e}"))
}

fn internal(reason: String) -> WxLoginError {
    WxLoginError::Internal { reason }
}
