//! The state machine behind `begin_auth`, `on_auth_resp`, the web redirect and the
//! foreground grace period.
//!
//! Every operation loads the record, changes it and saves it under one lock, so two
//! callbacks racing on different threads cannot both consume the same state. Waiting
//! (`wait`) never holds the lock: it sleeps until the next deadline or until another
//! operation says something changed.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;

use super::outcome::{AuthOutcome, SdkErrCode};
use super::record::{Flow, Pending, Record, RecordStore};
use super::state::{new_state, MAX_STATE_LEN};
use crate::input::plausible_code;
use crate::support::{digest, Clock, Result, Secret};
use crate::SecureStore;

pub(crate) struct Engine {
    records: RecordStore,
    clock: Arc<dyn Clock>,
    ttl_ms: u64,
    grace_ms: u64,
    memory: Mutex<Memory>,
    changed: Notify,
}

/// What lives only in this process: when the app last came to the foreground, the
/// latest resolution waiting to be picked up by `wait`, and the latest resolution of
/// the current request for any screen to read again.
#[derive(Default)]
struct Memory {
    foreground_at_ms: Option<u64>,
    delivered: Option<AuthOutcome>,
    last: Option<AuthOutcome>,
}

enum Poll {
    Ready(AuthOutcome),
    WaitUntil(u64),
}

impl Engine {
    pub(crate) fn new(
        app_id: &str,
        store: Arc<dyn SecureStore>,
        clock: Arc<dyn Clock>,
        ttl_ms: u64,
        grace_ms: u64,
    ) -> Self {
        Self {
            records: RecordStore::new(app_id, store),
            clock,
            ttl_ms,
            grace_ms,
            memory: Mutex::default(),
            changed: Notify::new(),
        }
    }

    fn memory(&self) -> MutexGuard<'_, Memory> {
        // Every critical section leaves `Memory` consistent, so a poisoned lock (a panic
        // in another thread) is still safe to use.
        self.memory.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Starts a new request and returns its state. A request still pending is replaced:
    /// a late callback for it is then a `Duplicate`, never a code.
    pub(crate) fn begin(&self, flow: Flow) -> Result<Secret> {
        let mut memory = self.memory();
        let mut record = self.records.load()?;
        let now = self.clock.now_ms();
        record.retire_pending(now, None);
        let state = new_state()?;
        record.pending = Some(Pending {
            state: state.clone(),
            flow,
            created_ms: now,
            expires_ms: now.saturating_add(self.ttl_ms),
        });
        self.records.save(&record)?;
        *memory = Memory::default();
        log::info!("auth request started");
        Ok(state)
    }

    /// What a callback means. Consumes the pending request when the state is its own;
    /// leaves it alone otherwise, so a forged callback cannot cancel a real login.
    pub(crate) fn on_callback(
        &self,
        err_code: SdkErrCode,
        code: Option<&str>,
        state: Option<&str>,
    ) -> Result<AuthOutcome> {
        let Some(state) = state.filter(|s| !s.is_empty()) else {
            log::warn!("callback without state ignored");
            return Ok(AuthOutcome::StateMissing);
        };
        if state.len() > MAX_STATE_LEN {
            log::warn!(
                "callback with oversized state ({} bytes) ignored",
                state.len()
            );
            return Ok(AuthOutcome::StateOversized);
        }
        // A code that cannot be one (empty, too long, not printable ASCII) is no code:
        // with the right state that is `MissingCode`, never a code handed to the app.
        let code = code.filter(|c| plausible_code(c));

        let mut memory = self.memory();
        let mut record = self.records.load()?;
        let now = self.clock.now_ms();
        let matched = record.pending.as_ref().filter(|p| p.state.matches(state));
        let outcome = match matched {
            Some(pending) if now >= pending.expires_ms => AuthOutcome::StateExpired,
            Some(_) => AuthOutcome::for_matched_request(err_code, code),
            None => {
                let outcome = Self::unmatched(&record, code, state);
                log::warn!("callback not for the pending request: {outcome:?}");
                return Ok(outcome);
            }
        };
        record.retire_pending(now, Some(code.unwrap_or_default()));
        self.records.save(&record)?;
        self.publish(&mut memory, outcome.clone());
        log::info!("auth request resolved: {outcome:?}");
        Ok(outcome)
    }

