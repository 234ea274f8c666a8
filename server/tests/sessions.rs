//! Session tokens on the wire: no caching of answers that carry them, the bearer scheme
//! in any case, a logout that wins against a racing resume, and avatar URLs that
//! cannot be enumerated.

mod common;

use common::Env;
use serde_json::json;
use tokio::task::JoinSet;

async fn me_with(env: &Env, authorization: &str) -> u16 {
    env.http
        .get(env.url("/v1/me"))
        .header("authorization", authorization)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn the_bearer_scheme_is_case_insensitive() {
    let env = common::start().await;
    let token = env.phone_login("13800138000").await;
    for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
        assert_eq!(
            me_with(&env, &format!("{scheme} {token}")).await,
            200,
            "{scheme}"
        );
    }
    assert_eq!(me_with(&env, &format!("Basic {token}")).await, 401);
    assert_eq!(me_with(&env, &format!("Bearer{token}")).await, 401);
}

/// Answers with a token or a bind ticket (and every other API answer) tell caches not
/// to store them; the avatar image keeps its own policy.
#[tokio::test]
async fn token_and_ticket_answers_are_not_stored_by_caches() {
    let env = common::start().await;
    let cache_control = |response: &reqwest::Response| {
        response
            .headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let code = env.wechat_code("carol").await;
    let ticket = env
        .http
        .post(env.url("/v1/auth/wechat"))
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap();
    assert_eq!(cache_control(&ticket).as_deref(), Some("no-store"));
    let body: serde_json::Value = ticket.json().await.unwrap();
    assert!(body["data"]["bind_ticket"].is_string(), "{body}");

    let captcha = env.captcha("13800138001", "login").await;
    let session = env
        .http
        .post(env.url("/v1/auth/phone"))
        .json(&json!({"mobile": "13800138001", "captcha": captcha}))
        .send()
        .await
        .unwrap();
    assert_eq!(cache_control(&session).as_deref(), Some("no-store"));
    let token = session.json::<serde_json::Value>().await.unwrap()["data"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let resumed = env
        .http
        .post(env.url("/v1/auth/resume"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resumed.status(), 200);
    assert_eq!(cache_control(&resumed).as_deref(), Some("no-store"));
    let refused = env.http.get(env.url("/v1/me")).send().await.unwrap();
    assert_eq!(cache_control(&refused).as_deref(), Some("no-store"));
}

/// Logout and resume of the same token at once, many times (over two instances on
/// PostgreSQL): whichever wins, afterwards neither the old token nor one the resume
/// minted works, and the logout succeeded.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_logout_racing_a_resume_leaves_no_token_alive() {
    let env = common::start().await;
    let second = if env.database_url.starts_with("postgres") {
        Some(common::second_instance(&env).await)
    } else {
        None
    };
    let other_base = second
        .as_ref()
        .map_or_else(|| env.server.base_url(), |s| s.base_url());
    let mut tokens = Vec::new();
    for i in 0..40 {
        tokens.push(env.phone_login(&format!("1350000{i:04}")).await);
    }
    let mut races = JoinSet::new();
    for (i, token) in tokens.into_iter().enumerate() {
        let (resume_base, logout_base) = if i % 2 == 0 {
            (env.server.base_url(), other_base.clone())
        } else {
            (other_base.clone(), env.server.base_url())
        };
        let http = env.http.clone();
        races.spawn(async move {
            let resume = http
                .post(format!("{resume_base}/v1/auth/resume"))
                .bearer_auth(&token)
                .send();
            // Logouts start 0 to 190 ms late, so that the resume wins some races, loses
            // others, and interleaves with the logout in between.
            let delay = std::time::Duration::from_millis((i % 20) as u64 * 10);
            let logout = http
                .post(format!("{logout_base}/v1/auth/logout"))
                .bearer_auth(&token);
            let logout = async move {
                tokio::time::sleep(delay).await;
                logout.send().await
            };
            let (resume, logout) = tokio::join!(resume, logout);
            let (resume, logout) = (resume.unwrap(), logout.unwrap());
            let logout_status = logout.status().as_u16();
            let resume_status = resume.status().as_u16();
            let resumed: serde_json::Value = resume.json().await.unwrap();
            (token, logout_status, resume_status, resumed)
        });
    }
    let mut resumed_then_ended = 0;
    while let Some(race) = races.join_next().await {
        let (token, logout, resume, body) = race.unwrap();
        assert_eq!(logout, 200, "logout refused");
        assert_eq!(env.get("/v1/me", Some(&token)).await.status, 401);
        if resume == 200 {
            let minted = body["data"]["token"].as_str().unwrap();
            assert_eq!(
                env.get("/v1/me", Some(minted)).await.status,
                401,
                "the token the resume minted outlived the logout"
            );
            resumed_then_ended += 1;
        } else {
            assert_eq!((resume, body["code"].as_i64()), (401, Some(40101)));
        }
    }
    println!("{resumed_then_ended} of 40 resumes answered before their logout ended them");

    // The two orders the race can settle in, one after the other (the race above may
    // not produce both on a given machine): a logout with the token a resume has just
    // rotated away still ends the new token; a resume after the logout is refused.
    let token = env.phone_login("13500009998").await;
    let resumed = env.post("/v1/auth/resume", json!({}), Some(&token)).await;
    let minted = resumed.ok()["token"].as_str().unwrap().to_owned();
    env.post("/v1/auth/logout", json!({}), Some(&token))
        .await
        .ok();
    env.get("/v1/me", Some(&minted)).await.fails(401, 40101);
    let token = env.phone_login("13500009999").await;
    env.post("/v1/auth/logout", json!({}), Some(&token))
        .await
        .ok();
    env.post("/v1/auth/resume", json!({}), Some(&token))
        .await
        .fails(401, 40101);
}

/// Avatars are served at a random id, not the account number; ids that are not even
/// plausible get a 400 envelope, unknown ones a 404 envelope.
#[tokio::test]
async fn avatar_urls_are_random_and_not_enumerable() {
    let env = common::start().await;
    let first = env.register_by_wechat("dora", "13900139000").await;
    let second = env.register_by_wechat("erin", "13900139001").await;
    let paths: Vec<String> = [&first, &second]
        .iter()
        .map(|a| a.ok()["user"]["wechat_avatar"].as_str().unwrap().to_owned())
        .collect();
    for path in &paths {
        let id = path.strip_prefix("/v1/avatars/").unwrap();
        assert_eq!(id.len(), 32, "{path}");
        assert!(id.bytes().all(|b| b.is_ascii_alphanumeric()), "{path}");
        let image = env.http.get(env.url(path)).send().await.unwrap();
        assert_eq!(image.status(), 200);
        assert!(image.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/"));
    }
    assert_ne!(paths[0], paths[1]);
    let user_id = first.ok()["user"]["id"].as_i64().unwrap();
    env.get(&format!("/v1/avatars/{user_id}"), None)
        .await
        .fails(400, 40001);
    env.get("/v1/avatars/abc", None).await.fails(400, 40001);
    env.get(&format!("/v1/avatars/{}", "A".repeat(32)), None)
        .await
        .fails(404, 40401);
}
