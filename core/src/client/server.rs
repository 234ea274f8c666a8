//! The calls to the app's server: WeChat login and its forced phone binding, captchas,
//! phone and password login, binding WeChat or a phone to the signed-in account,
//! resume, logout. Each one a single request with a timeout; the session lives in the
//! host's secure store.

use std::sync::Arc;

use wxlogin_contract as contract;
use wxlogin_contract::paths;

use super::WxLogin;
use crate::account::{Account, CaptchaPurpose, CaptchaSent, LoginResult, WechatProfile};
use crate::api::{ApiClient, Failure};
use crate::flow::{FlowObserver, FlowState};
use crate::input::{checked_code, InputText};
use crate::support::{public_seconds, Secret};
use crate::{AuthOutcome, WxLoginError};

type Answer<T> = Result<T, WxLoginError>;

impl WxLogin {
    fn api(&self) -> Answer<&ApiClient> {
        self.api
            .as_ref()
            .ok_or_else(|| WxLoginError::InvalidConfig {
                reason: "no server_url configured".into(),
            })
    }

    fn token(&self) -> Answer<Secret> {
        match self.sessions.load()? {
            Some((token, _)) => Ok(token),
            None => Err(WxLoginError::not_signed_in()),
        }
    }

    /// Saves a new session and moves the flow to signed in.
    fn signed_in(&self, session: contract::SessionResponse) -> Answer<Account> {
        let account = Account::from_contract(session.user.clone(), self.api()?.base());
        self.sessions
            .save(Secret::new(session.token.0), session.user)?;
        self.flow.set(FlowState::SignedIn {
            account: account.clone(),
        });
        Ok(account)
    }

    /// Only the server can end a session: on its verdict the local session goes too.
    /// Any other failure (network, outage) leaves it alone.
    fn on_session_verdict<T>(&self, result: Answer<T>) -> Answer<T> {
        if let Err(WxLoginError::NotSignedIn { .. } | WxLoginError::ReauthorizeWechat { .. }) =
            &result
        {
            self.sessions.clear()?;
            self.flow.set(FlowState::Idle);
        }
        result
    }

    async fn wechat_login(&self, api: &ApiClient, code: String) -> Result<LoginResult, Failure> {
        self.flow.set(FlowState::Exchanging);
        let request = contract::WechatCodeRequest { code: code.into() };
        let answer: Result<contract::WechatLoginResponse, Failure> = api
            .post_at_most_once(paths::AUTH_WECHAT, &request, None)
            .await;
        let result =
            answer.and_then(|data| self.after_wechat_login(data).map_err(Failure::maybe_sent));
        if result.is_err() {
            self.flow.set(FlowState::Idle);
        }
        result
    }

