//! openid / unionid rules and the user profile round trip.

mod common;

use common::{s, spawn, APP_A, APP_B, APP_C};
use wxlogin_sim::control::{Scope, UserUpdate};

#[tokio::test]
async fn openid_per_app_unionid_per_account() {
    let sim = spawn().await;
    let a = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    let b = sim.login(APP_B, "alice", Scope::SnsapiUserinfo).await;
    let c = sim.login(APP_C, "alice", Scope::SnsapiUserinfo).await;
    assert_ne!(a["openid"], b["openid"]);
    assert_ne!(a["openid"], c["openid"]);
    assert_eq!(a["unionid"], b["unionid"], "A and B share the account acme");
    assert_ne!(a["unionid"], c["unionid"], "C belongs to another account");

    let again = sim.login(APP_A, "alice", Scope::SnsapiUserinfo).await;
    assert_eq!(again["openid"], a["openid"], "openid is stable");
    let bob = sim.login(APP_A, "bob", Scope::SnsapiUserinfo).await;
    assert_ne!(bob["openid"], a["openid"]);
    assert_ne!(bob["unionid"], a["unionid"]);
}

#[tokio::test]
async fn chinese_and_emoji_profiles_round_trip() {
    let sim = spawn().await;
    let nicknames = ["新仁类测试微信号???@¥", "🐼熊猫"];
    for (i, nickname) in nicknames.into_iter().enumerate() {
        let id = format!("user-{i}");
        let update = UserUpdate {
            nickname: Some(nickname.into()),
            sex: Some(2),
            province: Some("广东".into()),
            city: Some("深圳".into()),
            country: Some("中国".into()),
        };
        let view = sim.control.set_user(&id, &update).await.unwrap();
        assert_eq!(view.nickname, nickname);

        let token = sim.login(APP_A, &id, Scope::SnsapiUserinfo).await;
        let raw = sim
            .userinfo(s(&token["access_token"]), s(&token["openid"]))
            .await;
        assert!(raw.body.contains(nickname), "raw UTF-8, not \\u escapes");
        let info = raw.json();
        assert_eq!(info["nickname"], nickname);
        assert_eq!(info["sex"], 2);
        assert_eq!(info["province"], "广东");
        assert_eq!(info["city"], "深圳");
        assert_eq!(info["country"], "中国");
    }
}

#[tokio::test]
async fn partial_updates_keep_other_fields() {
    let sim = spawn().await;
    let full = UserUpdate {
        nickname: Some("Alice".into()),
        sex: Some(1),
        ..UserUpdate::default()
    };
    sim.control.set_user("alice", &full).await.unwrap();
    let partial = UserUpdate {
        city: Some("Beijing".into()),
        ..UserUpdate::default()
    };
    let view = sim.control.set_user("alice", &partial).await.unwrap();
    assert_eq!(
        (view.nickname.as_str(), view.sex, view.city.as_str()),
        ("Alice", 1, "Beijing")
    );
    let bad = UserUpdate {
        sex: Some(3),
        ..UserUpdate::default()
    };
    assert!(sim.control.set_user("alice", &bad).await.is_err());
}

#[tokio::test]
async fn authorize_creates_unknown_users_and_rejects_unknown_apps() {
    let sim = spawn().await;
    sim.code(APP_A, "newcomer", Scope::SnsapiUserinfo).await;
    let view = sim.control.user("newcomer").await.unwrap();
    assert_eq!(view.nickname, "newcomer");
    match sim
        .control
        .authorize("wxUnknown", "x", Scope::SnsapiUserinfo)
        .await
    {
        Err(wxlogin_sim::control::ControlError::Status { status, message }) => {
            assert_eq!(status, 404);
            assert!(message.contains("wxUnknown"));
        }
        other => panic!("expected a 404, got {other:?}"),
    }
}
