//! The one public error type, and the one place internal failures become it.
//!
//! Variants say what the app should do, not what went wrong deep inside: fix the
//! configuration, tell the user the device store is unavailable, ignore a URL that is not
//! the WeChat redirect. Outcomes of a WeChat authorization (cancelled, denied, wrong
//! state…) are not errors: they are [`crate::AuthOutcome`] values the app switches on.

use crate::support::Error;

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum WxLoginError {
    /// The app configured the core wrongly (AppID, redirect URI, lifetimes). A developer
    /// error: fix the configuration; retrying does not help.
    #[error("invalid configuration: {reason}")]
    InvalidConfig { reason: String },
    /// The host's secure store failed to read or write. The pending request could not be
    /// checked or saved; show a generic failure and let the user try again.
    #[error("secure store failed: {reason}")]
    Storage { reason: String },
    /// The URL handed to `parse_web_redirect` is not a WeChat redirect for the pending
    /// request (unparseable, another address, neither `code` nor `state`). Not a login
    /// outcome: keep loading the page or ignore it.
    #[error("not a WeChat redirect: {reason}")]
    InvalidRedirect { reason: String },
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
