//! How long a WeChat login waits for WeChat: a returning user only for the code
//! exchange, anyone at most the deadline (`--wechat-deadline-s`), and nobody for an
//! exchange a crashed server left pending.

mod common;

use std::time::{Duration, Instant};

use common::{start, start_with};
use serde_json::json;
use sha2::{Digest, Sha256};
use wxlogin_sim::control::{Fault, FaultTarget, UserUpdate};

/// A server whose deadline (2 s) tests can outlast quickly.
async fn with_deadline_2s() -> common::Env {
    start_with(|c| {
        c.captcha = common::loose_captchas();
        c.wechat_deadline_s = 2;
    })
    .await
}

/// A returning user is answered after the code exchange: `/sns/userinfo` failing (busy
/// past every retry) no longer fails the login, because the login does not wait for it.
#[tokio::test]
async fn a_returning_user_is_answered_after_the_code_exchange_alone() {
    let env = start().await;
    let token = env.bound_user("rene", "13800138101").await;
    let user = env.me(&token).await;
    env.control
        .inject_fault(FaultTarget::Userinfo, Fault::errcode(45011), 100)
        .await
        .unwrap();
    let login = env.wechat_login("rene").await;
    let data = login.ok();
    assert_eq!(data["is_bind"], true);
    assert!(data["token"].is_string());
    assert_eq!(data["user"], user, "the account as stored");
    assert_eq!(data["wechat"]["nickname"], "rene");
}

/// The profile a returning user's login did not wait for is stored shortly after: the
/// new nickname and the new avatar image, with case 10's fields all there.
#[tokio::test]
async fn a_returning_users_profile_is_refreshed_after_the_answer() {
    let env = start().await;
    let token = env.bound_user("rita", "13800138102").await;
    let before = env.me(&token).await;
    let old_image = avatar(&env, &before).await;
    env.control
        .set_user(
            "rita",
            &UserUpdate {
                nickname: Some("丽塔 new".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let new_url = env.control.change_avatar("rita").await.unwrap();
    let new_image = reqwest::get(&new_url).await.unwrap().bytes().await.unwrap();
    assert_ne!(old_image, new_image);

    let login = env.wechat_login("rita").await;
    assert_eq!(login.ok()["is_bind"], true);
    let mut me = env.me(&token).await;
    for _ in 0..100 {
        // The refresh may replace the image between reading `me` and fetching its avatar
        // (a new image gets a new id): an id that is already gone means "not yet".
        if me["wechat_name"] == "丽塔 new"
            && try_avatar(&env, &me).await.as_deref() == Some(&new_image[..])
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        me = env.me(&token).await;
    }
    assert_eq!(me["wechat_name"], "丽塔 new");
    assert_eq!(avatar(&env, &me).await, new_image);
    assert_eq!(me["is_bind_avatar"], true);
    assert_eq!(me["is_bind_wechat"], true);
    assert_eq!(me["wechat_open_id"], before["wechat_open_id"]);
    assert_eq!(me["wechat_union_id"], before["wechat_union_id"]);
    assert_eq!(me["mobile"], "13800138102");
}

async fn avatar(env: &common::Env, user: &serde_json::Value) -> Vec<u8> {
    try_avatar(env, user)
        .await
        .expect("the account's avatar is served")
}

/// The avatar image of `user`, or `None` when its id is no longer served.
async fn try_avatar(env: &common::Env, user: &serde_json::Value) -> Option<Vec<u8>> {
    let url = env.url(user["wechat_avatar"].as_str().expect("an avatar"));
    let response = env.http.get(url).send().await.unwrap();
    match response.status().as_u16() {
        200 => Some(response.bytes().await.unwrap().to_vec()),
        404 => None,
        other => panic!("avatar answered {other}"),
    }
}

/// A new identity still gets its WeChat profile for the bind page.
#[tokio::test]
async fn a_new_identity_gets_the_profile_for_the_bind_page() {
    let env = start().await;
    let login = env.wechat_login("nina").await;
    let data = login.ok();
    assert_eq!(data["is_bind"], false);
    assert_eq!(data["wechat"]["nickname"], "nina");
    assert!(data["wechat"]["avatar_url"]
        .as_str()
        .is_some_and(|u| u.contains("/avatar/nina/")));
}

/// WeChat slow on both calls and busy once: the login answers by its deadline (here 2 s)
/// instead of after every call and retry (2.9 s), so the app, whose own timeout is
/// longer, gets "WeChat unavailable" rather than a timeout.
#[tokio::test]
async fn a_slow_wechat_is_answered_within_the_deadline() {
    let env = with_deadline_2s().await;
    let slow = Fault::latency(900);
    for (target, fault) in [
        (FaultTarget::AccessToken, slow.clone()),
        (FaultTarget::Userinfo, Fault::errcode(-1).with_latency(900)),
        (FaultTarget::Userinfo, slow),
    ] {
        env.control.inject_fault(target, fault, 1).await.unwrap();
    }
    let started = Instant::now();
    let login = env.wechat_login("sol").await;
    let took = started.elapsed();
    login.fails(502, 50201);
    assert!(
        took < Duration::from_millis(2500),
        "answered after {took:?}"
    );
}

/// The digest under which the server keeps a code's exchange.
fn code_key(code: &str) -> String {
    Sha256::digest(code.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn leave_pending(env: &common::Env, code: &str, age_s: i64) {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&env.database_url).await.unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    sqlx::query(
        "INSERT INTO code_exchanges (code_hash, status, result, created_at) VALUES ($1, 'pending', NULL, $2)",
    )
    .bind(code_key(code))
    .bind(now - age_s)
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
}

/// A server that stopped mid-exchange left the code's claim pending; a resubmission
/// takes it over at once instead of waiting, and failing, for the code's ten minutes.
#[tokio::test]
async fn an_exchange_left_pending_by_a_crash_does_not_block_its_code() {
    let env = start().await;
    let code = env.wechat_code("otto").await;
    leave_pending(&env, &code, 60).await;
    let started = Instant::now();
    let login = env
        .post("/v1/auth/wechat", json!({ "code": code }), None)
        .await;
    assert_eq!(login.ok()["is_bind"], false);
    assert!(started.elapsed() < Duration::from_secs(2));
}

/// A claim younger than the deadline may still be running: a resubmission waits for it
/// until its own deadline. Once the claim is older than the deadline, it is retaken.
#[tokio::test]
async fn a_fresh_pending_exchange_is_waited_for_then_retaken() {
    let env = with_deadline_2s().await;
    let code = env.wechat_code("olaf").await;
    leave_pending(&env, &code, 0).await;
    let first = env
        .post("/v1/auth/wechat", json!({ "code": code }), None)
        .await;
    first.fails(502, 50201);
    assert_eq!(env.control.calls().await.unwrap().access_token, 0);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let again = env
        .post("/v1/auth/wechat", json!({ "code": code }), None)
        .await;
    assert_eq!(again.ok()["is_bind"], false);
    assert_eq!(env.control.calls().await.unwrap().access_token, 1);
}
