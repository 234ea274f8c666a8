//! A WeChat code over real loopback sockets: a submission that provably never left the
//! phone (connection refused) is retried and, if still failing, leaves the code usable;
//! one that reached the server is never sent again.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::test_peer::{closed_port, Peer, Script, NEEDS_PHONE};
use super::*;
use crate::in_memory_store;

fn core_for(port: u16) -> WxLogin {
    let config = WxLoginConfig {
        app_id: "wx0123456789abcdef".into(),
        platform: Platform::Android,
        state_ttl_ms: 600_000,
        grace_period_ms: 30,
        server_url: Some(format!("http://127.0.0.1:{port}")),
        request_timeout_ms: 2_000,
    };
    WxLogin::with_clock(config, in_memory_store(), Arc::new(SystemClock)).unwrap()
}

fn is_network<T>(result: &std::result::Result<T, WxLoginError>) -> bool {
    matches!(result, Err(WxLoginError::Network { .. }))
}

#[tokio::test]
async fn a_code_that_never_left_is_retried_then_left_usable() {
    let port = closed_port();
    let core = core_for(port);
    let started = Instant::now();
    let refused = core.login_with_code("CODE-1".into()).await;
    assert!(is_network(&refused), "{refused:?}");
    // Two retries after 250 and 500 ms: the first attempt alone is refused at once.
    assert!(started.elapsed() >= Duration::from_millis(750));

    let peer = Peer::on(port, Script::Answer(NEEDS_PHONE)).await;
    let login = core.login_with_code("CODE-1".into()).await;
    assert!(
        matches!(login, Ok(LoginResult::NeedsPhone { .. })),
        "{login:?}"
    );
    assert_eq!(peer.bodies(), [r#"{"code":"CODE-1"}"#]);
    // Now the code is used: asking again gives the same result without a request.
    let again = core.login_with_code("CODE-1".into()).await;
    assert_eq!(again.unwrap(), login.unwrap());
    assert_eq!(peer.bodies().len(), 1);
}

#[tokio::test]
async fn a_server_back_within_the_retries_gets_the_code_once() {
    let port = closed_port();
    let core = core_for(port);
    let late = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Peer::on(port, Script::Answer(NEEDS_PHONE)).await
    });
    let login = core.login_with_code("CODE-2".into()).await;
    assert!(
        matches!(login, Ok(LoginResult::NeedsPhone { .. })),
        "{login:?}"
    );
    assert_eq!(late.await.unwrap().bodies(), [r#"{"code":"CODE-2"}"#]);
}

#[tokio::test]
async fn a_code_that_reached_the_server_is_never_sent_again() {
    let port = closed_port();
    let peer = Peer::on(port, Script::Close).await;
    let core = core_for(port);
    let cut = core.login_with_code("CODE-3".into()).await;
    assert!(is_network(&cut), "{cut:?}");
    assert_eq!(peer.bodies(), [r#"{"code":"CODE-3"}"#]);
    let again = core.login_with_code("CODE-3".into()).await;
    assert!(is_network(&again), "{again:?}");
    assert_eq!(peer.bodies().len(), 1, "the code was sent twice");
}
