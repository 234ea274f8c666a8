//! Which step of a login the app is on, so the UI does not rebuild this state machine.
//!
//! The core moves the state as the calls happen (a request sent to WeChat, a code being
//! exchanged, a phone needed, signed in); the app reads [`FlowState`] or registers a
//! [`FlowObserver`] to be told of every change. A screen recreated after rotation, or a
//! process restarted after it was killed, reads the same state again: the bind-phone
//! step is saved in the secure store with its ticket, and a new `WxLogin` over the same
//! store starts where the flow was (signed in, else an unexpired binding, else waiting
//! for WeChat when a request is pending, else idle).

use std::sync::{Arc, Mutex};

use crate::account::{Account, WechatProfile};
use crate::store::{FlowRecords, SavedBinding};
use crate::support::redact::Hidden;
use crate::support::{Clock, Secret};

/// `Debug` (and so Kotlin's `toString()`, Swift's `description`) redacts: see below.
#[derive(Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum FlowState {
    /// Nothing under way: the login screen.
    Idle,
    /// A request went to WeChat; waiting for its callback (or the grace period).
    WaitingForWechat,
    /// A WeChat code is being exchanged by the app's server.
    Exchanging,
    /// The forced bind-phone page: the WeChat profile to show, and the ticket to pass to
    /// `bind_phone` before `expires_at_ms` (Unix time, milliseconds). Survives process
    /// death; after the expiry the flow is `Idle` again.
    NeedsPhone {
        wechat: WechatProfile,
        bind_ticket: String,
        expires_at_ms: i64,
    },
    /// Signed in.
    SignedIn { account: Account },
}

/// By hand, so that the bind ticket never reaches a log or a `toString()`.
impl std::fmt::Debug for FlowState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Idle => f.write_str("Idle"),
            Self::WaitingForWechat => f.write_str("WaitingForWechat"),
            Self::Exchanging => f.write_str("Exchanging"),
            Self::NeedsPhone {
                wechat,
                expires_at_ms,
                ..
            } => f
                .debug_struct("NeedsPhone")
                .field("wechat", wechat)
                .field("bind_ticket", &Hidden)
                .field("expires_at_ms", expires_at_ms)
                .finish(),
            Self::SignedIn { account } => f
                .debug_struct("SignedIn")
                .field("account", account)
                .finish(),
        }
    }
}

impl FlowState {
    fn needs_phone(binding: &SavedBinding) -> Self {
        Self::NeedsPhone {
            wechat: binding.wechat.clone(),
            bind_ticket: binding.bind_ticket.expose().to_owned(),
            expires_at_ms: i64::try_from(binding.expires_at_ms).unwrap_or(i64::MAX),
        }
    }

    /// The binding to save for this state, if it is the bind-phone step.
    fn binding(&self) -> Option<SavedBinding> {
        match self {
            Self::NeedsPhone {
                wechat,
                bind_ticket,
                expires_at_ms,
            } => Some(SavedBinding {
                wechat: wechat.clone(),
                bind_ticket: Secret::new(bind_ticket.clone()),
                expires_at_ms: u64::try_from(*expires_at_ms).unwrap_or(0),
            }),
            _ => None,
        }
    }

    fn expired(&self, now_ms: u64) -> bool {
        matches!(self, Self::NeedsPhone { expires_at_ms, .. }
            if u64::try_from(*expires_at_ms).map_or(true, |end| now_ms >= end))
    }
}

/// Implemented by the app to follow the flow. Called on the thread of the call that
/// changed the state; post to the UI thread from there, do not call back into the core.
#[uniffi::export(foreign)]
pub trait FlowObserver: Send + Sync {
    fn on_flow_state(&self, state: FlowState);
}

/// Where a new `WxLogin` finds the flow.
pub(crate) struct Restored {
    pub(crate) signed_in: Option<Account>,
    pub(crate) request_pending: bool,
}

pub(crate) struct FlowTracker {
    state: Mutex<FlowState>,
    observer: Mutex<Option<Arc<dyn FlowObserver>>>,
    records: FlowRecords,
    clock: Arc<dyn Clock>,
}

