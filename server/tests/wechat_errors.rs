//! Every WeChat errcode path the server meets, against the simulator's real answers and
//! injected faults.

mod common;

use common::{start, start_with, APP_ID};
use serde_json::json;
use wxlogin_sim::control::{Fault, FaultTarget, Scope};

#[tokio::test]
async fn a_resubmitted_code_gets_the_first_result_not_40163() {
    let env = start().await;
    let code = env.wechat_code("olga").await;
    let first = env
        .post("/v1/auth/wechat", json!({ "code": code }), None)
        .await;
    let again = env
        .post("/v1/auth/wechat", json!({ "code": code }), None)
        .await;
    assert_eq!(first.ok()["wechat"], again.ok()["wechat"]);
    assert_eq!(
        env.control.calls().await.unwrap().access_token,
        1,
        "WeChat saw the code once"
    );
}

#[tokio::test]
async fn concurrent_submissions_of_one_code_exchange_it_once() {
    let env = start().await;
    let code = env.wechat_code("pete").await;
    let (a, b, c) = tokio::join!(
        env.post("/v1/auth/wechat", json!({ "code": code }), None),
        env.post("/v1/auth/wechat", json!({ "code": code }), None),
        env.post("/v1/auth/wechat", json!({ "code": code }), None),
    );
    for answer in [&a, &b, &c] {
        assert_eq!(answer.ok()["wechat"]["nickname"], "pete");
    }
    assert_eq!(env.control.calls().await.unwrap().access_token, 1);
}

#[tokio::test]
async fn codes_wechat_refuses_mean_authorize_again() {
    let env = start().await;
    // Used elsewhere first (40163).
    let code = env.wechat_code("quinn").await;
    let stolen = reqwest::get(format!(
        "{}/sns/oauth2/access_token?appid={APP_ID}&secret={}&code={code}&grant_type=authorization_code",
        env.sim.base_url(),
        common::SECRET
    ))
    .await
    .unwrap();
    assert!(stolen.text().await.unwrap().contains("access_token"));
    env.post("/v1/auth/wechat", json!({ "code": code }), None)
        .await
        .fails(400, 40020);
    // Expired (42003).
    let code = env.wechat_code("quinn").await;
    env.control.advance_clock(601).await.unwrap();
    env.post("/v1/auth/wechat", json!({ "code": code }), None)
        .await
        .fails(400, 40020);
    // Never issued (40029) and empty (41008 is never even sent).
    env.post("/v1/auth/wechat", json!({"code": "forged"}), None)
        .await
        .fails(400, 40020);
    env.post("/v1/auth/wechat", json!({"code": ""}), None)
        .await
        .fails(400, 40020);
}

#[tokio::test]
async fn a_wrong_app_secret_is_an_operations_alarm() {
    let env = start_with(|config| config.wechat_app_secret = "not-the-secret".into()).await;
    env.wechat_login("rita").await.fails(502, 50202);
}

/// `-1` and `45011` say WeChat did not serve the exchange: the code is unused, and the
/// server asks again inside the same login instead of sending the user back to WeChat.
#[tokio::test]
async fn a_busy_wechat_on_the_code_exchange_is_retried_inside_the_login() {
    let env = start().await;
    for errcode in [-1, 45011] {
        env.control.reset().await.unwrap();
        env.control
            .inject_fault(FaultTarget::AccessToken, Fault::errcode(errcode), 1)
            .await
            .unwrap();
        assert_eq!(env.wechat_login("sam").await.ok()["is_bind"], false);
        assert_eq!(
            env.control.calls().await.unwrap().access_token,
            2,
            "one retry after {errcode}"
        );
    }
}

/// Busy past the retries: "WeChat unavailable", and the code, never used, still works.
#[tokio::test]
async fn a_wechat_busy_past_the_retries_is_unavailable_and_the_code_survives() {
    let env = start().await;
    let code = env.wechat_code("sam").await;
    env.control
        .inject_fault(FaultTarget::AccessToken, Fault::errcode(-1), 3)
        .await
        .unwrap();
    env.post("/v1/auth/wechat", json!({ "code": code }), None)
        .await
        .fails(502, 50201);
    assert_eq!(
        env.control.calls().await.unwrap().access_token,
        3,
        "1 try + 2 retries"
    );
    assert_eq!(
        env.post("/v1/auth/wechat", json!({ "code": code }), None)
            .await
            .ok()["is_bind"],
        false
    );
}

#[tokio::test]
async fn busy_userinfo_is_retried_a_bounded_number_of_times() {
    let env = start().await;
    env.control
        .inject_fault(FaultTarget::Userinfo, Fault::errcode(-1), 1)
        .await
        .unwrap();
    assert_eq!(
        env.wechat_login("tina").await.ok()["wechat"]["nickname"],
        "tina"
    );
    assert_eq!(env.control.calls().await.unwrap().userinfo, 2);

    env.control.reset().await.unwrap();
    env.control
        .inject_fault(FaultTarget::Userinfo, Fault::errcode(45011), 10)
        .await
        .unwrap();
    env.wechat_login("tina").await.fails(502, 50201);
    assert_eq!(
        env.control.calls().await.unwrap().userinfo,
        3,
        "1 try + 2 retries"
    );
}

#[tokio::test]
async fn garbage_from_wechat_is_unavailable_not_a_crash() {
    let env = start().await;
    for fault in [
        Fault::malformed(),
        Fault::empty_html(),
        Fault::http_status(500),
    ] {
        env.control
            .inject_fault(FaultTarget::AccessToken, fault, 1)
            .await
            .unwrap();
        env.wechat_login("uma").await.fails(502, 50201);
    }
    assert_eq!(env.wechat_login("uma").await.ok()["is_bind"], false);
}

