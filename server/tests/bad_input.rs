//! Bad input gets a typed envelope error and changes nothing.

mod common;

use common::start;
use serde_json::{json, Value};

async fn raw(
    env: &common::Env,
    path: &str,
    content_type: Option<&str>,
    body: impl Into<reqwest::Body>,
) -> common::Answer {
    let mut request = env.http.post(env.url(path)).body(body);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    common::Answer {
        status,
        body: response.json().await.unwrap_or(Value::Null),
    }
}

#[tokio::test]
async fn malformed_and_mistyped_json() {
    let env = start().await;
    let json_type = Some("application/json");
    raw(&env, "/v1/auth/wechat", json_type, "{\"code\":")
        .await
        .fails(400, 40001);
    raw(&env, "/v1/auth/wechat", json_type, "{}")
        .await
        .fails(400, 40001);
    raw(&env, "/v1/auth/wechat", json_type, "{\"code\": 42}")
        .await
        .fails(400, 40001);
    raw(
        &env,
        "/v1/auth/wechat",
        json_type,
        "{\"code\":\"c\",\"user_id\":1}",
    )
    .await
    .fails(400, 40001);
    raw(
        &env,
        "/v1/captcha",
        json_type,
        "{\"mobile\":\"13800138000\",\"purpose\":\"admin\"}",
    )
    .await
    .fails(400, 40001);
    raw(&env, "/v1/auth/wechat", json_type, "[]")
        .await
        .fails(400, 40001);
    raw(&env, "/v1/auth/wechat", None, "{\"code\":\"c\"}")
        .await
        .fails(415, 41501);
    raw(
        &env,
        "/v1/auth/wechat",
        Some("text/plain"),
        "{\"code\":\"c\"}",
    )
    .await
    .fails(415, 41501);
    assert_eq!(env.control.calls().await.unwrap().access_token, 0);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let env = start().await;
    let huge = format!("{{\"code\":\"{}\"}}", "x".repeat(64 * 1024));
    raw(&env, "/v1/auth/wechat", Some("application/json"), huge)
        .await
        .fails(413, 41301);
}

#[tokio::test]
async fn implausible_codes_never_reach_wechat() {
    let env = start().await;
    env.post("/v1/auth/wechat", json!({"code": "c".repeat(1000)}), None)
        .await
        .fails(400, 40020);
    assert_eq!(env.control.calls().await.unwrap().access_token, 0);
}

#[tokio::test]
async fn invalid_phone_numbers() {
    let env = start().await;
    for mobile in [
        "",
        "1380013800",
        "138001380001",
        "23800138000",
        "+8613800138000",
        "1380013800一",
        "13800 38000",
    ] {
        env.post(
            "/v1/captcha",
            json!({"mobile": mobile, "purpose": "login"}),
            None,
        )
        .await
        .fails(400, 40002);
        env.post(
            "/v1/auth/phone",
            json!({"mobile": mobile, "captcha": "123456"}),
            None,
        )
        .await
        .fails(400, 40002);
    }
}

#[tokio::test]
async fn passwords_out_of_bounds() {
    let env = start().await;
    env.post(
        "/v1/auth/password",
        json!({"account": "a", "password": ""}),
        None,
    )
    .await
    .fails(400, 40003);
    env.post(
        "/v1/auth/password",
        json!({"account": "a", "password": "p".repeat(300)}),
        None,
    )
    .await
    .fails(400, 40003);
}

#[tokio::test]
async fn unicode_nicknames_survive_the_round_trip() {
    let env = start().await;
    for (user, nickname) in [
        ("u1", "新仁类测试微信号???@¥"),
        ("u2", "🐼熊猫 👨‍👩‍👧"),
        ("u3", "O'Brien \"quoted\" <b>"),
    ] {
        env.control
            .set_user(
                user,
                &wxlogin_sim::control::UserUpdate {
                    nickname: Some(nickname.into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let login = env.wechat_login(user).await;
        assert_eq!(login.ok()["wechat"]["nickname"], nickname);
    }
    let mobile = "13600136000";
    let bound = env.register_by_wechat("u2", mobile).await;
    assert_eq!(bound.ok()["user"]["wechat_name"], "🐼熊猫 👨‍👩‍👧");
}

#[tokio::test]
async fn unknown_routes_methods_and_tokens_get_envelopes() {
    let env = start().await;
    env.get("/v1/nope", None).await.fails(404, 40401);
    env.get("/v1/auth/wechat", None).await.fails(405, 40501);
    env.get("/v1/me", None).await.fails(401, 40101);
    env.get("/v1/me", Some("x".repeat(5000).as_str()))
        .await
        .fails(401, 40101);
    let response = env
        .http
        .get(env.url("/v1/me"))
        .header("authorization", "Basic dXNlcjpwdw==")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
}

/// Every refusal is the envelope with a JSON content type: path and query parameters
/// axum rejects, and methods a route does not take (405 with `Allow`, not 404).
#[tokio::test]
async fn path_query_and_method_refusals_are_envelopes() {
    let env = start().await;
    let envelope = |response: reqwest::Response| async move {
        let status = response.status().as_u16();
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        let allow = response
            .headers()
            .get("allow")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(content_type, "application/json", "HTTP {status}");
        let body: Value = response.json().await.unwrap();
        (common::Answer { status, body }, allow)
    };
    let get = |path: &str| env.http.get(env.url(path)).send();
    let (answer, _) = envelope(get("/v1/avatars/abc").await.unwrap()).await;
    answer.fails(400, 40001);
    let (answer, _) = envelope(get("/v1/avatars/%FF%FE").await.unwrap()).await;
    answer.fails(400, 40001);
    let (answer, _) = envelope(get("/dev/sms").await.unwrap()).await;
    answer.fails(400, 40001);
    for (method, path, allowed) in [
        (reqwest::Method::GET, "/v1/auth/wechat", "POST"),
        (reqwest::Method::DELETE, "/v1/me", "GET,HEAD"),
        (reqwest::Method::PUT, "/v1/auth/password", "POST"),
        (reqwest::Method::POST, "/v1/health", "GET,HEAD"),
    ] {
        let response = env
            .http
            .request(method, env.url(path))
            .send()
            .await
            .unwrap();
        let (answer, allow) = envelope(response).await;
        answer.fails(405, 40501);
        assert_eq!(allow.as_deref(), Some(allowed), "{path}");
    }
}

#[tokio::test]
async fn dev_endpoints_do_not_exist_without_dev() {
    let env = common::start_with(|c| c.dev = false).await;
    env.get("/dev/sms?mobile=13800138000", None)
        .await
        .fails(404, 40401);
    env.post(
        "/dev/accounts",
        json!({"account": "a", "password": "p"}),
        None,
    )
    .await
    .fails(404, 40401);
    // And without a provider, a captcha cannot be "sent": a clear server error.
    env.post(
        "/v1/captcha",
        json!({"mobile": "13800138000", "purpose": "login"}),
        None,
    )
    .await
    .fails(500, 50001);
}