impl FlowTracker {
    /// Starts where the flow was: signed in, else an unexpired bind-phone step from the
    /// store, else waiting for WeChat when a request is pending, else idle. A store that
    /// cannot be read counts as no binding.
    pub(crate) fn restore(restored: Restored, records: FlowRecords, clock: Arc<dyn Clock>) -> Self {
        let saved = records.load().unwrap_or_else(|err| {
            log::warn!("flow record not readable at start: {err}");
            None
        });
        let had_record = saved.is_some();
        let binding = saved.filter(|b| clock.now_ms() < b.expires_at_ms);
        let initial = match (restored.signed_in, binding) {
            (Some(account), _) => FlowState::SignedIn { account },
            (None, Some(binding)) => FlowState::needs_phone(&binding),
            (None, None) if restored.request_pending => FlowState::WaitingForWechat,
            (None, None) => FlowState::Idle,
        };
        if had_record && !matches!(initial, FlowState::NeedsPhone { .. }) {
            forget(&records);
        }
        Self {
            state: Mutex::new(initial),
            observer: Mutex::new(None),
            records,
            clock,
        }
    }

    /// The current state; a bind-phone step whose ticket expired becomes `Idle` here
    /// (and the observer is told).
    pub(crate) fn get(&self) -> FlowState {
        let now = self.clock.now_ms();
        let current = self.lock_state().clone();
        if current.expired(now) {
            self.change(|state| state.expired(now).then_some(FlowState::Idle));
            return self.lock_state().clone();
        }
        current
    }

    pub(crate) fn set(&self, state: FlowState) {
        self.change(|current| (*current != state).then(|| state.clone()));
    }

    /// Moves to the bind-phone step for `bind_ticket`, valid `expires_in_s` from now.
    pub(crate) fn needs_phone(&self, wechat: WechatProfile, bind_ticket: &str, expires_in_s: u32) {
        let expires_at_ms = self
            .clock
            .now_ms()
            .saturating_add(u64::from(expires_in_s) * 1000);
        self.set(FlowState::needs_phone(&SavedBinding {
            wechat,
            bind_ticket: Secret::new(bind_ticket.to_owned()),
            expires_at_ms,
        }));
    }

    /// The server no longer knows `bind_ticket`: if the flow is on its bind-phone step,
    /// that step is over.
    pub(crate) fn binding_ended(&self, bind_ticket: &str) {
        self.change(|state| match state {
            FlowState::NeedsPhone { bind_ticket: t, .. } if t == bind_ticket => {
                Some(FlowState::Idle)
            }
            _ => None,
        });
    }

    /// Applies `next` to the state under the lock, saves or forgets the binding to match,
    /// and tells the observer outside the lock.
    fn change(&self, next: impl FnOnce(&FlowState) -> Option<FlowState>) {
        let changed = {
            let mut current = self.lock_state();
            let Some(state) = next(&current) else {
                return;
            };
            match state.binding() {
                Some(binding) => {
                    if let Err(err) = self.records.save(&binding) {
                        log::warn!("bind-phone step not saved: {err}");
                    }
                }
                None if matches!(*current, FlowState::NeedsPhone { .. }) => forget(&self.records),
                None => {}
            }
            *current = state.clone();
            state
        };
        let observer = self
            .observer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Some(observer) = observer {
            observer.on_flow_state(changed);
        }
    }

    fn lock_state(&self) -> std::sync::MutexGuard<'_, FlowState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers `observer` and tells it the current state at once, so a screen that
    /// subscribes late (or after a restart) does not miss where the flow is.
    pub(crate) fn observe(&self, observer: Option<Arc<dyn FlowObserver>>) {
        *self.observer.lock().unwrap_or_else(|p| p.into_inner()) = observer.clone();
        if let Some(observer) = observer {
            observer.on_flow_state(self.get());
        }
    }
}

fn forget(records: &FlowRecords) {
    if let Err(err) = records.clear() {
        log::warn!("bind-phone step not forgotten: {err}");
    }
}
