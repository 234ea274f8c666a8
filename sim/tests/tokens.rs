//! Access and refresh tokens: expiry, refresh semantics, revocation, scope and identity checks.

mod common;

use common::{s, spawn, APP_A, APP_B};
use wxlogin_sim::control::Scope;

#[tokio::test]
async fn expired_access_token_then_refresh_gives_a_new_one() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let (at, openid) = (s(&token["access_token"]), s(&token["openid"]));
    sim.control.advance_clock(7200).await.unwrap();
    assert_eq!(sim.auth(at, openid).await.errcode(), 42001);
    assert_eq!(sim.userinfo(at, openid).await.errcode(), 42001);

    let refreshed = sim
        .refresh(APP_A.0, s(&token["refresh_token"]))
        .await
        .json();
    let new_at = s(&refreshed["access_token"]);
    assert_ne!(new_at, at);
    assert_eq!(refreshed["refresh_token"], token["refresh_token"]);
    assert_eq!(refreshed["openid"], token["openid"]);
    assert_eq!(refreshed["expires_in"], 7200);
    assert_eq!(sim.auth(new_at, openid).await.errcode(), 0);
    assert_eq!(
        sim.auth(at, openid).await.errcode(),
        40001,
        "the replaced token is gone"
    );
}

#[tokio::test]
async fn refreshing_a_live_token_keeps_it_and_extends_it() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let (at, openid) = (s(&token["access_token"]), s(&token["openid"]));
    sim.control.advance_clock(7000).await.unwrap();
    let refreshed = sim
        .refresh(APP_A.0, s(&token["refresh_token"]))
        .await
        .json();
    assert_eq!(refreshed["access_token"], at);
    sim.control.advance_clock(1000).await.unwrap();
    assert_eq!(
        sim.auth(at, openid).await.errcode(),
        0,
        "8000 s after issue, alive thanks to the refresh"
    );
    sim.control.advance_clock(6200).await.unwrap();
    assert_eq!(sim.auth(at, openid).await.errcode(), 42001);
}

#[tokio::test]
async fn refresh_tokens_expire_after_30_days() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    sim.control.advance_clock(30 * 86400 - 1).await.unwrap();
    let rt = s(&token["refresh_token"]);
    assert_eq!(sim.refresh(APP_A.0, rt).await.errcode(), 0);
    sim.control.advance_clock(1).await.unwrap();
    assert_eq!(sim.refresh(APP_A.0, rt).await.errcode(), 42002);
}

#[tokio::test]
async fn refresh_token_of_another_app_or_unknown_is_invalid() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let rt = s(&token["refresh_token"]);
    assert_eq!(sim.refresh(APP_B.0, rt).await.errcode(), 40030);
    assert_eq!(sim.refresh(APP_A.0, "bogus").await.errcode(), 40030);
    assert_eq!(sim.refresh("wxUnknown", rt).await.errcode(), 40013);
    let wrong_grant = sim
        .get(
            "/sns/oauth2/refresh_token",
            &[
                ("appid", APP_A.0),
                ("grant_type", "authorization_code"),
                ("refresh_token", rt),
            ],
        )
        .await;
    assert_eq!(wrong_grant.errcode(), 40002);
}

#[tokio::test]
async fn revocation_ends_refresh_and_access() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let other_app = sim.login(APP_B, "alice", Scope::SnsapiUserinfo).await;
    assert_eq!(sim.control.revoke("alice", APP_A.0).await.unwrap(), 1);
    assert_eq!(
        sim.refresh(APP_A.0, s(&token["refresh_token"]))
            .await
            .errcode(),
        42007
    );
    let (at, openid) = (s(&token["access_token"]), s(&token["openid"]));
    assert_eq!(sim.auth(at, openid).await.errcode(), 40001);
    assert_eq!(sim.userinfo(at, openid).await.errcode(), 40001);
    let b = (s(&other_app["access_token"]), s(&other_app["openid"]));
    assert_eq!(
        sim.auth(b.0, b.1).await.errcode(),
        0,
        "other apps unaffected"
    );
    let after = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    assert_eq!(
        sim.auth(s(&after["access_token"]), openid).await.errcode(),
        0,
        "authorizing again works"
    );
}

#[tokio::test]
async fn base_scope_tokens_cannot_read_userinfo() {
    let sim = spawn().await;
    let token = sim.login(APP_A, "alice", Scope::SnsapiBase).await;
    let (at, openid) = (s(&token["access_token"]), s(&token["openid"]));
    assert_eq!(sim.userinfo(at, openid).await.errcode(), 48001);
    assert_eq!(sim.auth(at, openid).await.errcode(), 0);
    let qr = sim.login(APP_A, "bob", Scope::SnsapiLogin).await;
    let qr_info = sim.userinfo(s(&qr["access_token"]), s(&qr["openid"])).await;
    assert_eq!(qr_info.errcode(), 0, "snsapi_login reads the profile");
}

#[tokio::test]
async fn token_checks_on_auth_and_userinfo() {
    let sim = spawn().await;
    let alice = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let bob = sim.login(APP_A, "bob", Scope::SnsapiUserinfo).await;
    let at = s(&alice["access_token"]);
    assert_eq!(sim.auth(at, s(&bob["openid"])).await.errcode(), 40003);
    assert_eq!(sim.userinfo(at, s(&bob["openid"])).await.errcode(), 40003);
    assert_eq!(
        sim.auth("unknown-token", s(&alice["openid"]))
            .await
            .errcode(),
        40001
    );
    assert_eq!(
        sim.get("/sns/auth", &[("openid", s(&alice["openid"]))])
            .await
            .errcode(),
        41001
    );
    assert_eq!(
        sim.get("/sns/auth", &[("access_token", at)])
            .await
            .errcode(),
        41009
    );
}
