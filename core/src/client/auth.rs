//! The auth engine's calls: the button, the WeChat request, its callback, the web flows.

use crate::auth::{AuthOutcome, AuthStart, Flow, SdkErrCode};
use crate::button::{button_policy, ButtonPolicy, WechatAvailability};
use crate::flow::FlowState;
use crate::input::InputText;
use crate::web::{self, WebAuthRequest, WebFlow};
use crate::WxLoginError;

use super::{WxLogin, APP_SCOPE};

#[uniffi::export(async_runtime = "tokio")]
impl WxLogin {
    /// Whether to show the WeChat button on this platform; see [`button_policy`].
    pub fn button_policy(&self, availability: WechatAvailability) -> ButtonPolicy {
        button_policy(self.config.platform, availability)
    }

    /// Starts a mobile-app authorization: the `scope` and `state` for `SendAuth.Req`.
    /// Pass what the SDK says about WeChat (see [`WechatAvailability`]); without a
    /// usable WeChat no request is made.
    pub fn begin_auth(
        &self,
        availability: WechatAvailability,
    ) -> std::result::Result<AuthStart, WxLoginError> {
        match availability {
            WechatAvailability::NotInstalled => return Ok(AuthStart::NotInstalled),
            WechatAvailability::Outdated => return Ok(AuthStart::UpdateRequired),
            WechatAvailability::Ready => {}
        }
        let state = self.engine.begin(Flow::App)?;
        self.flow.set(FlowState::WaitingForWechat);
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
        code: Option<InputText>,
        state: Option<InputText>,
    ) -> std::result::Result<AuthOutcome, WxLoginError> {
        let outcome = self.engine.on_callback(
            SdkErrCode::from(err_code),
            code.as_ref().map(InputText::as_str),
            state.as_ref().map(InputText::as_str),
        )?;
        self.after_outcome(&outcome);
        Ok(outcome)
    }

    /// Starts a web authorization (QR login or official-account page) that redirects to
    /// `redirect_uri` (https, or http on a loopback host).
    pub fn begin_web_auth(
        &self,
        flow: WebFlow,
        redirect_uri: InputText,
    ) -> std::result::Result<WebAuthRequest, WxLoginError> {
        let redirect_uri = redirect_uri.into_string();
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
        url: InputText,
    ) -> std::result::Result<AuthOutcome, WxLoginError> {
        let expected = match self.engine.pending_flow()? {
            Some(Flow::Web { redirect_uri }) => Some(redirect_uri),
            _ => None,
        };
        let params = web::parse_redirect(url.as_str(), expected.as_deref())?;
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

    /// How the latest request resolved (callback, grace period, lifetime or cancel),
    /// readable any number of times: a screen recreated after `await_outcome` handed the
    /// outcome to its predecessor reads it here. `None` before the latest request
    /// resolved. Lives in this process only; after a restart, `flow_state` tells where
    /// the flow is.
    pub fn last_outcome(&self) -> Option<AuthOutcome> {
        self.engine.last_outcome()
    }
}

impl WxLogin {
    /// A request that ended without a code sends the flow back to the login screen; an
    /// authorized one stays waiting until its code is exchanged.
    pub(super) fn after_outcome(&self, outcome: &AuthOutcome) {
        if outcome.ends_request() && !matches!(outcome, AuthOutcome::Authorized { .. }) {
            self.flow.set(FlowState::Idle);
        }
    }
}
