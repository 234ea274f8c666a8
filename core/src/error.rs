//! The one public error type, and the one place internal failures become it.
//!
//! Variants say what the app should do, not what went wrong deep inside: fix the
//! configuration, retry when the network is back, sign in again, show the user a
//! message. Outcomes of a WeChat authorization (cancelled, denied, wrong state…) are not
//! errors: they are [`crate::AuthOutcome`] values the app switches on.

use crate::account::BindingConflict;
use crate::support::Error;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum WxLoginError {
    /// The app configured the core wrongly (AppID, server URL, redirect URI, lifetimes).
    /// A developer error: fix the configuration; retrying does not help.
    #[error("invalid configuration: {reason}")]
    InvalidConfig { reason: String },
    /// The host's secure store failed to read or write. Show a generic failure and let
    /// the user try again.
    #[error("secure store failed: {reason}")]
    Storage { reason: String },
    /// The URL handed to `parse_web_redirect` is not a WeChat redirect for the pending
    /// request. Not a login outcome: keep loading the page or ignore it.
    #[error("not a WeChat redirect: {reason}")]
    InvalidRedirect { reason: String },
    /// No connection, a timeout, or the connection dropped. Nothing was decided: the
    /// session (if any) is kept; retry when the network is back.
    #[error("network: {reason}")]
    Network { reason: String },
    /// The server or WeChat is down or overloaded. Retry later.
    #[error("service unavailable: {reason}")]
    ServiceUnavailable { reason: String },
    /// The server's WeChat credentials are wrong: nothing the user can do; report it.
    #[error("the server's WeChat configuration is wrong")]
    ServerMisconfigured,
    /// The answer was not the server's API (an HTML page from a proxy or captive portal,
    /// a truncated or malformed body, an unknown route). Retry later; report if it stays.
    #[error("unexpected response: {reason}")]
    UnexpectedResponse { reason: String },
    /// The request was refused as invalid (e.g. not a mobile number); show `reason`.
    #[error("invalid input: {reason}")]
    InvalidInput { reason: String },
    /// No session, or the server ended it: show the login screen.
    #[error("not signed in")]
    NotSignedIn,
    /// WeChat refused the code (used, expired, invalid), or the WeChat grant behind the
    /// session is gone: start a new WeChat authorization. Never resend the same code.
    #[error("authorize with WeChat again")]
    ReauthorizeWechat,
    /// The bind ticket of a WeChat login expired or was used: log in with WeChat again.
    #[error("the WeChat login expired; log in with WeChat again")]
    BindTicketExpired,
    /// Wrong, expired or used SMS captcha: let the user retype or request a new one.
    #[error("captcha wrong or expired")]
    CaptchaInvalid,
    /// Too many wrong tries: the captcha is burnt; request a new one.
    #[error("too many wrong captcha attempts")]
    CaptchaLocked,
    /// Too many requests: wait `retry_after_s` seconds (the resend button countdown).
    #[error("rate limited, retry in {retry_after_s} s")]
    RateLimited { retry_after_s: i32 },
    /// Account and password do not match.
    #[error("account or password wrong")]
    WrongCredentials,
    /// A binding rule said no; `conflict` says which, for the message.
    #[error("binding refused: {conflict:?}")]
    BindingRefused { conflict: BindingConflict },
    /// A bug in the core. Report it; nothing the user can do.
    #[error("internal error: {reason}")]
    Internal { reason: String },
}

impl From<Error> for WxLoginError {
    fn from(err: Error) -> Self {
        let reason = err.to_string();
        match err {
            Error::Config(_) => WxLoginError::InvalidConfig { reason },
            Error::Store(_) => WxLoginError::Storage { reason },
            Error::Redirect(_) => WxLoginError::InvalidRedirect { reason },
            Error::Internal(_) => WxLoginError::Internal { reason },
        }
    }
}

/// A host store (or any other foreign callback) that throws something other than a
/// [`WxLoginError`] — a `RuntimeException`, a Swift error of its own — lands here.
impl From<uniffi::UnexpectedUniFFICallbackError> for WxLoginError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        WxLoginError::Storage { reason: err.reason }
    }
}
