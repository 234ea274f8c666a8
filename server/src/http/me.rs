//! The signed-in account: read it, bind a WeChat or a phone to it, its avatar.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use wxlogin_contract::{
    ApiCode, CaptchaPurpose, Envelope, PhoneCaptchaRequest, UserResponse, WechatCodeRequest,
};

use super::extract::{ApiJson, ApiPath, Authed};
use super::wechat_login::{identity_from_code, refresh_wechat, require_mobile};
use super::AppState;
use crate::accounts;
use crate::avatars;
use crate::captcha;
use crate::error::{ApiError, ApiResult};
use crate::wechat::Deadline;

pub async fn me(
    State(state): State<AppState>,
    authed: Authed,
) -> ApiResult<Json<Envelope<UserResponse>>> {
    let user = accounts::load_user(&state.db.pool, authed.user_id)
        .await?
        .ok_or_else(|| ApiError::new(ApiCode::Unauthorized, "account vanished"))?;
    Ok(Json(Envelope::ok(UserResponse {
        user: user.to_contract(),
    })))
}

/// Binds a WeChat to the signed-in account (never to an account named in the request).
pub async fn bind_wechat(
    State(state): State<AppState>,
    authed: Authed,
    ApiJson(request): ApiJson<WechatCodeRequest>,
) -> ApiResult<Json<Envelope<UserResponse>>> {
    let deadline = Deadline::from_config(&state.config);
    let identity = identity_from_code(&state, request.code.expose(), deadline).await?;
    let user = accounts::bind_wechat_to_user(&state.db, authed.user_id, &identity).await?;
    let user = refresh_wechat(&state, &user, &identity, deadline).await?;
    Ok(Json(Envelope::ok(UserResponse {
        user: user.to_contract(),
    })))
}

/// Binds a phone to the signed-in account (seed cases 6, 7).
pub async fn bind_phone(
    State(state): State<AppState>,
    authed: Authed,
    ApiJson(request): ApiJson<PhoneCaptchaRequest>,
) -> ApiResult<Json<Envelope<UserResponse>>> {
    require_mobile(&request.mobile)?;
    captcha::verify(
        &state.db,
        &state.config.captcha,
        &request.mobile,
        CaptchaPurpose::Bind,
        request.captcha.expose(),
    )
    .await?;
    let user = accounts::bind_phone_to_user(&state.db, authed.user_id, &request.mobile).await?;
    Ok(Json(Envelope::ok(UserResponse {
        user: user.to_contract(),
    })))
}

/// The stored avatar image. Public like WeChat's own `headimgurl`, and like it behind
/// an unguessable URL.
pub async fn avatar(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<impl IntoResponse> {
    if !avatars::plausible_id(&id) {
        return Err(ApiError::new(ApiCode::BadRequest, "not an avatar id"));
    }
    let (content_type, data) = avatars::load(&state.db, &id)
        .await?
        .ok_or_else(|| ApiError::new(ApiCode::NotFound, "no avatar"))?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, max-age=3600".to_owned()),
        ],
        data,
    ))
}
