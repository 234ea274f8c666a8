//! Plumbing shared by the engine: internal errors, the clock, secrets, randomness.

mod clock;
mod digest;
mod error;
mod random;
mod secret;
mod secure_url;

#[cfg(test)]
pub(crate) use clock::ManualClock;
pub(crate) use clock::{Clock, SystemClock};
pub(crate) use digest::digest;
pub(crate) use error::{Error, Result};
pub(crate) use random::random_alphanumeric;
pub(crate) use secret::Secret;
pub(crate) use secure_url::secure_url;
