//! Plumbing shared by the engine: internal errors, the clock, secrets, randomness.

mod clock;
mod error;
mod random;
mod secret;

#[cfg(test)]
pub(crate) use clock::ManualClock;
pub(crate) use clock::{Clock, SystemClock};
pub(crate) use error::{Error, Result};
pub(crate) use random::random_alphanumeric;
pub(crate) use secret::Secret;
