//! WeChat login (`POST /v1/auth/wechat`) and the forced phone binding that follows an
//! unknown identity (`POST /v1/auth/wechat/bind-phone`).

use axum::extract::State;
use axum::Json;
use wxlogin_contract::{
    ApiCode, BindPhoneRequest, CaptchaPurpose, Envelope, SessionResponse, WechatCodeRequest,
    WechatLoginResponse, WechatProfile,
};

use super::extract::ApiJson;
use super::AppState;
use crate::accounts::{self, UserRow, WechatIdentity};
use crate::captcha::{self, valid_mobile};
use crate::db::now;
use crate::error::{wechat_error, ApiError, ApiResult};
use crate::{avatars, sessions, wechat};

pub async fn login(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<WechatCodeRequest>,
) -> ApiResult<Json<Envelope<WechatLoginResponse>>> {
    let identity = identity_from_code(&state, request.code.expose()).await?;
    let profile = WechatProfile {
        nickname: identity.nickname.clone(),
        avatar_url: identity.headimgurl.clone(),
    };
    let Some(user) = accounts::find_by_wechat(&state.db.pool, &identity).await? else {
        let ticket =
            accounts::create_ticket(&state.db, &identity, state.config.bind_ticket_ttl_s).await?;
        return Ok(Json(Envelope::ok(WechatLoginResponse {
            is_bind: false,
            token: None,
            bind_ticket: Some(ticket.into()),
            bind_ticket_expires_in_s: Some(state.config.bind_ticket_ttl_s),
            user: None,
            wechat: profile,
        })));
    };
    accounts::save_grant(&state.db.pool, user.id, &identity).await?;
    let user = refresh_wechat(&state, &user, &identity).await?;
    let session = sessions::create(&state.db, user.id, state.config.session_ttl_s).await?;
    Ok(Json(Envelope::ok(WechatLoginResponse {
        is_bind: true,
        token: Some(session.token.into()),
        bind_ticket: None,
        bind_ticket_expires_in_s: None,
        user: Some(user.to_contract()),
        wechat: profile,
    })))
}

pub async fn bind_phone(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<BindPhoneRequest>,
) -> ApiResult<Json<Envelope<SessionResponse>>> {
    require_mobile(&request.mobile)?;
    let ticket = request.bind_ticket.expose();
    let identity = accounts::open_ticket(&state.db, ticket)
        .await?
        .ok_or_else(|| {
            ApiError::new(
                ApiCode::BindTicketInvalid,
                "bind ticket unknown, expired or used",
            )
        })?;
    captcha::verify(
        &state.db,
        &state.config.captcha,
        &request.mobile,
        CaptchaPurpose::Bind,
        request.captcha.expose(),
    )
    .await?;
    let user = accounts::bind_ticket_phone(&state.db, &identity, &request.mobile).await?;
    accounts::close_ticket(&state.db, ticket).await?;
    let user = refresh_wechat(&state, &user, &identity).await?;
    signed_in(&state, user).await
}

/// Exchanges a code and reads the profile: the WeChat identity behind it.
pub(super) async fn identity_from_code(state: &AppState, code: &str) -> ApiResult<WechatIdentity> {
    if code.is_empty() || code.len() > 512 {
        return Err(ApiError::new(
            ApiCode::WechatCodeInvalid,
            "missing or implausible code",
        ));
    }
    let grant = wechat::exchange_code(&state.db, &state.wechat, code).await?;
    if grant.is_snapshotuser == Some(1) {
        return Err(ApiError::new(
            ApiCode::WechatSnapshotUser,
            "WeChat gave a snapshot identity",
        ));
    }
    let profile = if grant.scope.split(',').any(|s| s == "snsapi_userinfo") {
        Some(
            state
                .wechat
                .userinfo(&grant.access_token, &grant.openid)
                .await
                .map_err(|e| wechat_error(&e))?,
        )
    } else {
        None
    };
    Ok(WechatIdentity::new(&grant, profile.as_ref(), now()))
}

/// After a WeChat login or bind: keep the nickname current and the avatar image
/// stored. Returns the account as it is now. (The grant is saved by the binding's own
/// transaction, or by the login.)
pub(super) async fn refresh_wechat(
    state: &AppState,
    user: &UserRow,
    identity: &WechatIdentity,
) -> ApiResult<UserRow> {
    if !identity.nickname.is_empty() {
        sqlx::query("UPDATE users SET wechat_name = $1, updated_at = $2 WHERE id = $3")
            .bind(&identity.nickname)
            .bind(now())
            .bind(user.id)
            .execute(&state.db.pool)
            .await?;
    }
    avatars::refresh(
        &state.db,
        &state.wechat,
        user.id,
        identity,
        user.wechat_headimgurl.as_deref(),
    )
    .await?;
    accounts::load_user(&state.db.pool, user.id)
        .await?
        .ok_or_else(|| ApiError::new(ApiCode::Unauthorized, "account vanished"))
}

/// A new session for `user`.
pub(super) async fn signed_in(
    state: &AppState,
    user: UserRow,
) -> ApiResult<Json<Envelope<SessionResponse>>> {
    let session = sessions::create(&state.db, user.id, state.config.session_ttl_s).await?;
    Ok(Json(Envelope::ok(SessionResponse {
        token: session.token.into(),
        expires_in_s: session.expires_in_s,
        user: user.to_contract(),
    })))
}

pub(super) fn require_mobile(mobile: &str) -> ApiResult<()> {
    if valid_mobile(mobile) {
        Ok(())
    } else {
        Err(ApiError::new(
            ApiCode::InvalidMobile,
            "not a valid mobile number",
        ))
    }
}
