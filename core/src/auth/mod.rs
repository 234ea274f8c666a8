//! The auth engine: states, the pending request, and what a WeChat callback means.
//!
//! One request is pending at a time. Its state is generated here, persisted through the
//! host's [`crate::SecureStore`], and consumed by the first callback that carries it;
//! later callbacks for it are recognised as duplicates (or replays, when they carry a
//! different code) and never yield a code.

mod engine;
mod outcome;
mod record;
mod state;

pub(crate) use engine::Engine;
pub use outcome::{AuthOutcome, AuthStart, SdkErrCode};
pub(crate) use record::Flow;