    /// A state that is not the pending one: a duplicate, a replay, or a stranger. A
    /// second delivery of the same answer is a duplicate; a different answer for a state
    /// that a callback already used cannot come from WeChat, so it is a replay.
    fn unmatched(record: &Record, code: Option<&str>, state: &str) -> AuthOutcome {
        if let Some(resolved) = record.find_resolved(state) {
            return match &resolved.answer_digest {
                Some(first) if *first != digest(code.unwrap_or_default()) => AuthOutcome::Replayed,
                _ => AuthOutcome::Duplicate,
            };
        }
        if record.pending.is_some() {
            AuthOutcome::StateMismatch
        } else {
            AuthOutcome::NoPendingRequest
        }
    }

    /// The flow of the pending request, if one is pending.
    pub(crate) fn pending_flow(&self) -> Result<Option<Flow>> {
        let _memory = self.memory();
        Ok(self.records.load()?.pending.map(|p| p.flow))
    }

    /// Whether a request is pending and not yet past its lifetime.
    pub(crate) fn is_pending(&self) -> Result<bool> {
        let _memory = self.memory();
        let now = self.clock.now_ms();
        Ok(self
            .records
            .load()?
            .pending
            .is_some_and(|p| now < p.expires_ms))
    }

    /// The app gave up on the pending request (the user left the login screen).
    pub(crate) fn cancel(&self) -> Result<bool> {
        self.resolve_pending(|_| Some(AuthOutcome::Cancelled))
            .map(|o| o.is_some())
    }

    /// The app came back to the foreground; if no callback follows within the grace
    /// period, `wait` resolves the pending request as cancelled.
    pub(crate) fn on_foreground(&self) {
        self.memory().foreground_at_ms = Some(self.clock.now_ms());
        self.changed.notify_waiters();
    }

    /// Waits for the pending request to resolve: by a callback, by the grace period after
    /// `on_foreground`, or by its lifetime running out. Never waits past the lifetime.
    /// Returns at once with a resolution nobody has picked up yet, or `NoPendingRequest`.
    pub(crate) async fn wait(&self) -> Result<AuthOutcome> {
        loop {
            let notified = self.changed.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let deadline_ms = match self.poll()? {
                Poll::Ready(outcome) => return Ok(outcome),
                Poll::WaitUntil(deadline_ms) => deadline_ms,
            };
            let delay = deadline_ms.saturating_sub(self.clock.now_ms());
            tokio::select! {
                _ = &mut notified => {}
                _ = tokio::time::sleep(Duration::from_millis(delay)) => {}
            }
        }
    }

    fn poll(&self) -> Result<Poll> {
        let mut memory = self.memory();
        if let Some(outcome) = memory.delivered.take() {
            return Ok(Poll::Ready(outcome));
        }
        let foreground_at_ms = memory.foreground_at_ms;
        drop(memory);

        let now = self.clock.now_ms();
        let grace = self.grace_ms;
        let timed_out = |p: &Pending| {
            let grace_end = foreground_at_ms.map(|t| t.saturating_add(grace));
            if now >= p.expires_ms {
                Some(AuthOutcome::StateExpired)
            } else if grace_end.is_some_and(|end| now >= end) {
                Some(AuthOutcome::Cancelled)
            } else {
                None
            }
        };
        if let Some(outcome) = self.resolve_pending(timed_out)? {
            self.memory().delivered = None;
            return Ok(Poll::Ready(outcome));
        }
        let record = self.records.load()?;
        Ok(match record.pending {
            None => Poll::Ready(AuthOutcome::NoPendingRequest),
            Some(p) => {
                let grace_end = foreground_at_ms.map(|t| t.saturating_add(grace));
                Poll::WaitUntil(grace_end.map_or(p.expires_ms, |g| g.min(p.expires_ms)))
            }
        })
    }

    /// Resolves the pending request without a callback when `decide` says so.
    fn resolve_pending(
        &self,
        decide: impl FnOnce(&Pending) -> Option<AuthOutcome>,
    ) -> Result<Option<AuthOutcome>> {
        let mut memory = self.memory();
        let mut record = self.records.load()?;
        let Some(outcome) = record.pending.as_ref().and_then(decide) else {
            return Ok(None);
        };
        record.retire_pending(self.clock.now_ms(), None);
        self.records.save(&record)?;
        self.publish(&mut memory, outcome.clone());
        log::info!("auth request resolved without callback: {outcome:?}");
        Ok(Some(outcome))
    }

    /// How the latest request resolved, however many times it is asked; `None` until
    /// it resolves, and again once a new request starts.
    pub(crate) fn last_outcome(&self) -> Option<AuthOutcome> {
        self.memory().last.clone()
    }

    fn publish(&self, memory: &mut Memory, outcome: AuthOutcome) {
        memory.last = Some(outcome.clone());
        memory.delivered = Some(outcome);
        memory.foreground_at_ms = None;
        self.changed.notify_waiters();
    }
}
