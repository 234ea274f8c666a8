//! Internal failures. They carry the cause as text for the public error's `reason`;
//! [`crate::error`] turns them into [`crate::WxLoginError`] in one place.

#[derive(Debug, thiserror::Error)]
pub(crate) enum Error {
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Store(String),
    #[error("{0}")]
    Redirect(String),
    #[error("{0}")]
    Internal(String),
}

pub(crate) type Result<T> = std::result::Result<T, Error>;

impl From<crate::WxLoginError> for Error {
    /// The host store reports failures as [`crate::WxLoginError`]; whatever variant it
    /// picked, for the engine it is a store failure.
    fn from(err: crate::WxLoginError) -> Self {
        match err {
            // Already the store's own words: wrapping them again would say it twice.
            crate::WxLoginError::Storage { reason } => Error::Store(reason),
            other => Error::Store(other.to_string()),
        }
    }
}
