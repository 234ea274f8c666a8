//! Which step of a login the app is on, so the UI does not rebuild this state machine.
//!
//! The core moves the state as the calls happen (a request sent to WeChat, a code being
//! exchanged, a phone needed, signed in); the app reads [`FlowState`] or registers a
//! [`FlowObserver`] to be told of every change.

use std::sync::{Arc, Mutex};

use crate::account::{Account, WechatProfile};

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FlowState {
    /// Nothing under way: the login screen.
    Idle,
    /// A request went to WeChat; waiting for its callback (or the grace period).
    WaitingForWechat,
    /// A WeChat code is being exchanged by the app's server.
    Exchanging,
    /// The forced bind-phone page, with the WeChat profile to show.
    NeedsPhone { wechat: WechatProfile },
    /// Signed in.
    SignedIn { account: Account },
}

/// Implemented by the app to follow the flow. Called on the thread of the call that
/// changed the state; post to the UI thread from there, do not call back into the core.
#[uniffi::export(foreign)]
pub trait FlowObserver: Send + Sync {
    fn on_flow_state(&self, state: FlowState);
}

pub(crate) struct FlowTracker {
    state: Mutex<FlowState>,
    observer: Mutex<Option<Arc<dyn FlowObserver>>>,
}

impl FlowTracker {
    /// Starts at `initial`: `SignedIn` when the app starts over a saved session.
    pub(crate) fn starting_at(initial: FlowState) -> Self {
        Self {
            state: Mutex::new(initial),
            observer: Mutex::new(None),
        }
    }

    pub(crate) fn get(&self) -> FlowState {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub(crate) fn set(&self, state: FlowState) {
        {
            let mut current = self.state.lock().unwrap_or_else(|p| p.into_inner());
            if *current == state {
                return;
            }
            *current = state.clone();
        }
        let observer = self
            .observer
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Some(observer) = observer {
            observer.on_flow_state(state);
        }
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
