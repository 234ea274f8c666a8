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
use crate::wechat::{Deadline, Grant};
use crate::{sessions, wechat};

/// A returning user is answered after the code exchange alone: its openid and unionid
/// name the account. The profile (`/sns/userinfo`, the avatar) is refreshed in the
/// background. A new identity needs the profile for the bind page, so it waits for it.
pub async fn login(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<WechatCodeRequest>,
) -> ApiResult<Json<Envelope<WechatLoginResponse>>> {
    let deadline = Deadline::from_config(&state.config);
    let grant = exchange(&state, request.code.expose(), deadline).await?;
    let known = WechatIdentity::new(&grant, None, now());
    if let Some(user) = accounts::find_by_wechat(&state.db.pool, &known).await? {
        // Bound through a web channel so far: the app's openid joins it.
        let user = match user.wechat_open_id {
            Some(_) => user,
            None => {
                accounts::remember_mobile_openid(&state.db.pool, user.id, &known.open_id).await?;
                accounts::load_user(&state.db.pool, user.id)
                    .await?
                    .ok_or_else(|| ApiError::new(ApiCode::Unauthorized, "account vanished"))?
            }
        };
        accounts::save_grant(&state.db.pool, user.id, &known).await?;
        state.profiles.refresh_later(user.clone(), grant);
        let profile = WechatProfile {
            nickname: user.wechat_name.clone().unwrap_or_default(),
            avatar_url: user.wechat_headimgurl.clone(),
        };
        return signed_in_by_wechat(&state, user, profile).await;
    }
    let profile = accounts::read_profile(&state.wechat, &grant, deadline)
        .await
        .map_err(|e| wechat_error(&e))?;
    let identity = WechatIdentity::new(&grant, profile.as_ref(), now());
    let profile = WechatProfile {
        nickname: identity.nickname.clone(),
        avatar_url: identity.headimgurl.clone(),
    };
    // The profile may add the unionid the exchange lacked, which can name an account
    // bound through another app of the same open-platform account.
    if identity.union_id.is_some() && known.union_id.is_none() {
        if let Some(user) = accounts::find_by_wechat(&state.db.pool, &identity).await? {
            accounts::save_grant(&state.db.pool, user.id, &identity).await?;
            let user = refresh_wechat(&state, &user, &identity, deadline).await?;
            return signed_in_by_wechat(&state, user, profile).await;
        }
    }
    let ticket =
        accounts::create_ticket(&state.db, &identity, state.config.bind_ticket_ttl_s).await?;
    Ok(Json(Envelope::ok(WechatLoginResponse {
        is_bind: false,
        token: None,
        bind_ticket: Some(ticket.into()),
        bind_ticket_expires_in_s: Some(state.config.bind_ticket_ttl_s),
        user: None,
        wechat: profile,
    })))
}

async fn signed_in_by_wechat(
    state: &AppState,
    user: UserRow,
    profile: WechatProfile,
) -> ApiResult<Json<Envelope<WechatLoginResponse>>> {
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
    let deadline = Deadline::from_config(&state.config);
    require_mobile(&request.mobile)?;
    let ticket = request.bind_ticket.expose();
    // A web login's pending binding finishes on its own page, under the web rules.
    let identity = accounts::open_ticket(&state.db, ticket)
        .await?
        .filter(|identity| identity.web_app.is_none())
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
    let user = refresh_wechat(&state, &user, &identity, deadline).await?;
    signed_in(&state, user).await
}

/// The grant behind a code: checked for plausibility, exchanged once, and refused if
/// it is a snapshot identity.
async fn exchange(state: &AppState, code: &str, deadline: Deadline) -> ApiResult<Grant> {
    if code.is_empty() || code.len() > 512 {
        return Err(ApiError::new(
            ApiCode::WechatCodeInvalid,
            "missing or implausible code",
        ));
    }
    let grant = wechat::exchange_code(&state.db, &state.wechat, code, deadline).await?;
    if grant.is_snapshotuser == Some(1) {
        return Err(ApiError::new(
            ApiCode::WechatSnapshotUser,
            "WeChat gave a snapshot identity",
        ));
    }
    Ok(grant)
}

/// Exchanges a code and reads the profile: the WeChat identity behind it, as a binding
/// needs it.
pub(super) async fn identity_from_code(
    state: &AppState,
    code: &str,
    deadline: Deadline,
) -> ApiResult<WechatIdentity> {
    let grant = exchange(state, code, deadline).await?;
    let profile = accounts::read_profile(&state.wechat, &grant, deadline)
        .await
        .map_err(|e| wechat_error(&e))?;
    Ok(WechatIdentity::new(&grant, profile.as_ref(), now()))
}

/// After a WeChat binding: the nickname current and the avatar image stored, before
/// answering. Returns the account as it is now.
pub(super) async fn refresh_wechat(
    state: &AppState,
    user: &UserRow,
    identity: &WechatIdentity,
    deadline: Deadline,
) -> ApiResult<UserRow> {
    accounts::refresh_profile(&state.db, &state.wechat, user, identity, deadline).await?;
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
