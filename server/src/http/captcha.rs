//! `POST /v1/captcha`.

use axum::extract::State;
use axum::Json;
use wxlogin_contract::{CaptchaRequest, CaptchaResponse, Envelope};

use super::extract::{ApiJson, ClientAddr};
use super::wechat_login::require_mobile;
use super::{dev, AppState};
use crate::captcha;
use crate::error::ApiResult;

pub async fn issue(
    State(state): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(request): ApiJson<CaptchaRequest>,
) -> ApiResult<Json<Envelope<CaptchaResponse>>> {
    require_mobile(&request.mobile)?;
    let (policy, client) = dev::captcha_terms(&state.config, &request.mobile, &client);
    let answer = captcha::issue(
        &state.db,
        &policy,
        state.sms.as_ref(),
        &request.mobile,
        request.purpose,
        client,
    )
    .await?;
    Ok(Json(Envelope::ok(answer)))
}
