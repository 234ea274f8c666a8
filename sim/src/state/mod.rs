//! Everything the simulator remembers, behind one lock.
//!
//! One `std::sync::Mutex` around plain data: every operation is a few map look-ups, the lock
//! is never held across an `.await`, and one lock makes each WeChat call atomic (a code can
//! never be redeemed twice by two concurrent requests).

mod faults;
mod grants;
mod users;
mod web;

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::clock::Clock;
use crate::config::{AppConfig, Lifetimes, SimConfig};
use crate::control::{Calls, Endpoint, Fault};

pub(crate) use faults::Faults;
pub(crate) use grants::{Authorization, Grant, Grants};
pub(crate) use users::Users;
pub(crate) use web::{AuthRequest, ScanError, WebState};

/// The mutable world.
#[derive(Debug, Default)]
pub(crate) struct World {
    pub(crate) clock: Clock,
    pub(crate) users: Users,
    pub(crate) grants: Grants,
    pub(crate) faults: Faults,
    pub(crate) calls: Calls,
    pub(crate) web: WebState,
}

impl World {
    /// Counts a WeChat call and hands back the fault it must suffer, if any. Faulted calls
    /// count too: a test asserting "never retried" must see every attempt.
    pub(crate) fn begin_call(&mut self, endpoint: Endpoint) -> Option<Fault> {
        self.calls.bump(endpoint);
        self.faults.take(endpoint)
    }

    /// The person allowed `app` what `authorization` says: the code WeChat hands over, living
    /// as long as codes for this kind of app do. The person is created on first sight.
    pub(crate) fn issue_code(
        &mut self,
        app: &AppConfig,
        lifetimes: &Lifetimes,
        authorization: Authorization,
    ) -> String {
        self.users.get_or_create(&authorization.user);
        let expires_at = self
            .clock
            .now()
            .saturating_add(lifetimes.code_secs_for(app.kind));
        self.grants.issue_code(authorization, expires_at)
    }

    /// `POST /sim/reset`: a fresh world with the same apps (they live in the config).
    pub(crate) fn reset(&mut self) {
        *self = Self::default();
    }
}

/// What every handler shares: the fixed configuration and the world.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: SimConfig,
    /// Where `headimgurl` points: the simulator itself.
    pub(crate) base_url: String,
    world: Mutex<World>,
}

impl Shared {
    pub(crate) fn new(config: SimConfig, base_url: String) -> Self {
        Self {
            config,
            base_url,
            world: Mutex::new(World::default()),
        }
    }

    /// The world, even after a panic elsewhere: a test simulator that stops answering
    /// because one handler panicked would hide the real failure.
    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
