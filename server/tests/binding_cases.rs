//! The seed's login/bind cases (`000_*.txt`, 第六步) that the server decides: 1–11 and 18.

mod common;

use common::start;
use serde_json::json;

const PHONE_A: &str = "13800138000";
const PHONE_B: &str = "13900139000";

/// Case 1 and 10: phone login, then bind WeChat; the account holds the WeChat profile
/// and the avatar image itself.
#[tokio::test]
async fn case_01_phone_login_then_bind_wechat_stores_the_profile() {
    let env = start().await;
    let nickname = "新仁类测试微信号???@¥";
    env.control
        .set_user(
            "alice",
            &wxlogin_sim::control::UserUpdate {
                nickname: Some(nickname.into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let token = env.phone_login(PHONE_A).await;
    let user = env.bind_wechat(&token, "alice").await.ok()["user"].clone();
    assert_eq!(user["mobile"], PHONE_A);
    assert_eq!(user["is_bind_wechat"], true);
    assert_eq!(user["wechat_name"], nickname);
    assert!(user["wechat_open_id"]
        .as_str()
        .is_some_and(|o| o.starts_with('o')));
    assert!(user["wechat_union_id"].as_str().is_some());
    assert_eq!(user["is_bind_avatar"], true);

    let avatar = env
        .http
        .get(env.url(user["wechat_avatar"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(avatar.headers()["content-type"], "image/png");
    assert!(avatar.bytes().await.unwrap().starts_with(b"\x89PNG"));
    assert_eq!(env.me(&token).await, user);
}

/// Case 2: the same WeChat again is a harmless no-op.
#[tokio::test]
async fn case_02_binding_the_same_wechat_again_is_a_no_op() {
    let env = start().await;
    let token = env.phone_login(PHONE_A).await;
    let first = env.bind_wechat(&token, "alice").await.ok()["user"].clone();
    let again = env.bind_wechat(&token, "alice").await.ok()["user"].clone();
    assert_eq!(first, again);
}

/// Case 3: a different WeChat while one is bound is refused.
#[tokio::test]
async fn case_03_a_second_wechat_is_refused() {
    let env = start().await;
    let token = env.phone_login(PHONE_A).await;
    env.bind_wechat(&token, "alice").await.ok();
    env.bind_wechat(&token, "bob").await.fails(409, 40902);
    assert_eq!(env.me(&token).await["wechat_name"], "alice");
}

/// Case 4: B cannot take A's WeChat.
#[tokio::test]
async fn case_04_a_wechat_of_another_account_is_refused() {
    let env = start().await;
    let a = env.phone_login(PHONE_A).await;
    env.bind_wechat(&a, "alice").await.ok();
    let b = env.phone_login(PHONE_B).await;
    env.bind_wechat(&b, "alice").await.fails(409, 40903);
    assert_eq!(env.me(&b).await["is_bind_wechat"], false);
}

/// Cases 5 and 12: WeChat login of a new identity lands on the forced bind-phone page;
/// binding a phone creates the account with both.
#[tokio::test]
async fn case_05_wechat_login_forces_a_phone_then_signs_in() {
    let env = start().await;
    let login = env.wechat_login("carol").await;
    let data = login.ok();
    assert_eq!(data["is_bind"], false);
    assert!(data.get("token").is_none());
    assert!(data["bind_ticket"].as_str().is_some_and(|t| t.len() >= 32));
    assert_eq!(data["wechat"]["nickname"], "carol");

    let bound = env.register_by_wechat("dave", PHONE_A).await;
    let data = bound.ok();
    let token = data["token"].as_str().unwrap();
    assert_eq!(data["user"]["mobile"], PHONE_A);
    assert_eq!(data["user"]["wechat_name"], "dave");
    assert_eq!(env.me(token).await, data["user"]);
}

/// Case 6: the account's own phone again is a no-op.
#[tokio::test]
async fn case_06_binding_the_same_phone_again_is_a_no_op() {
    let env = start().await;
    let token = env.register_by_wechat("erin", PHONE_A).await.ok()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let captcha = env.captcha(PHONE_A, "bind").await;
    let user = env
        .post(
            "/v1/me/phone",
            json!({"mobile": PHONE_A, "captcha": captcha}),
            Some(&token),
        )
        .await;
    assert_eq!(user.ok()["user"]["mobile"], PHONE_A);
}

/// Case 7: another phone while one is bound is refused.
#[tokio::test]
async fn case_07_a_second_phone_is_refused() {
    let env = start().await;
    let token = env.register_by_wechat("frank", PHONE_A).await.ok()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let captcha = env.captcha(PHONE_B, "bind").await;
    env.post(
        "/v1/me/phone",
        json!({"mobile": PHONE_B, "captcha": captcha}),
        Some(&token),
    )
    .await
    .fails(409, 40904);
    assert_eq!(env.me(&token).await["mobile"], PHONE_A);
}

/// Case 8: B's WeChat cannot take a phone whose account has A's WeChat.
#[tokio::test]
async fn case_08_a_phone_with_another_wechat_is_refused() {
    let env = start().await;
    env.register_by_wechat("alice", PHONE_A).await.ok();
    env.register_by_wechat("bob", PHONE_A)
        .await
        .fails(409, 40901);
    // Bob can still bind another phone with a fresh login.
    env.register_by_wechat("bob", PHONE_B).await.ok();
}

/// Case 8, variant: a phone account without WeChat gets the WeChat that binds it.
#[tokio::test]
async fn binding_a_phone_that_has_an_account_attaches_the_wechat_to_it() {
    let env = start().await;
    let phone_token = env.phone_login(PHONE_A).await;
    let id = env.me(&phone_token).await["id"].clone();
    let user = env.register_by_wechat("gina", PHONE_A).await.ok()["user"].clone();
    assert_eq!(user["id"], id);
    assert_eq!(user["wechat_name"], "gina");
}

/// Case 9: account (password) login, then bind WeChat.
#[tokio::test]
async fn case_09_password_login_then_bind_wechat() {
    let env = start().await;
    env.post(
        "/dev/accounts",
        json!({"account": "qa-user", "password": "pa55w0rd!"}),
        None,
    )
    .await
    .ok();
    env.post(
        "/v1/auth/password",
        json!({"account": "qa-user", "password": "wrong"}),
        None,
    )
    .await
    .fails(401, 40102);
    env.post(
        "/v1/auth/password",
        json!({"account": "nobody", "password": "pa55w0rd!"}),
        None,
    )
    .await
    .fails(401, 40102);
    let login = env
        .post(
            "/v1/auth/password",
            json!({"account": "qa-user", "password": "pa55w0rd!"}),
            None,
        )
        .await;
    let token = login.ok()["token"].as_str().unwrap().to_owned();
    let user = env.bind_wechat(&token, "hank").await.ok()["user"].clone();
    assert_eq!(user["account"], "qa-user");
    assert_eq!(user["wechat_name"], "hank");
}

/// Case 10: the database row carries wechat_name, wechat_avatar (stored bytes),
/// wechat_open_id and is_bind_avatar after both binding paths.
#[tokio::test]
async fn case_10_the_database_holds_the_wechat_columns_and_the_image() {
    let env = start().await;
    env.register_by_wechat("ivan", PHONE_A).await.ok();
    let token = env.phone_login(PHONE_B).await;
    env.bind_wechat(&token, "judy").await.ok();

    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&env.database_url).await.unwrap();
    let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT u.mobile, u.wechat_name, u.wechat_open_id, u.is_bind_avatar, LENGTH(a.data) \
         FROM users u JOIN avatars a ON a.user_id = u.id ORDER BY u.mobile",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].0.as_str(), rows[0].1.as_str()), (PHONE_A, "ivan"));
    assert_eq!((rows[1].0.as_str(), rows[1].1.as_str()), (PHONE_B, "judy"));
    for row in &rows {
        assert!(row.2.starts_with('o'));
        assert_eq!(row.3, 1);
        assert!(row.4 > 50, "avatar bytes stored: {}", row.4);
    }
}

/// Case 11: after binding, WeChat login and phone login reach the same account.
#[tokio::test]
async fn case_11_both_logins_reach_the_same_account() {
    let env = start().await;
    let via_wechat = env.register_by_wechat("kate", PHONE_A).await.ok()["user"]["id"].clone();
    let phone_token = env.phone_login(PHONE_A).await;
    assert_eq!(env.me(&phone_token).await["id"], via_wechat);
    let again = env.wechat_login("kate").await;
    let data = again.ok();
    assert_eq!(data["is_bind"], true);
    assert_eq!(data["user"]["id"], via_wechat);

    let bound_by_phone = env.phone_login(PHONE_B).await;
    let id = env.bind_wechat(&bound_by_phone, "liam").await.ok()["user"]["id"].clone();
    assert_eq!(env.wechat_login("liam").await.ok()["user"]["id"], id);
}

/// Case 18: authorization, login and both bindings failing, each with its typed error
/// and nothing half-done.
#[tokio::test]
async fn case_18_failures_are_typed_and_leave_nothing_behind() {
    let env = start().await;
    // A code WeChat never issued.
    env.post("/v1/auth/wechat", json!({"code": "not-a-real-code"}), None)
        .await
        .fails(400, 40020);
    // A bind ticket that does not exist.
    let captcha = env.captcha(PHONE_A, "bind").await;
    env.post(
        "/v1/auth/wechat/bind-phone",
        json!({"bind_ticket": "nope", "mobile": PHONE_A, "captcha": captcha}),
        None,
    )
    .await
    .fails(400, 40030);
    // A wrong captcha keeps the ticket usable.
    let ticket = env.wechat_login("mona").await.ok()["bind_ticket"]
        .as_str()
        .unwrap()
        .to_owned();
    let _ = env.captcha(PHONE_A, "bind").await;
    env.post(
        "/v1/auth/wechat/bind-phone",
        json!({"bind_ticket": ticket, "mobile": PHONE_A, "captcha": "000000x"}),
        None,
    )
    .await
    .fails(400, 40010);
    let captcha = env.captcha(PHONE_A, "bind").await;
    env.post(
        "/v1/auth/wechat/bind-phone",
        json!({"bind_ticket": ticket, "mobile": PHONE_A, "captcha": captcha}),
        None,
    )
    .await
    .ok();
    // The ticket cannot bind this WeChat to a second phone...
    let captcha = env.captcha(PHONE_B, "bind").await;
    env.post(
        "/v1/auth/wechat/bind-phone",
        json!({"bind_ticket": ticket, "mobile": PHONE_B, "captcha": captcha}),
        None,
    )
    .await
    .fails(409, 40903);
    // ...but repeating the binding that went through (its answer lost to a dropped
    // connection) signs in again instead of failing.
    let captcha = env.captcha(PHONE_A, "bind").await;
    let again = env
        .post(
            "/v1/auth/wechat/bind-phone",
            json!({"bind_ticket": ticket, "mobile": PHONE_A, "captcha": captcha}),
            None,
        )
        .await;
    assert_eq!(again.ok()["user"]["wechat_name"], "mona");
    // Binding WeChat without a session.
    let code = env.wechat_code("nina").await;
    env.post("/v1/me/wechat", json!({ "code": code }), None)
        .await
        .fails(401, 40101);
    env.post(
        "/v1/me/wechat",
        json!({ "code": code }),
        Some("forged-token"),
    )
    .await
    .fails(401, 40101);
    // Nothing of nina was bound anywhere.
    assert_eq!(env.wechat_login("nina").await.ok()["is_bind"], false);
}