    fn after_wechat_login(&self, data: contract::WechatLoginResponse) -> Answer<LoginResult> {
        let wechat = WechatProfile {
            nickname: data.wechat.nickname,
            avatar_url: data.wechat.avatar_url,
        };
        match (data.is_bind, data.token, data.user, data.bind_ticket) {
            (true, Some(token), Some(user), _) => {
                let account = self.signed_in(contract::SessionResponse {
                    token,
                    expires_in_s: 0,
                    user,
                })?;
                Ok(LoginResult::SignedIn { account })
            }
            (false, _, _, Some(ticket)) => {
                let expires_in_s = data.bind_ticket_expires_in_s.unwrap_or(600);
                self.flow
                    .needs_phone(wechat.clone(), &ticket.0, expires_in_s);
                Ok(LoginResult::NeedsPhone {
                    bind_ticket: ticket.0,
                    wechat,
                    expires_in_s: public_seconds(expires_in_s),
                })
            }
            _ => Err(WxLoginError::UnexpectedResponse {
                reason: "a WeChat login answer without token or bind ticket".into(),
            }),
        }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl WxLogin {
    /// Logs in with the code of an `Authorized` outcome. The same code reaches the
    /// server at most once: a double tap or a duplicate callback joins the first call and
    /// gets its result. A request that provably never left the phone (no connection) is
    /// retried twice within about a second; if it still fails, the `Network` error leaves
    /// the code unused, and calling again with the same code submits it then.
    pub async fn login_with_code(&self, code: InputText) -> Answer<LoginResult> {
        let code = checked_code(code)?;
        let api = self.api()?;
        self.logins
            .run(&code.clone(), || self.wechat_login(api, code))
            .await
    }

    /// Waits for the pending WeChat request to resolve (see `await_outcome`) and, when
    /// the user authorized, logs in with the code: the whole WeChat login in one call.
    pub async fn complete_wechat_login(&self) -> Answer<LoginResult> {
        match self.await_outcome().await? {
            AuthOutcome::Authorized { code } => self.login_with_code(code.into()).await,
            outcome => {
                self.flow.set(FlowState::Idle);
                Ok(LoginResult::NotAuthorized { outcome })
            }
        }
    }

    /// Sends an SMS captcha to `mobile`.
    pub async fn request_captcha(
        &self,
        mobile: InputText,
        purpose: CaptchaPurpose,
    ) -> Answer<CaptchaSent> {
        let request = contract::CaptchaRequest {
            mobile: mobile.into_string(),
            purpose: purpose.into(),
        };
        let sent: contract::CaptchaResponse =
            self.api()?.post(paths::CAPTCHA, &request, None).await?;
        Ok(CaptchaSent {
            cooldown_s: public_seconds(sent.cooldown_s),
            expires_in_s: public_seconds(sent.expires_in_s),
        })
    }

    /// The forced phone binding after `NeedsPhone`: binds `mobile` (with a captcha of
    /// purpose `Bind`) to the WeChat of `bind_ticket`, and signs in.
    pub async fn bind_phone(
        &self,
        bind_ticket: InputText,
        mobile: InputText,
        captcha: InputText,
    ) -> Answer<Account> {
        let request = contract::BindPhoneRequest {
            bind_ticket: bind_ticket.into_string().into(),
            mobile: mobile.into_string(),
            captcha: captcha.into_string().into(),
        };
        let answer = self
            .api()?
            .post(paths::AUTH_WECHAT_BIND_PHONE, &request, None)
            .await;
        if let Err(WxLoginError::BindTicketExpired { .. }) = answer {
            self.flow.binding_ended(request.bind_ticket.expose());
        }
        self.signed_in(answer?)
    }

    /// Phone + captcha (purpose `Login`) login; an unknown phone is registered.
    pub async fn login_with_phone(&self, mobile: InputText, captcha: InputText) -> Answer<Account> {
        let request = contract::PhoneCaptchaRequest {
            mobile: mobile.into_string(),
            captcha: captcha.into_string().into(),
        };
        let session = self.api()?.post(paths::AUTH_PHONE, &request, None).await?;
        self.signed_in(session)
    }

    /// Account + password login.
    pub async fn login_with_password(
        &self,
        account: InputText,
        password: InputText,
    ) -> Answer<Account> {
        let request = contract::PasswordLoginRequest {
            account: account.into_string(),
            password: password.into_string().into(),
        };
        let session = self
            .api()?
            .post(paths::AUTH_PASSWORD, &request, None)
            .await?;
        self.signed_in(session)
    }

    /// Binds the WeChat of an `Authorized` code to the signed-in account; the same code
    /// reaches the server at most once, as in `login_with_code`.
    pub async fn bind_wechat(&self, code: InputText) -> Answer<Account> {
        let code = checked_code(code)?;
        let token = self.token()?;
        let api = self.api()?;
        self.binds
            .run(&code.clone(), || async move {
                let request = contract::WechatCodeRequest { code: code.into() };
                let answer = api
                    .post_at_most_once(paths::ME_WECHAT, &request, Some(token.expose()))
                    .await;
                match answer {
                    Err(failure) if failure.unsent => Err(failure),
                    answer => self
                        .updated_account(answer.map_err(|failure| failure.error))
                        .map_err(Failure::maybe_sent),
                }
            })
            .await
    }

    /// Binds a phone (captcha of purpose `Bind`) to the signed-in account.
    pub async fn bind_phone_to_account(
        &self,
        mobile: InputText,
        captcha: InputText,
    ) -> Answer<Account> {
        let token = self.token()?;
        let request = contract::PhoneCaptchaRequest {
            mobile: mobile.into_string(),
            captcha: captcha.into_string().into(),
        };
        let answer = self
            .api()?
            .post(paths::ME_PHONE, &request, Some(token.expose()))
            .await;
        self.updated_account(answer)
    }

    /// The signed-in account, fresh from the server.
    pub async fn fetch_account(&self) -> Answer<Account> {
        let token = self.token()?;
        let answer = self.api()?.get(paths::ME, Some(token.expose())).await;
        self.updated_account(answer)
    }

    /// The seed's "repeat login": the server re-checks the WeChat grant and rotates the
    /// session. A network failure keeps the session (the user stays signed in, offline);
    /// only the server's verdict signs out.
    pub async fn resume_session(&self) -> Answer<Account> {
        let token = self.token()?;
        let answer = self
            .api()?
            .post(
                paths::AUTH_RESUME,
                &contract::Empty {},
                Some(token.expose()),
            )
            .await;
        let session = self.on_session_verdict(answer)?;
        self.signed_in(session)
    }

    /// Signs out: the local session is gone whatever happens; the server is told when it
    /// can be reached.
    pub async fn logout(&self) -> Answer<()> {
        let Ok(token) = self.token() else {
            return Ok(());
        };
        self.sessions.clear()?;
        self.flow.set(FlowState::Idle);
        if let Ok(api) = self.api() {
            let told: Answer<contract::Empty> = api
                .post(
                    paths::AUTH_LOGOUT,
                    &contract::Empty {},
                    Some(token.expose()),
                )
                .await;
            if let Err(err) = told {
                log::warn!("logout not confirmed by the server: {err}");
            }
        }
        Ok(())
    }

    /// The account of the saved session, without a network call; `None` when signed out.
    pub fn current_account(&self) -> Answer<Option<Account>> {
        let Some((_, user)) = self.sessions.load()? else {
            return Ok(None);
        };
        Ok(self
            .api
            .as_ref()
            .map(|api| Account::from_contract(user, api.base())))
    }

    pub fn flow_state(&self) -> FlowState {
        self.flow.get()
    }

    /// Registers (or with `None` removes) the observer told of every flow change.
    pub fn set_flow_observer(&self, observer: Option<Arc<dyn FlowObserver>>) {
        self.flow.observe(observer);
    }
}

impl WxLogin {
    fn updated_account(&self, answer: Answer<contract::UserResponse>) -> Answer<Account> {
        let user = self.on_session_verdict(answer)?.user;
        let account = Account::from_contract(user.clone(), self.api()?.base());
        self.sessions.update_user(user)?;
        self.flow.set(FlowState::SignedIn {
            account: account.clone(),
        });
        Ok(account)
    }
}
