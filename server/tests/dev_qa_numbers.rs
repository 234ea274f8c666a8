//! The reserved QA numbers (`1990…`): under `--dev` they skip the captcha cooldown and
//! the hourly limits and leave the caller's address its allowance, so `wxlogin-qa` passes
//! against a server with the default limits run after run; every other number, and the
//! QA numbers without `--dev`, keep the limits.

mod common;

use std::sync::Arc;

use common::{fresh_database, start_with, Answer};
use serde_json::json;
use wxlogin_server::config::QA_MOBILE_PREFIX;
use wxlogin_server::{CaptchaPolicy, Config, DevSmsSender, Server};

/// More captchas than the default per-phone (5) and per-address (20) hourly limits.
const MANY: usize = 25;

fn qa_number(n: u32) -> String {
    format!("{QA_MOBILE_PREFIX}{n:07}")
}

#[tokio::test]
async fn qa_numbers_skip_the_default_limits_under_dev() {
    let env = start_with(|c| c.captcha = CaptchaPolicy::default()).await;
    assert!(env.config.dev);
    for _ in 0..MANY {
        env.captcha(&qa_number(1), "bind").await;
    }
    for n in 2..7 {
        env.captcha(&qa_number(n), "login").await;
    }
    // The caller's address kept its allowance: a number typed by hand still gets a
    // captcha, and then the default cooldown.
    env.captcha("13700137000", "login").await;
    env.post(
        "/v1/captcha",
        json!({"mobile": "13700137000", "purpose": "login"}),
        None,
    )
    .await
    .fails(429, 42901);
}

#[tokio::test]
async fn qa_numbers_keep_the_wrong_try_limit() {
    let env = start_with(|c| c.captcha = CaptchaPolicy::default()).await;
    let mobile = qa_number(9);
    let captcha = env.captcha(&mobile, "login").await;
    let wrong = if captcha == "000000" {
        "111111"
    } else {
        "000000"
    };
    let login = |captcha: &str| {
        env.post(
            "/v1/auth/phone",
            json!({"mobile": mobile, "captcha": captcha}),
            None,
        )
    };
    for _ in 0..5 {
        login(wrong).await.fails(400, 40010);
    }
    login(&captcha).await.fails(429, 42902);
}

#[tokio::test]
async fn without_dev_qa_numbers_are_ordinary_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(&dir).await;
    // No WeChat call happens in this test; the address is never dialled.
    let mut config = Config::for_testing(&database_url, "http://127.0.0.1:9", "wxapp", "s");
    config.dev = false;
    config.captcha = CaptchaPolicy::default();
    let sender = Arc::new(DevSmsSender::default());
    let server = Server::new(config)
        .await
        .unwrap()
        .with_sms_sender(sender)
        .spawn()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let request = || async {
        let response = http
            .post(format!("{}/v1/captcha", server.base_url()))
            .json(&json!({"mobile": qa_number(1), "purpose": "login"}))
            .send()
            .await
            .unwrap();
        Answer {
            status: response.status().as_u16(),
            body: response.json().await.unwrap(),
        }
    };
    request().await.ok();
    request().await.fails(429, 42901);
}
