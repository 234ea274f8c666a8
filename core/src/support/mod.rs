//! Plumbing shared by the engine: internal errors, the clock, secrets, randomness, and
//! the conversions between the public API's signed numbers and the unsigned ones inside.

mod clock;
mod convert;
mod digest;
mod error;
mod random;
pub(crate) mod redact;
mod secret;
mod secure_url;

#[cfg(test)]
pub(crate) use clock::ManualClock;
pub(crate) use clock::{Clock, SystemClock};
pub(crate) use convert::{config_millis, public_seconds};
pub(crate) use digest::digest;
pub(crate) use error::{Error, Result};
pub(crate) use random::random_alphanumeric;
pub(crate) use secret::Secret;
pub(crate) use secure_url::secure_url;
