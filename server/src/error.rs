//! Turning failures into the contract's envelope with the right HTTP status.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use wxlogin_contract::{ApiCode, Envelope, ErrorDetails};

/// An answer that is not a success. Handlers return it; [`IntoResponse`] renders it.
#[derive(Debug)]
pub struct ApiError {
    pub code: ApiCode,
    pub msg: String,
    pub retry_after_s: Option<u32>,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: ApiCode, msg: impl Into<String>) -> Self {
        Self {
            code,
            msg: msg.into(),
            retry_after_s: None,
        }
    }

    pub fn retry_after(code: ApiCode, msg: impl Into<String>, seconds: u32) -> Self {
        Self {
            retry_after_s: Some(seconds.max(1)),
            ..Self::new(code, msg)
        }
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!("internal error: {cause}");
        Self::new(ApiCode::Internal, "internal error")
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(err: sqlx::Error) -> Self {
        Self::internal(format_args!("database: {err}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.http_status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut body = Envelope::<ErrorDetails>::error(self.code, self.msg);
        if let Some(seconds) = self.retry_after_s {
            body.data = Some(ErrorDetails {
                retry_after_s: Some(seconds),
            });
        }
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after_s {
            response.headers_mut().insert("retry-after", seconds.into());
        }
        response
    }
}

impl From<crate::accounts::BindError> for ApiError {
    fn from(err: crate::accounts::BindError) -> Self {
        match err {
            crate::accounts::BindError::Conflict(code) => {
                ApiError::new(code, conflict_message(code))
            }
            crate::accounts::BindError::Db(err) => err.into(),
        }
    }
}

fn conflict_message(code: ApiCode) -> &'static str {
    match code {
        ApiCode::PhoneBoundToOtherWechat => "this phone's account already has another WeChat",
        ApiCode::WechatAlreadyBound => "this account already has another WeChat",
        ApiCode::WechatBoundToOtherAccount => "this WeChat belongs to another account",
        ApiCode::PhoneAlreadyBound => "this account already has another phone",
        ApiCode::PhoneBoundToOtherAccount => "this phone belongs to another account",
        ApiCode::Unauthorized => "the session's account no longer exists",
        _ => "binding refused",
    }
}

impl From<crate::captcha::CaptchaError> for ApiError {
    fn from(err: crate::captcha::CaptchaError) -> Self {
        use crate::captcha::CaptchaError as E;
        match err {
            E::Invalid => ApiError::new(ApiCode::CaptchaInvalid, "captcha wrong, expired or used"),
            E::TooManyAttempts => ApiError::new(
                ApiCode::CaptchaTooManyAttempts,
                "too many wrong attempts; request a new captcha",
            ),
            E::Cooldown(s) => ApiError::retry_after(
                ApiCode::CaptchaCooldown,
                "a captcha was sent moments ago",
                s,
            ),
            E::RateLimited(s) => {
                ApiError::retry_after(ApiCode::RateLimited, "too many captchas requested", s)
            }
            E::Send(err) => ApiError::internal(format_args!("SMS: {err}")),
            E::Db(err) => err.into(),
        }
    }
}

impl From<crate::passwords::attempts::AttemptError> for ApiError {
    fn from(err: crate::passwords::attempts::AttemptError) -> Self {
        use crate::passwords::attempts::AttemptError as E;
        match err {
            E::Locked(s) => ApiError::retry_after(
                ApiCode::RateLimited,
                "too many wrong passwords; wait before trying again",
                s,
            ),
            E::Db(err) => err.into(),
        }
    }
}

impl From<crate::passwords::Busy> for ApiError {
    fn from(_: crate::passwords::Busy) -> Self {
        ApiError::retry_after(
            ApiCode::ServerBusy,
            "too many password logins at once; retry shortly",
            1,
        )
    }
}

impl From<crate::passwords::HashError> for ApiError {
    fn from(err: crate::passwords::HashError) -> Self {
        match err {
            crate::passwords::HashError::Busy(busy) => busy.into(),
            crate::passwords::HashError::Failed(err) => ApiError::internal(err),
        }
    }
}

/// WeChat's answer to a code exchange (or a bind with a code), for the app.
impl From<crate::wechat::Exchange> for ApiError {
    fn from(err: crate::wechat::Exchange) -> Self {
        match err {
            crate::wechat::Exchange::Wechat(err) => wechat_error(&err),
            crate::wechat::Exchange::Db(err) => err.into(),
        }
    }
}

/// What WeChat's errcodes mean for the app (WECHAT.md, "Server error codes").
pub fn wechat_error(err: &crate::wechat::WechatError) -> ApiError {
    match err.errcode() {
        Some(40029 | 40163 | 42003 | 41008) => ApiError::new(
            ApiCode::WechatCodeInvalid,
            "WeChat refused the code; authorize again",
        ),
        Some(40001 | 40125 | 40013 | 41002 | 41004 | 40002) => {
            tracing::error!("WeChat rejected the server's credentials: {err}");
            ApiError::new(
                ApiCode::WechatMisconfigured,
                "the server's WeChat configuration is wrong",
            )
        }
        Some(42002 | 40030 | 42007 | 40003) => ApiError::new(
            ApiCode::WechatReauthorize,
            "the WeChat authorization is gone; authorize again",
        ),
        _ => {
            tracing::warn!("WeChat unavailable: {err}");
            ApiError::new(
                ApiCode::WechatUnavailable,
                "WeChat is unavailable; try again later",
            )
        }
    }
}
