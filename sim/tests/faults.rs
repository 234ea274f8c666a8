//! Fault injection: every kind, counting, targeting, and that a faulted call changes nothing.

mod common;

use std::time::{Duration, Instant};

use common::{spawn, APP_A};
use wxlogin_sim::control::{Fault, FaultTarget, Scope};

#[tokio::test]
async fn errcode_faults_do_not_spend_the_code() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let target = FaultTarget::AccessToken;
    sim.control
        .inject_fault(target, Fault::errcode(-1), 1)
        .await
        .unwrap();
    sim.control
        .inject_fault(target, Fault::errcode(45011), 1)
        .await
        .unwrap();
    let busy = sim.exchange(APP_A, &code).await;
    assert_eq!((busy.status.as_u16(), busy.errcode()), (200, -1));
    assert_eq!(busy.content_type, "text/plain");
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 45011);
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 0);
    assert_eq!(sim.control.calls().await.unwrap().access_token, 3);
}

#[tokio::test]
async fn http_status_fault() {
    let sim = spawn().await;
    sim.control
        .inject_fault(FaultTarget::Auth, Fault::http_status(500), 2)
        .await
        .unwrap();
    for _ in 0..2 {
        let raw = sim.auth("t", "o").await;
        assert_eq!(raw.status.as_u16(), 500);
        assert!(raw.content_type.starts_with("text/html"));
    }
    assert_eq!(sim.auth("t", "o").await.errcode(), 40001);
}

#[tokio::test]
async fn malformed_fault_is_not_json() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    sim.control
        .inject_fault(FaultTarget::AccessToken, Fault::malformed(), 1)
        .await
        .unwrap();
    let raw = sim.exchange(APP_A, &code).await;
    assert_eq!(raw.status.as_u16(), 200);
    assert!(serde_json::from_str::<serde_json::Value>(&raw.body).is_err());
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 0);
}

#[tokio::test]
async fn empty_html_fault() {
    let sim = spawn().await;
    sim.control
        .inject_fault(FaultTarget::Userinfo, Fault::empty_html(), 1)
        .await
        .unwrap();
    let raw = sim.userinfo("t", "o").await;
    assert_eq!(raw.status.as_u16(), 200);
    assert_eq!(raw.content_type, "text/html; charset=gbk");
    assert!(raw.body.is_empty());
}

#[tokio::test]
async fn latency_delays_a_normal_answer_that_already_took_effect() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    sim.control
        .inject_fault(FaultTarget::AccessToken, Fault::latency(300), 1)
        .await
        .unwrap();
    let start = Instant::now();
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 0);
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 40163);
}

#[tokio::test]
async fn a_client_timeout_under_latency_still_spends_the_code() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    sim.control
        .inject_fault(FaultTarget::AccessToken, Fault::latency(2000), 1)
        .await
        .unwrap();
    let url = format!("{}/sns/oauth2/access_token", sim.handle.base_url());
    let query = [
        ("appid", APP_A.0),
        ("secret", APP_A.1),
        ("code", code.as_str()),
        ("grant_type", "authorization_code"),
    ];
    let timed_out = sim
        .http
        .get(url)
        .query(&query)
        .timeout(Duration::from_millis(200))
        .send()
        .await;
    assert!(timed_out.is_err());
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 40163);
}

#[tokio::test]
async fn latency_combines_with_an_error() {
    let sim = spawn().await;
    let fault = Fault::errcode(-1).with_latency(200);
    sim.control
        .inject_fault(FaultTarget::Any, fault, 1)
        .await
        .unwrap();
    let start = Instant::now();
    assert_eq!(sim.auth("t", "o").await.errcode(), -1);
    assert!(start.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn any_target_and_clearing() {
    let sim = spawn().await;
    sim.control
        .inject_fault(FaultTarget::Any, Fault::errcode(-1), 10)
        .await
        .unwrap();
    assert_eq!(sim.auth("t", "o").await.errcode(), -1);
    assert_eq!(sim.userinfo("t", "o").await.errcode(), -1);
    assert_eq!(sim.refresh(APP_A.0, "r").await.errcode(), -1);
    sim.control.clear_faults().await.unwrap();
    assert_eq!(sim.auth("t", "o").await.errcode(), 40001);
}

#[tokio::test]
async fn faults_hit_only_their_endpoint() {
    let sim = spawn().await;
    sim.control
        .inject_fault(FaultTarget::Userinfo, Fault::errcode(-1), 1)
        .await
        .unwrap();
    assert_eq!(sim.auth("t", "o").await.errcode(), 40001);
    assert_eq!(sim.userinfo("t", "o").await.errcode(), -1);
}

#[tokio::test]
async fn invalid_faults_are_refused() {
    let sim = spawn().await;
    let two_outcomes = Fault {
        malformed: true,
        ..Fault::errcode(-1)
    };
    for fault in [two_outcomes, Fault::default(), Fault::http_status(42)] {
        assert!(sim
            .control
            .inject_fault(FaultTarget::Any, fault, 1)
            .await
            .is_err());
    }
}
