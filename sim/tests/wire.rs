//! The wire quirks, counters, clock and reset.

mod common;

use common::{s, spawn, APP_A};
use wxlogin_sim::control::{Calls, Scope};

#[tokio::test]
async fn everything_is_200_text_plain() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let (at, openid) = (s(&token["access_token"]), s(&token["openid"]));
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let answers = [
        sim.exchange(APP_A, &code).await,
        sim.exchange(APP_A, &code).await,
        sim.refresh(APP_A.0, s(&token["refresh_token"])).await,
        sim.refresh(APP_A.0, "bad").await,
        sim.auth(at, openid).await,
        sim.auth("bad", openid).await,
        sim.userinfo(at, openid).await,
        sim.userinfo("bad", openid).await,
    ];
    for raw in &answers {
        assert_eq!(raw.status.as_u16(), 200, "{}", raw.body);
        assert_eq!(raw.content_type, "text/plain", "{}", raw.body);
    }
}

#[tokio::test]
async fn errors_look_like_wechats() {
    let sim = spawn().await;
    let raw = sim.exchange(APP_A, "nope").await.json();
    assert_eq!(raw["errcode"], 40029);
    let errmsg = s(&raw["errmsg"]);
    assert!(errmsg.starts_with("invalid code, rid: "), "{errmsg}");
    assert_eq!(raw.as_object().map(|o| o.len()), Some(2));
}

#[tokio::test]
async fn counters_count_every_call_and_reset_clears_them() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    sim.exchange(APP_A, "bad").await;
    sim.refresh(APP_A.0, s(&token["refresh_token"])).await;
    sim.auth("t", "o").await;
    sim.userinfo("t", "o").await;
    sim.userinfo("t", "o").await;
    let calls = sim.control.calls().await.unwrap();
    assert_eq!(
        calls,
        Calls {
            access_token: 2,
            refresh_token: 1,
            auth: 1,
            userinfo: 2,
            avatar: 0
        }
    );

    let before = sim.control.now().await.unwrap();
    sim.control.advance_clock(1000).await.unwrap();
    sim.control.reset().await.unwrap();
    assert_eq!(sim.control.calls().await.unwrap(), Calls::default());
    assert!(sim.control.now().await.unwrap() < before + 1000);
    assert!(sim.control.user("alice").await.is_err());
    let at = s(&token["access_token"]);
    assert_eq!(sim.auth(at, s(&token["openid"])).await.errcode(), 40001);
    sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
}

#[tokio::test]
async fn clock_reports_and_advances() {
    let sim = spawn().await;
    let now = sim.control.now().await.unwrap();
    let later = sim.control.advance_clock(3600).await.unwrap();
    assert!(later >= now + 3600 && later <= now + 3610);
}

#[tokio::test]
async fn control_errors_are_json_with_real_statuses() {
    let sim = spawn().await;
    let url = format!("{}/sim/authorize", sim.handle.base_url());
    let body = serde_json::json!({"appid": APP_A.0, "user": "u", "scope": "snsapi_everything"});
    let response = sim.http.post(&url).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 400);
    let error: serde_json::Value = response.json().await.unwrap();
    assert!(error["error"].is_string());

    let body = serde_json::json!({"appid": "wxNope", "user": "u", "scope": "snsapi_base"});
    let response = sim.http.post(&url).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn shutdown_is_graceful_and_frees_the_port() {
    let sim = spawn().await;
    let addr = sim.handle.addr();
    sim.handle.shutdown().await.unwrap();
    assert!(std::net::TcpStream::connect(addr).is_err());
}