#[tokio::test]
async fn snapshot_identities_are_refused() {
    let env = start().await;
    let code = env
        .control
        .authorize_snapshot(APP_ID, "victor", Scope::SnsapiUserinfo)
        .await
        .unwrap();
    env.post("/v1/auth/wechat", json!({ "code": code }), None)
        .await
        .fails(403, 40301);
}

#[tokio::test]
async fn resume_refreshes_an_expired_access_token_and_rotates_the_session() {
    let env = start().await;
    let token = env.bound_user("wendy", "13800138001").await;
    env.control.advance_clock(7201).await.unwrap();
    let resumed = env.post("/v1/auth/resume", json!({}), Some(&token)).await;
    let new_token = resumed.ok()["token"].as_str().unwrap().to_owned();
    assert_ne!(new_token, token);
    let calls = env.control.calls().await.unwrap();
    assert_eq!((calls.auth, calls.refresh_token), (1, 1));
    assert_eq!(env.me(&new_token).await["wechat_name"], "wendy");
    // The first use of the new token revoked the old one.
    env.get("/v1/me", Some(&token)).await.fails(401, 40101);
    // The refreshed grant is live: the next resume needs no refresh.
    env.post("/v1/auth/resume", json!({}), Some(&new_token))
        .await
        .ok();
    assert_eq!(env.control.calls().await.unwrap().refresh_token, 1);
}

#[tokio::test]
async fn resume_after_the_refresh_token_expired_asks_to_authorize_again() {
    let env = start().await;
    let token = env.bound_user("xena", "13800138002").await;
    env.control.advance_clock(31 * 24 * 3600).await.unwrap();
    env.post("/v1/auth/resume", json!({}), Some(&token))
        .await
        .fails(401, 40103);
    env.get("/v1/me", Some(&token)).await.fails(401, 40101);
}

#[tokio::test]
async fn resume_after_the_user_revoked_the_app_asks_to_authorize_again() {
    let env = start().await;
    let token = env.bound_user("yuri", "13800138003").await;
    env.control.revoke("yuri", APP_ID).await.unwrap();
    env.post("/v1/auth/resume", json!({}), Some(&token))
        .await
        .fails(401, 40103);
}

/// An account bound to a WeChat but without its grant (what an older server left when it
/// stopped between the two): resume cannot re-check anything, so it asks to authorize
/// again instead of rotating the session unchecked.
#[tokio::test]
async fn resume_of_a_wechat_account_without_a_grant_asks_to_authorize_again() {
    let env = start().await;
    let token = env.bound_user("yann", "13800138008").await;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&env.database_url).await.unwrap();
    let deleted = sqlx::query("DELETE FROM wechat_grants")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(deleted.rows_affected(), 1);
    env.control.revoke("yann", APP_ID).await.unwrap();
    env.post("/v1/auth/resume", json!({}), Some(&token))
        .await
        .fails(401, 40103);
    env.get("/v1/me", Some(&token)).await.fails(401, 40101);
}

#[tokio::test]
async fn resume_while_wechat_is_down_keeps_the_session() {
    let env = start().await;
    let token = env.bound_user("zack", "13800138004").await;
    env.control
        .inject_fault(FaultTarget::Auth, Fault::http_status(500), 10)
        .await
        .unwrap();
    env.post("/v1/auth/resume", json!({}), Some(&token))
        .await
        .fails(502, 50201);
    assert_eq!(env.me(&token).await["wechat_name"], "zack");
}

#[tokio::test]
async fn resume_without_wechat_just_rotates() {
    let env = start().await;
    let token = env.phone_login("13800138005").await;
    let resumed = env.post("/v1/auth/resume", json!({}), Some(&token)).await;
    let new_token = resumed.ok()["token"].as_str().unwrap().to_owned();
    assert_ne!(new_token, token);
    assert_eq!(env.control.calls().await.unwrap().auth, 0);
    // Once the new token has been used, replaying the old one fails.
    env.get("/v1/me", Some(&new_token)).await.ok();
    env.post("/v1/auth/resume", json!({}), Some(&token))
        .await
        .fails(401, 40101);
}

#[tokio::test]
async fn logout_revokes_the_session() {
    let env = start().await;
    let token = env.phone_login("13800138006").await;
    env.post("/v1/auth/logout", json!({}), Some(&token))
        .await
        .ok();
    env.get("/v1/me", Some(&token)).await.fails(401, 40101);
}

/// The avatar is downloaded again when its URL changed, and only then. A returning
/// user's profile is refreshed after the login answered, so the test waits for it.
#[tokio::test]
async fn a_changed_avatar_is_downloaded_again_on_the_next_login() {
    let env = start().await;
    let token = env.bound_user("abby", "13800138007").await;
    let before = env.control.calls().await.unwrap();
    env.wechat_login("abby").await.ok();
    let after = common::settled_calls(&env, |c| c.userinfo > before.userinfo).await;
    assert_eq!(
        after.avatar, before.avatar,
        "unchanged avatar not fetched again"
    );
    env.control.change_avatar("abby").await.unwrap();
    env.wechat_login("abby").await.ok();
    common::settled_calls(&env, |c| c.avatar == before.avatar + 1).await;
    let me = env.me(&token).await;
    let image = env
        .http
        .get(env.url(me["wechat_avatar"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(image.status(), 200);
}
