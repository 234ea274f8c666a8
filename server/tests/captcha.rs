//! SMS captcha rules: expiry, single use, purpose, brute force, cooldown, rate limits,
//! storage, and state shared by server instances.

mod common;

use common::{loose_captchas, start, start_with};
use serde_json::json;
use wxlogin_server::CaptchaPolicy;

const PHONE: &str = "13700137000";

async fn login(env: &common::Env, captcha: &str) -> common::Answer {
    env.post(
        "/v1/auth/phone",
        json!({"mobile": PHONE, "captcha": captcha}),
        None,
    )
    .await
}

#[tokio::test]
async fn a_captcha_works_once() {
    let env = start().await;
    let captcha = env.captcha(PHONE, "login").await;
    assert_eq!(captcha.len(), 6);
    login(&env, &captcha).await.ok();
    login(&env, &captcha).await.fails(400, 40010);
}

#[tokio::test]
async fn a_captcha_expires() {
    let env = start_with(|c| {
        c.captcha = CaptchaPolicy {
            ttl_s: 1,
            ..loose_captchas()
        }
    })
    .await;
    let captcha = env.captcha(PHONE, "login").await;
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    login(&env, &captcha).await.fails(400, 40010);
}

#[tokio::test]
async fn a_login_captcha_cannot_bind() {
    let env = start().await;
    let token = env.phone_login("13700137001").await;
    let captcha = env.captcha(PHONE, "login").await;
    env.post(
        "/v1/me/phone",
        json!({"mobile": PHONE, "captcha": captcha}),
        Some(&token),
    )
    .await
    .fails(400, 40010);
}

#[tokio::test]
async fn the_newest_captcha_replaces_the_older_one() {
    let env = start().await;
    let old = env.captcha(PHONE, "login").await;
    let new = env.captcha(PHONE, "login").await;
    if old != new {
        login(&env, &old).await.fails(400, 40010);
    }
    login(&env, &new).await.ok();
}

#[tokio::test]
async fn five_wrong_tries_burn_the_captcha() {
    let env = start().await;
    let captcha = env.captcha(PHONE, "login").await;
    let wrong = if captcha == "000000" {
        "111111"
    } else {
        "000000"
    };
    for _ in 0..5 {
        login(&env, wrong).await.fails(400, 40010);
    }
    login(&env, &captcha).await.fails(429, 42902);
}

#[tokio::test]
async fn concurrent_guesses_get_at_most_five_comparisons() {
    let env = start().await;
    let captcha = env.captcha(PHONE, "login").await;
    let guesses: Vec<String> = (0..40)
        .map(|i| format!("{:06}", (i * 7919) % 1_000_000))
        .filter(|g| *g != captcha)
        .collect();
    let answers = futures_join(&env, &guesses).await;
    let compared = answers.iter().filter(|a| a.code() == 40010).count();
    assert!(compared <= 5, "{compared} guesses were compared");
    login(&env, &captcha).await.fails(429, 42902);
}

async fn futures_join(env: &common::Env, guesses: &[String]) -> Vec<common::Answer> {
    let mut set = tokio::task::JoinSet::new();
    for guess in guesses {
        let url = env.url("/v1/auth/phone");
        let http = env.http.clone();
        let body = json!({"mobile": PHONE, "captcha": guess});
        set.spawn(async move {
            let response = http.post(url).json(&body).send().await.unwrap();
            let status = response.status().as_u16();
            common::Answer {
                status,
                body: response.json().await.unwrap(),
            }
        });
    }
    set.join_all().await
}

#[tokio::test]
async fn resending_too_soon_is_refused_with_retry_after() {
    let env = start_with(|c| {
        c.captcha = CaptchaPolicy {
            cooldown_s: 60,
            ..loose_captchas()
        }
    })
    .await;
    env.post(
        "/v1/captcha",
        json!({"mobile": PHONE, "purpose": "login"}),
        None,
    )
    .await
    .ok();
    let response = env
        .http
        .post(env.url("/v1/captcha"))
        .json(&json!({"mobile": PHONE, "purpose": "bind"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let retry: u32 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["code"], 42901);
    assert_eq!(body["data"]["retry_after_s"], retry);
}

#[tokio::test]
async fn per_phone_and_per_address_hourly_limits() {
    let env = start_with(|c| {
        c.captcha = CaptchaPolicy {
            per_phone_hour: 3,
            per_ip_hour: 5,
            ..loose_captchas()
        }
    })
    .await;
    for _ in 0..3 {
        env.post(
            "/v1/captcha",
            json!({"mobile": PHONE, "purpose": "login"}),
            None,
        )
        .await
        .ok();
    }
    env.post(
        "/v1/captcha",
        json!({"mobile": PHONE, "purpose": "login"}),
        None,
    )
    .await
    .fails(429, 42903);
    // The same address, other phones: two more fit in its limit of five.
    for mobile in ["13700137011", "13700137012"] {
        env.post(
            "/v1/captcha",
            json!({"mobile": mobile, "purpose": "login"}),
            None,
        )
        .await
        .ok();
    }
    env.post(
        "/v1/captcha",
        json!({"mobile": "13700137013", "purpose": "login"}),
        None,
    )
    .await
    .fails(429, 42903);
}

#[tokio::test]
async fn captchas_are_stored_hashed() {
    let env = start().await;
    let captcha = env.captcha(PHONE, "login").await;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&env.database_url).await.unwrap();
    let (stored,): (String,) = sqlx::query_as("SELECT code_hash FROM captchas")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 64);
    assert!(!stored.contains(&captcha));
}

#[tokio::test]
async fn another_instance_sees_the_same_captchas_and_limits() {
    let env = start_with(|c| {
        c.captcha = CaptchaPolicy {
            cooldown_s: 60,
            ..loose_captchas()
        }
    })
    .await;
    let second = common::second_instance(&env).await;
    let captcha = env.captcha(PHONE, "login").await;
    let via_second = env
        .http
        .post(format!("{}/v1/auth/phone", second.base_url()))
        .json(&json!({"mobile": PHONE, "captcha": captcha}))
        .send()
        .await
        .unwrap();
    assert_eq!(via_second.status(), 200);
    let cooldown = env
        .http
        .post(format!("{}/v1/captcha", second.base_url()))
        .json(&json!({"mobile": PHONE, "purpose": "login"}))
        .send()
        .await
        .unwrap();
    assert_eq!(cooldown.status(), 429);
}
