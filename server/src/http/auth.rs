//! Phone and password login, resume (the seed's "repeat login") and logout.

use axum::extract::State;
use axum::Json;
use wxlogin_contract::{
    ApiCode, CaptchaPurpose, Empty, Envelope, PasswordLoginRequest, PhoneCaptchaRequest,
    SessionResponse,
};

use super::extract::{ApiJson, Authed};
use super::wechat_login::{require_mobile, signed_in};
use super::AppState;
use crate::accounts;
use crate::captcha;
use crate::error::{wechat_error, ApiError, ApiResult};
use crate::wechat::Deadline;
use crate::{passwords, sessions};

const MAX_PASSWORD_BYTES: usize = 256;

pub async fn phone_login(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PhoneCaptchaRequest>,
) -> ApiResult<Json<Envelope<SessionResponse>>> {
    require_mobile(&request.mobile)?;
    captcha::verify(
        &state.db,
        &state.config.captcha,
        &request.mobile,
        CaptchaPurpose::Login,
        request.captcha.expose(),
    )
    .await?;
    let user = accounts::login_or_register_phone(&state.db, &request.mobile).await?;
    signed_in(&state, user).await
}

pub async fn password_login(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<PasswordLoginRequest>,
) -> ApiResult<Json<Envelope<SessionResponse>>> {
    let password = request.password.expose().to_owned();
    if password.is_empty() || password.len() > MAX_PASSWORD_BYTES || request.account.is_empty() {
        return Err(ApiError::new(
            ApiCode::InvalidPassword,
            "account and password required",
        ));
    }
    let user = accounts::find_by_account(&state.db.pool, &request.account).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    // Argon2 is deliberately slow: keep it off the async workers.
    let matches =
        tokio::task::spawn_blocking(move || passwords::verify(&password, stored.as_deref()))
            .await
            .map_err(ApiError::internal)?;
    match user {
        Some(user) if matches => signed_in(&state, user).await,
        _ => Err(ApiError::new(
            ApiCode::WrongCredentials,
            "account or password wrong",
        )),
    }
}

/// Re-checks the WeChat grant behind the account (`/sns/auth`, then a refresh when the
/// access token expired) and rotates the session. A grant WeChat no longer honours ends
/// the session: the user must authorize again. So does a WeChat binding without a
/// grant (left by a server of an older version that stopped between binding and
/// saving the grant): nothing can be re-checked. WeChat being unreachable does not: the
/// session stays and the app may retry.
pub async fn resume(
    State(state): State<AppState>,
    authed: Authed,
) -> ApiResult<Json<Envelope<SessionResponse>>> {
    let grant = accounts::load_grant(&state.db, authed.user_id).await?;
    let bound = accounts::load_user(&state.db.pool, authed.user_id)
        .await?
        .is_some_and(|user| user.has_wechat());
    if grant.is_none() && bound {
        sessions::revoke(&state.db, &authed.token).await?;
        return Err(ApiError::new(
            ApiCode::WechatReauthorize,
            "no WeChat grant to re-check; authorize again",
        ));
    }
    if let Some(grant) = grant {
        let deadline = Deadline::from_config(&state.config);
        if let Err(err) = state
            .wechat
            .check(&grant.access_token, &grant.open_id, deadline)
            .await
        {
            let refreshable = matches!(err.errcode(), Some(42001 | 40001));
            let refreshed = if refreshable {
                state.wechat.refresh(&grant.refresh_token, deadline).await
            } else {
                Err(err)
            };
            match refreshed {
                Ok(new_grant) => {
                    accounts::update_tokens(&state.db, authed.user_id, &new_grant).await?
                }
                Err(err) => {
                    let answer = wechat_error(&err);
                    if answer.code == ApiCode::WechatReauthorize {
                        sessions::revoke(&state.db, &authed.token).await?;
                    }
                    return Err(answer);
                }
            }
        }
    }
    if !sessions::revoke(&state.db, &authed.token).await? {
        return Err(ApiError::new(
            ApiCode::Unauthorized,
            "session already rotated",
        ));
    }
    let user = accounts::load_user(&state.db.pool, authed.user_id)
        .await?
        .ok_or_else(|| ApiError::new(ApiCode::Unauthorized, "account vanished"))?;
    signed_in(&state, user).await
}

pub async fn logout(
    State(state): State<AppState>,
    authed: Authed,
) -> ApiResult<Json<Envelope<Empty>>> {
    sessions::revoke(&state.db, &authed.token).await?;
    Ok(Json(Envelope::ok(Empty {})))
}
