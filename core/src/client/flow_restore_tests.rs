//! The flow state a recreated screen or a restarted process reads again: the bind-phone
//! step with its ticket until it expires, the precedence of signed in, binding, waiting
//! and idle, and the last outcome read more than once.

use std::sync::Arc;

use super::test_peer::{closed_port, Peer, Script, NEEDS_PHONE, SIGNED_IN};
use super::*;
use crate::support::ManualClock;
use crate::{in_memory_store, AuthOutcome, AuthStart, FlowState, WechatAvailability};

const START_MS: u64 = 1_700_000_000_000;
const FLOW_KEY: &str = "wxlogin.flow.wx0123456789abcdef";

/// A core over `store` and `clock`, talking to the scripted peer on `port`.
fn core_over(store: &Arc<dyn SecureStore>, clock: &Arc<ManualClock>, port: u16) -> WxLogin {
    let config = WxLoginConfig {
        app_id: "wx0123456789abcdef".into(),
        platform: Platform::Android,
        state_ttl_ms: 600_000,
        grace_period_ms: 30,
        server_url: Some(format!("http://127.0.0.1:{port}")),
        request_timeout_ms: 2_000,
    };
    WxLogin::with_clock(config, store.clone(), clock.clone()).unwrap()
}

fn bind_phone_step(expires_at_ms: u64) -> FlowState {
    FlowState::NeedsPhone {
        wechat: crate::account::WechatProfile {
            nickname: "pat".into(),
            avatar_url: None,
        },
        bind_ticket: "TICKET".into(),
        expires_at_ms: expires_at_ms as i64,
    }
}

/// A core on the bind-phone step (ticket for 600 s from `START_MS`), its store and clock.
async fn on_the_bind_phone_step(peer_port: u16) -> (Arc<dyn SecureStore>, Arc<ManualClock>) {
    let store = in_memory_store();
    let clock = ManualClock::at(START_MS);
    let core = core_over(&store, &clock, peer_port);
    let login = core.login_with_code("CODE".into()).await.unwrap();
    assert!(matches!(login, LoginResult::NeedsPhone { .. }), "{login:?}");
    assert_eq!(core.flow_state(), bind_phone_step(START_MS + 600_000));
    (store, clock)
}

#[tokio::test]
async fn a_restarted_process_is_back_on_the_bind_phone_step_with_its_ticket() {
    let port = closed_port();
    let _peer = Peer::on(port, Script::Answer(NEEDS_PHONE)).await;
    let (store, clock) = on_the_bind_phone_step(port).await;
    clock.advance(599_000);
    let restarted = core_over(&store, &clock, port);
    let state = restarted.flow_state();
    assert_eq!(state, bind_phone_step(START_MS + 600_000));
    assert!(!format!("{state:?}").contains("TICKET"), "{state:?}");
    // Saved as a versioned record, and the ticket is read again as often as asked.
    assert!(store
        .get(FLOW_KEY.into())
        .unwrap()
        .unwrap()
        .contains("\"v\":1"));
    assert_eq!(restarted.flow_state(), state);
}

#[tokio::test]
async fn the_bind_phone_step_expires_to_idle() {
    let port = closed_port();
    let _peer = Peer::on(port, Script::Answer(NEEDS_PHONE)).await;
    let (store, clock) = on_the_bind_phone_step(port).await;
    let running = core_over(&store, &clock, port);
    clock.advance(600_000);
    assert_eq!(running.flow_state(), FlowState::Idle);
    assert_eq!(store.get(FLOW_KEY.into()).unwrap(), None);
    assert_eq!(
        core_over(&store, &clock, port).flow_state(),
        FlowState::Idle
    );

    // A restart after the expiry also starts idle, and forgets the record.
    let (store, clock) = on_the_bind_phone_step(port).await;
    clock.advance(600_001);
    assert_eq!(
        core_over(&store, &clock, port).flow_state(),
        FlowState::Idle
    );
    assert_eq!(store.get(FLOW_KEY.into()).unwrap(), None);
}

#[tokio::test]
async fn signed_in_wins_over_the_bind_phone_step_and_ends_it() {
    let port = closed_port();
    let _peer = Peer::scripted(
        port,
        vec![Script::Answer(NEEDS_PHONE), Script::Answer(SIGNED_IN)],
    )
    .await;
    let (store, clock) = on_the_bind_phone_step(port).await;
    let restarted = core_over(&store, &clock, port);
    let account = restarted
        .bind_phone("TICKET".into(), "13800138000".into(), "123456".into())
        .await
        .unwrap();
    assert_eq!(account.id, 7);
    assert_eq!(store.get(FLOW_KEY.into()).unwrap(), None);
    let again = core_over(&store, &clock, port);
    assert!(
        matches!(again.flow_state(), FlowState::SignedIn { ref account } if account.id == 7),
        "{:?}",
        again.flow_state()
    );
}

#[tokio::test]
async fn a_pending_request_is_waiting_for_wechat_after_a_restart() {
    let store = in_memory_store();
    let clock = ManualClock::at(START_MS);
    let port = closed_port();
    let core = core_over(&store, &clock, port);
    assert_eq!(core.flow_state(), FlowState::Idle);
    core.begin_auth(WechatAvailability::Ready).unwrap();
    assert_eq!(
        core_over(&store, &clock, port).flow_state(),
        FlowState::WaitingForWechat
    );
    clock.advance(600_000);
    assert_eq!(
        core_over(&store, &clock, port).flow_state(),
        FlowState::Idle,
        "a request past its lifetime is not waited for"
    );
}

#[tokio::test]
async fn a_new_request_leaves_the_bind_phone_step_behind() {
    let port = closed_port();
    let _peer = Peer::on(port, Script::Answer(NEEDS_PHONE)).await;
    let (store, clock) = on_the_bind_phone_step(port).await;
    let core = core_over(&store, &clock, port);
    core.begin_auth(WechatAvailability::Ready).unwrap();
    assert_eq!(store.get(FLOW_KEY.into()).unwrap(), None);
    assert_eq!(
        core_over(&store, &clock, port).flow_state(),
        FlowState::WaitingForWechat
    );
}

#[tokio::test]
async fn the_last_outcome_can_be_read_more_than_once() {
    let store = in_memory_store();
    let clock = ManualClock::at(START_MS);
    let core = core_over(&store, &clock, closed_port());
    assert_eq!(core.last_outcome(), None);
    let AuthStart::Request { state, .. } = core.begin_auth(WechatAvailability::Ready).unwrap()
    else {
        panic!("no request");
    };
    assert_eq!(core.last_outcome(), None, "nothing resolved yet");
    core.on_auth_resp(-2, None, Some(state.into())).unwrap();
    assert_eq!(core.await_outcome().await.unwrap(), AuthOutcome::Cancelled);
    // The screen that awaited is gone; the recreated one reads the outcome, twice.
    assert_eq!(core.last_outcome(), Some(AuthOutcome::Cancelled));
    assert_eq!(core.last_outcome(), Some(AuthOutcome::Cancelled));
    core.begin_auth(WechatAvailability::Ready).unwrap();
    assert_eq!(core.last_outcome(), None, "a new request starts afresh");
}
