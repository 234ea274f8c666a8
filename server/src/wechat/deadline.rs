//! The time a request may still spend on WeChat.

use std::time::{Duration, Instant};

/// One deadline for everything a request asks WeChat, retries included: each call's
/// timeout is what is left of it, and a retry starts only if it can still finish. The
/// app's own request timeout (15 s by default in the core) is longer, so the app gets
/// the server's answer, "WeChat unavailable" included, instead of a network error for a
/// login the server goes on to finish.
#[derive(Clone, Copy, Debug)]
pub struct Deadline {
    at: Instant,
    budget: Duration,
}

impl Deadline {
    pub fn after(budget: Duration) -> Self {
        Self {
            at: Instant::now() + budget,
            budget,
        }
    }

    /// The configured deadline, `--wechat-deadline-s`, from now.
    pub fn from_config(config: &crate::Config) -> Self {
        Self::after(Duration::from_secs(config.wechat_deadline_s.into()))
    }

    pub fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// The whole budget the deadline was set with: a request older than this has given
    /// up on WeChat, whatever it was doing.
    pub fn budget(&self) -> Duration {
        self.budget
    }
}
