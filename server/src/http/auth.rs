//! Phone and password login, resume (the seed's "repeat login") and logout.

use axum::extract::State;
use axum::Json;
use wxlogin_contract::{
    ApiCode, CaptchaPurpose, Empty, Envelope, PasswordLoginRequest, PhoneCaptchaRequest,
    SessionResponse,
};

use super::extract::{ApiJson, Authed, BearerToken, ClientAddr};
use super::wechat_login::{require_mobile, signed_in};
use super::AppState;
use crate::accounts;
use crate::captcha;
use crate::error::{wechat_error, ApiError, ApiResult};
use crate::passwords::attempts::{self, Attempt};
use crate::sessions;
use crate::wechat::Deadline;

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

/// Account and password. Every step is the same for unknown and known accounts (the
/// attempt limits count both, an unknown one is checked against a dummy hash), so the
/// answers and their timing tell nothing about which accounts exist.
pub async fn password_login(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(request): ApiJson<PasswordLoginRequest>,
) -> ApiResult<Json<Envelope<SessionResponse>>> {
    let password = request.password.expose().to_owned();
    if password.is_empty() || password.len() > MAX_PASSWORD_BYTES || request.account.is_empty() {
        return Err(ApiError::new(
            ApiCode::InvalidPassword,
            "account and password required",
        ));
    }
    let attempt = Attempt::new(&request.account, &client);
    // A locked attempt is refused before it queues for an Argon2 slot, and counted
    // only once it has one, so a busy server (503) costs the user no attempt.
    attempts::check(&state.db, &attempt).await?;
    let slot = state.passwords.slot().await?;
    attempts::admit(&state.db, &state.config.passwords, &attempt).await?;
    let user = accounts::find_by_account(&state.db.pool, &request.account).await?;
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let matches = state.passwords.verify(slot, password, stored).await;
    match user {
        Some(user) if matches => {
            attempts::clear(&state.db, &attempt).await?;
            signed_in(&state, user).await
        }
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
    // Bound through the mobile app: a WeChat bound only through a web channel has no
    // mobile grant to re-check, and needs none.
    let bound = accounts::load_user(&state.db.pool, authed.user_id)
        .await?
        .is_some_and(|user| user.wechat_open_id.is_some());
    if grant.is_none() && bound {
        sessions::end(&state.db, &authed.token).await?;
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
                        sessions::end(&state.db, &authed.token).await?;
                    }
                    return Err(answer);
                }
            }
        }
    }
    let user = accounts::load_user(&state.db.pool, authed.user_id)
        .await?
        .ok_or_else(|| ApiError::new(ApiCode::Unauthorized, "account vanished"))?;
    let session = sessions::rotate(
        &state.db,
        &authed.token,
        authed.user_id,
        state.config.session_ttl_s,
    )
    .await?
    .ok_or_else(|| ApiError::new(ApiCode::Unauthorized, "session already rotated or ended"))?;
    Ok(Json(Envelope::ok(SessionResponse {
        token: session.token.into(),
        expires_in_s: session.expires_in_s,
        user: user.to_contract(),
    })))
}

/// Ends the session: every token of its chain, including one a racing resume minted.
/// The token may be one that resume rotated away moments ago (the app may not have the
/// new one yet).
pub async fn logout(
    State(state): State<AppState>,
    BearerToken(token): BearerToken,
) -> ApiResult<Json<Envelope<Empty>>> {
    if sessions::end(&state.db, &token).await? {
        Ok(Json(Envelope::ok(Empty {})))
    } else {
        Err(ApiError::new(
            ApiCode::Unauthorized,
            "session expired or already ended",
        ))
    }
}
