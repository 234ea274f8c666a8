//! The one public error type, and the one place internal failures become it.
//!
//! Variants say what the app should do, not what went wrong deep inside: fix the
//! configuration, retry when the network is back, sign in again, show the user a
//! message. Outcomes of a WeChat authorization (cancelled, denied, wrong state…) are not
//! errors: they are [`crate::AuthOutcome`] values the app switches on.

use crate::account::BindingConflict;
use crate::support::Error;

/// Every variant carries text that says what happened (`reason`, or its own fields), so
/// Kotlin's `message` is never empty; `Display` is exported, so `toString()` /
/// `description` read as the sentence below. None of them holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
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
    #[error("{reason}")]
    ServerMisconfigured { reason: String },
    /// The answer was not the server's API (an HTML page from a proxy or captive portal,
    /// a truncated or malformed body, an unknown route). Retry later; report if it stays.
    #[error("unexpected response: {reason}")]
    UnexpectedResponse { reason: String },
    /// The request was refused as invalid (e.g. not a mobile number); show `reason`.
    #[error("invalid input: {reason}")]
    InvalidInput { reason: String },
    /// No session, or the server ended it: show the login screen.
    #[error("{reason}")]
    NotSignedIn { reason: String },
    /// WeChat refused the code (used, expired, invalid), or the WeChat grant behind the
    /// session is gone: start a new WeChat authorization. Never resend the same code.
    #[error("{reason}")]
    ReauthorizeWechat { reason: String },
    /// The bind ticket of a WeChat login expired or was used: log in with WeChat again.
    #[error("{reason}")]
    BindTicketExpired { reason: String },
    /// Wrong, expired or used SMS captcha: let the user retype or request a new one.
    #[error("{reason}")]
    CaptchaInvalid { reason: String },
    /// Too many wrong tries: the captcha is burnt; request a new one.
    #[error("{reason}")]
    CaptchaLocked { reason: String },
    /// Too many requests: wait `retry_after_s` seconds (the resend button countdown).
    #[error("rate limited, retry in {retry_after_s} s")]
    RateLimited { retry_after_s: i32 },
    /// Account and password do not match.
    #[error("{reason}")]
    WrongCredentials { reason: String },
    /// A binding rule said no; `conflict` says which, for the message.
    #[error("binding refused: {conflict:?}")]
    BindingRefused { conflict: BindingConflict },
    /// A bug in the core. Report it; nothing the user can do.
    #[error("internal error: {reason}")]
    Internal { reason: String },
}

/// The variants whose only field is their `reason`, each with its one sentence: built
/// here so the core and its tests never spell the text twice.
impl WxLoginError {
    pub fn server_misconfigured() -> Self {
        Self::ServerMisconfigured {
            reason: "the server's WeChat configuration is wrong".into(),
        }
    }

    pub fn not_signed_in() -> Self {
        Self::NotSignedIn {
            reason: "not signed in".into(),
        }
    }

    pub fn reauthorize_wechat() -> Self {
        Self::ReauthorizeWechat {
            reason: "authorize with WeChat again".into(),
        }
    }

    pub fn bind_ticket_expired() -> Self {
        Self::BindTicketExpired {
            reason: "the WeChat login expired; log in with WeChat again".into(),
        }
    }

    pub fn captcha_invalid() -> Self {
        Self::CaptchaInvalid {
            reason: "captcha wrong or expired".into(),
        }
    }

    pub fn captcha_locked() -> Self {
        Self::CaptchaLocked {
            reason: "too many wrong captcha attempts".into(),
        }
    }

    pub fn wrong_credentials() -> Self {
        Self::WrongCredentials {
            reason: "account or password wrong".into(),
        }
    }
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
/// Kotlin hands over the exception's whole stack trace; its first line (the exception
/// and its message) says what happened, the rest would only bloat every message.
impl From<uniffi::UnexpectedUniFFICallbackError> for WxLoginError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        WxLoginError::Storage {
            reason: short_reason(&err.reason),
        }
    }
}

/// The longest `Storage` reason kept, in characters.
const MAX_STORE_REASON: usize = 200;

fn short_reason(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty());
    match line {
        Some(line) => line.chars().take(MAX_STORE_REASON).collect(),
        None => "the secure store failed without saying why".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stack_trace_becomes_its_first_line() {
        let trace =
            "java.lang.IllegalStateException: keystore locked\n\tat Store.get(Store.kt:3)\n\tat x";
        assert_eq!(
            short_reason(trace),
            "java.lang.IllegalStateException: keystore locked"
        );
        assert_eq!(short_reason(&"x".repeat(5000)).len(), MAX_STORE_REASON);
        assert!(!short_reason("").is_empty());
        assert!(!short_reason("\n  \n").is_empty());
    }

    #[test]
    fn every_reason_only_variant_says_what_happened() {
        for err in [
            WxLoginError::server_misconfigured(),
            WxLoginError::not_signed_in(),
            WxLoginError::reauthorize_wechat(),
            WxLoginError::bind_ticket_expired(),
            WxLoginError::captcha_invalid(),
            WxLoginError::captcha_locked(),
            WxLoginError::wrong_credentials(),
        ] {
            assert!(err.to_string().len() > 10, "{err:?}");
        }
    }
}
