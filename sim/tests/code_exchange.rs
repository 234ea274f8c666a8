//! `/sns/oauth2/access_token`: the happy path and every way a code exchange fails.

mod common;

use common::{s, spawn, APP_A, APP_B};
use wxlogin_sim::control::Scope;

#[tokio::test]
async fn full_flow_exchange_userinfo_auth() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    assert_eq!(code.len(), 32);

    let token = sim.exchange(APP_A, &code).await.json();
    assert_eq!(token["expires_in"], 7200);
    assert_eq!(token["scope"], "snsapi_userinfo");
    assert!(s(&token["access_token"]).len() >= 80);
    assert!(s(&token["refresh_token"]).len() >= 80);
    assert!(token.get("is_snapshotuser").is_none());
    let openid = s(&token["openid"]);
    assert!(openid.starts_with('o') && openid.len() == 28);
    let access_token = s(&token["access_token"]);

    let info = sim.userinfo(access_token, openid).await.json();
    assert_eq!(info["openid"], openid);
    assert_eq!(info["unionid"], token["unionid"]);
    assert_eq!(info["nickname"], "alice");
    assert_eq!(info["privilege"], serde_json::json!([]));
    assert!(s(&info["headimgurl"]).starts_with(&sim.handle.base_url()));

    let auth = sim.auth(access_token, openid).await.json();
    assert_eq!(auth, serde_json::json!({"errcode": 0, "errmsg": "ok"}));
}

#[tokio::test]
async fn a_code_is_single_use() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 0);
    let again = sim.exchange(APP_A, &code).await;
    assert_eq!(again.errcode(), 40163);
    assert!(s(&again.json()["errmsg"]).starts_with("code been used"));
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes_of_sim_time() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    sim.control.advance_clock(599).await.unwrap();
    let fresh = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    sim.control.advance_clock(1).await.unwrap();
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 42003);
    assert_eq!(sim.exchange(APP_A, &fresh).await.errcode(), 0);
}

#[tokio::test]
async fn a_code_only_works_at_its_own_app() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    assert_eq!(sim.exchange(APP_B, &code).await.errcode(), 40029);
    assert_eq!(sim.exchange(APP_B, "no-such-code").await.errcode(), 40029);
    assert_eq!(
        sim.exchange(APP_A, &code).await.errcode(),
        0,
        "a failed try at another app does not spend the code"
    );
}

#[tokio::test]
async fn credentials_are_checked() {
    let sim = spawn().await;
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let wrong_secret = sim.exchange((APP_A.0, "nope"), &code).await;
    assert_eq!(wrong_secret.errcode(), 40125);
    let unknown_app = sim.exchange(("wxUnknown", APP_A.1), &code).await;
    assert_eq!(unknown_app.errcode(), 40013);
    let no_secret = sim
        .get(
            "/sns/oauth2/access_token",
            &[
                ("appid", APP_A.0),
                ("code", &code),
                ("grant_type", "authorization_code"),
            ],
        )
        .await;
    assert_eq!(no_secret.errcode(), 41004);
    assert_eq!(sim.exchange(APP_A, &code).await.errcode(), 0);
}

#[tokio::test]
async fn missing_code_and_bad_grant_type() {
    let sim = spawn().await;
    let base = [("appid", APP_A.0), ("secret", APP_A.1)];
    let no_code = sim
        .get(
            "/sns/oauth2/access_token",
            &[base[0], base[1], ("grant_type", "authorization_code")],
        )
        .await;
    assert_eq!(no_code.errcode(), 41008);
    let empty_code = sim
        .get(
            "/sns/oauth2/access_token",
            &[
                base[0],
                base[1],
                ("code", ""),
                ("grant_type", "authorization_code"),
            ],
        )
        .await;
    assert_eq!(empty_code.errcode(), 41008);
    let code = sim.code(APP_A, "alice", Scope::SnsapiUserinfo).await;
    for grant_type in [None, Some("client_credential")] {
        let mut query = vec![base[0], base[1], ("code", code.as_str())];
        query.extend(grant_type.map(|g| ("grant_type", g)));
        let raw = sim.get("/sns/oauth2/access_token", &query).await;
        assert_eq!(raw.errcode(), 40002);
        assert!(s(&raw.json()["errmsg"]).starts_with("invalid grant_type"));
    }
}

#[tokio::test]
async fn snapshot_users_are_flagged() {
    let sim = spawn().await;
    let code = sim
        .control
        .authorize_snapshot(APP_A.0, "ghost", Scope::SnsapiBase)
        .await
        .unwrap();
    let token = sim.exchange(APP_A, &code).await.json();
    assert_eq!(token["is_snapshotuser"], 1);
    assert_eq!(token["scope"], "snsapi_base");
}
