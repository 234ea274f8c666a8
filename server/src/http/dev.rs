//! Development-only endpoints (`--dev`), for QA and local testing, and the captcha terms
//! of the reserved QA numbers. None of it exists without `--dev`.

use std::borrow::Cow;

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use wxlogin_contract::{ApiCode, Envelope, UserResponse};

use super::extract::{ApiJson, ApiQuery};
use super::AppState;
use crate::accounts;
use crate::config::{CaptchaPolicy, Config};
use crate::db::is_unique_violation;
use crate::error::{ApiError, ApiResult};

/// The rate bucket the reserved QA numbers are counted in, instead of the caller's
/// address.
const QA_NUMBERS_BUCKET: &str = "dev-qa-numbers";

/// The captcha limits and the rate bucket for a captcha request to `mobile` from
/// `client`: the configured limits and the caller's address, except under `--dev` for a
/// reserved QA number ([`crate::config::QA_MOBILE_PREFIX`]), which gets
/// [`CaptchaPolicy::for_qa_numbers`] and a bucket of its own.
pub fn captcha_terms<'a>(
    config: &'a Config,
    mobile: &str,
    client: &'a str,
) -> (Cow<'a, CaptchaPolicy>, &'a str) {
    if config.is_dev_qa_number(mobile) {
        (
            Cow::Owned(config.captcha.for_qa_numbers()),
            QA_NUMBERS_BUCKET,
        )
    } else {
        (Cow::Borrowed(&config.captcha), client)
    }
}

#[derive(Deserialize)]
pub struct SmsQuery {
    mobile: String,
}

#[derive(serde::Serialize)]
pub struct LastSms {
    captcha: String,
}

/// `GET /dev/sms?mobile=M`: the last captcha the dev sender "sent" to M.
pub async fn last_sms(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<SmsQuery>,
) -> ApiResult<Json<LastSms>> {
    state
        .sms
        .last_sent(&query.mobile)
        .map(|captcha| Json(LastSms { captcha }))
        .ok_or_else(|| ApiError::new(ApiCode::NotFound, "no captcha sent to this phone"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    account: String,
    password: String,
    #[serde(default)]
    mobile: Option<String>,
}

/// `POST /dev/accounts`: an account with a password (the seed's case 9 needs one).
pub async fn create_account(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<NewAccount>,
) -> ApiResult<Json<Envelope<UserResponse>>> {
    let hash = state.passwords.hash(request.password.clone()).await?;
    let id = match accounts::create_password_account(
        &state.db,
        &request.account,
        &hash,
        request.mobile.as_deref(),
    )
    .await
    {
        Ok(id) => id,
        Err(err) if is_unique_violation(&err) => {
            return Err(ApiError::new(
                ApiCode::PhoneBoundToOtherAccount,
                "account or phone already exists",
            ))
        }
        Err(err) => return Err(err.into()),
    };
    let user = accounts::load_user(&state.db.pool, id)
        .await?
        .ok_or_else(|| ApiError::internal("account vanished"))?;
    Ok(Json(Envelope::ok(UserResponse {
        user: user.to_contract(),
    })))
}
