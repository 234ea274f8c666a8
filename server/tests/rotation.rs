//! Two-phase session rotation: resume mints a new token and the old one keeps working
//! until the new one is first used, so a resume whose answer never reached the app does
//! not sign the user out; of racing resumes every one answers and the token used first
//! wins; logout with any token of the chain ends all of them.

mod common;

use common::Env;
use serde_json::json;

async fn resume(env: &Env, token: &str) -> String {
    let answer = env.post("/v1/auth/resume", json!({}), Some(token)).await;
    answer.ok()["token"].as_str().unwrap().to_owned()
}

/// The status of `method path` with `token` against the server at `base`.
async fn status(http: &reqwest::Client, base: &str, path: &str, token: &str) -> u16 {
    let request = if path == "/v1/me" {
        http.get(format!("{base}{path}"))
    } else {
        http.post(format!("{base}{path}")).json(&json!({}))
    };
    request
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_resume_whose_answer_was_lost_keeps_the_session() {
    let env = common::start().await;
    let token = env.phone_login("13700000001").await;
    // The server minted `lost`, but its answer never reached the app, which still holds
    // `token` only: that token keeps working, for calls and for the next resume.
    let lost = resume(&env, &token).await;
    env.get("/v1/me", Some(&token)).await.ok();
    let next = resume(&env, &token).await;
    assert_ne!(next, lost);
    // The first use of the new token confirms it and revokes its predecessor and the
    // sibling whose answer was lost.
    env.get("/v1/me", Some(&next)).await.ok();
    env.get("/v1/me", Some(&token)).await.fails(401, 40101);
    env.get("/v1/me", Some(&lost)).await.fails(401, 40101);
    env.post("/v1/auth/resume", json!({}), Some(&token))
        .await
        .fails(401, 40101);
    // The confirmed token rotates in two phases in its turn, resume being a use too.
    let third = resume(&env, &next).await;
    env.get("/v1/me", Some(&next)).await.ok();
    let fourth = resume(&env, &third).await;
    env.get("/v1/me", Some(&next)).await.fails(401, 40101);
    env.get("/v1/me", Some(&third)).await.ok();
    env.get("/v1/me", Some(&fourth)).await.ok();
    env.get("/v1/me", Some(&third)).await.fails(401, 40101);
}

/// Two resumes of one token at once (on two instances over PostgreSQL) both answer;
/// then both new tokens are used at once, and exactly one of them wins, many times.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_resumes_both_answer_and_the_first_token_used_wins() {
    let env = common::start().await;
    let second = if env.database_url.starts_with("postgres") {
        Some(common::second_instance(&env).await)
    } else {
        None
    };
    let one = env.server.base_url();
    let two = second
        .as_ref()
        .map_or_else(|| one.clone(), |s| s.base_url());
    let http = &env.http;
    let (mut first_won, mut second_won) = (0, 0);
    for i in 0..20 {
        let token = env.phone_login(&format!("1370001{i:04}")).await;
        let request = |base: &str| {
            http.post(format!("{base}/v1/auth/resume"))
                .bearer_auth(&token)
                .send()
        };
        let (a, b) = tokio::join!(request(&one), request(&two));
        let token_of = |body: serde_json::Value| body["data"]["token"].as_str().unwrap().to_owned();
        let a = token_of(a.unwrap().json().await.unwrap());
        let b = token_of(b.unwrap().json().await.unwrap());
        assert_ne!(a, b);
        let (used_a, used_b) = tokio::join!(
            status(http, &one, "/v1/me", &a),
            status(http, &two, "/v1/me", &b)
        );
        let (winner, loser) = match (used_a, used_b) {
            (200, 401) => (a, b),
            (401, 200) => (b, a),
            other => panic!("both new tokens used at once answered {other:?}"),
        };
        if used_a == 200 {
            first_won += 1;
        } else {
            second_won += 1;
        }
        assert_eq!(status(http, &one, "/v1/me", &winner).await, 200);
        assert_eq!(status(http, &two, "/v1/me", &loser).await, 401);
        assert_eq!(status(http, &two, "/v1/auth/resume", &loser).await, 401);
        assert_eq!(status(http, &one, "/v1/me", &token).await, 401);
    }
    println!("the first resume's token won {first_won} races, the second's {second_won}");

    // The order, one call after the other: the token used first wins even when it came
    // from the later resume.
    let token = env.phone_login("13700019999").await;
    let earlier = resume(&env, &token).await;
    let later = resume(&env, &token).await;
    env.get("/v1/me", Some(&later)).await.ok();
    env.get("/v1/me", Some(&earlier)).await.fails(401, 40101);
}

/// Logout with the old token or with its unconfirmed successor ends both; so does a
/// logout that races the first use of the successor, whichever commits first.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn logout_with_any_token_of_the_chain_ends_all_of_them() {
    let env = common::start().await;
    for (i, logout_with_new) in [false, true].into_iter().enumerate() {
        let token = env.phone_login(&format!("1370002000{i}")).await;
        let minted = resume(&env, &token).await;
        let with = if logout_with_new { &minted } else { &token };
        env.post("/v1/auth/logout", json!({}), Some(with))
            .await
            .ok();
        for token in [&token, &minted] {
            env.get("/v1/me", Some(token)).await.fails(401, 40101);
            env.post("/v1/auth/resume", json!({}), Some(token))
                .await
                .fails(401, 40101);
        }
    }
    let base = env.server.base_url();
    for i in 0..20 {
        let token = env.phone_login(&format!("1370003{i:04}")).await;
        let minted = resume(&env, &token).await;
        let (used, logout) = tokio::join!(
            status(&env.http, &base, "/v1/me", &minted),
            status(&env.http, &base, "/v1/auth/logout", &token)
        );
        assert_eq!(logout, 200);
        assert!(used == 200 || used == 401, "{used}");
        for token in [&token, &minted] {
            env.get("/v1/me", Some(token)).await.fails(401, 40101);
        }
    }
}

/// An app whose resume answers keep getting lost mints a new token each time; only the
/// newest few stay usable, so one token cannot mint live rows without bound.
#[tokio::test]
async fn unconfirmed_successors_of_one_token_are_bounded() {
    let env = common::start().await;
    let token = env.phone_login("13700040000").await;
    let mut minted = Vec::new();
    for _ in 0..7 {
        minted.push(resume(&env, &token).await);
    }
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&env.database_url).await.unwrap();
    let pending = || async {
        let (count,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM sessions WHERE predecessor_hash IS NOT NULL \
             AND confirmed_at IS NULL AND revoked_at IS NULL",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        count
    };
    assert_eq!(pending().await, 4);
    env.get("/v1/me", Some(&token)).await.ok();
    env.get("/v1/me", Some(minted.last().unwrap())).await.ok();
    assert_eq!(pending().await, 0);
    env.get("/v1/me", Some(&token)).await.fails(401, 40101);
}
