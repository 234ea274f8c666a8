//! The simulated clock: wall time plus an offset tests can push forward, so codes and tokens
//! expire on demand instead of after real minutes.

use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Clock {
    offset_secs: u64,
}

impl Clock {
    /// Unix seconds as the simulator sees them.
    pub(crate) fn now(&self) -> u64 {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        wall.saturating_add(self.offset_secs)
    }

    /// Moves time forward only: lifetimes are checked as `now >= expires_at`, and going back
    /// would resurrect expired codes, which WeChat never does.
    pub(crate) fn advance(&mut self, secs: u64) {
        self.offset_secs = self.offset_secs.saturating_add(secs);
    }
}
