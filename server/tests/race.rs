//! Races on the binding rules: many requests at once, spread over two server instances
//! on one database (load balancing), must leave one identity and one phone on at most
//! one account, and every loser must get the precise conflict code.
//!
//! On PostgreSQL (`WXLOGIN_TEST_POSTGRES_URL`) the two instances have 16 connections
//! each and really interleave their transactions, and the losers meet the UNIQUE
//! constraints. On SQLite one instance takes all the requests (see `instances`): its
//! single connection serialises the transactions, and the tests check the same outcome.
//!
//! A 50-way race binding ONE phone is not possible through the API: a phone has only
//! one valid captcha per purpose at a time (a new one replaces the old) and it works
//! once, so at most one request per purpose gets past the captcha. The phone race here
//! is the one the API allows: registering by phone ("login" captcha) against a forced
//! binding of that phone ("bind" captcha), for many phones at once.

mod common;

use std::collections::BTreeMap;

use common::{Answer, Env};
use serde_json::{json, Value};
use tokio::task::JoinSet;
use wxlogin_server::ServerHandle;

const RACERS: usize = 50;

/// POSTs to one of the instances.
async fn post_to(
    http: &reqwest::Client,
    base: &str,
    path: &str,
    body: Value,
    token: Option<&str>,
) -> Answer {
    let mut request = http.post(format!("{base}{path}")).json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    Answer {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

/// Where the racing requests go, alternately: two instances on PostgreSQL; on SQLite
/// the one instance twice. Each SQLite instance is a single connection, and two of them
/// on one file make a transaction that reads then writes fail now and then with
/// "database is locked" (SQLITE_BUSY: a deferred transaction that has read cannot
/// always wait for the write lock) when they interleave; one instance per SQLite file
/// is the deployment `db.rs` assumes.
async fn instances(env: &Env) -> (Option<ServerHandle>, [String; 2]) {
    // The server's errors (a 500's cause), shown with a failing test's output.
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let first = env.server.base_url();
    if env.database_url.starts_with("sqlite:") {
        return (None, [first.clone(), first]);
    }
    let second = common::second_instance(env).await;
    let base = second.base_url();
    (Some(second), [first, base])
}

async fn pool(env: &Env) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(&env.database_url).await.unwrap()
}

/// Runs every request of `requests` at once (the requests are prepared beforehand, so
/// that they start together) and returns the answers in request order.
async fn race(
    http: &reqwest::Client,
    requests: Vec<(String, &'static str, Value, Option<String>)>,
) -> Vec<Answer> {
    let mut set = JoinSet::new();
    for (index, (base, path, body, token)) in requests.into_iter().enumerate() {
        let http = http.clone();
        set.spawn(async move {
            let answer = post_to(&http, &base, path, body, token.as_deref()).await;
            (index, answer)
        });
    }
    let mut answers: Vec<Option<Answer>> = (0..set.len()).map(|_| None).collect();
    while let Some(joined) = set.join_next().await {
        let (index, answer) = joined.expect("request task");
        answers[index] = Some(answer);
    }
    answers.into_iter().map(Option::unwrap).collect()
}

/// Checks how many answers came with each (status, code); on failure shows one body of
/// each kind.
#[track_caller]
fn assert_tally(answers: &[Answer], expected: &[((u16, i64), usize)]) {
    let mut counts = BTreeMap::new();
    let mut samples = BTreeMap::new();
    for answer in answers {
        let key = (answer.status, answer.code());
        *counts.entry(key).or_insert(0) += 1;
        samples
            .entry(key)
            .or_insert_with(|| answer.body.to_string());
    }
    let expected: BTreeMap<_, _> = expected.iter().copied().collect();
    assert_eq!(counts, expected, "answers: {samples:#?}");
}

/// The race: one WeChat identity bound to 50 different signed-in accounts at
/// once ends with exactly one binding; the 49 others are told the WeChat belongs to
/// another account.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_accounts_binding_one_wechat_end_with_one_binding() {
    let env = common::start().await;
    let (_second, bases) = instances(&env).await;

    let mut tokens = Vec::new();
    for i in 0..RACERS {
        tokens.push(env.phone_login(&format!("138000{i:05}")).await);
    }
    // Each authorization issues a new code for the same identity.
    let mut requests = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let code = env.wechat_code("racer").await;
        requests.push((
            bases[i % 2].clone(),
            "/v1/me/wechat",
            json!({ "code": code }),
            Some(token.clone()),
        ));
    }
    let answers = race(&env.http, requests).await;

    // 40903: WechatBoundToOtherAccount.
    assert_tally(&answers, &[((200, 0), 1), ((409, 40903), RACERS - 1)]);
    for answer in answers.iter().filter(|a| a.status != 200) {
        answer.fails(409, 40903);
    }
    let winner = answers.iter().position(|a| a.status == 200).unwrap();
    let user = answers[winner].ok()["user"].clone();
    let open_id = user["wechat_open_id"].as_str().unwrap().to_owned();
    assert_eq!(env.me(&tokens[winner]).await, user);
    for (i, token) in tokens.iter().enumerate().filter(|(i, _)| *i != winner) {
        let other = env.me(token).await;
        assert_eq!(other["is_bind_wechat"], false, "account {i}: {other}");
    }

    let pool = pool(&env).await;
    let holders: Vec<(i64,)> = sqlx::query_as("SELECT id FROM users WHERE wechat_open_id = $1")
        .bind(&open_id)
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(holders, [(user["id"].as_i64().unwrap(),)]);
    let (bound, total): (i64, i64) =
        sqlx::query_as("SELECT COUNT(wechat_open_id), COUNT(*) FROM users")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((bound, total), (1, RACERS as i64));
}

/// The forced binding's side of the same rule: one new WeChat identity logs in 50
/// times (50 bind tickets), and each ticket is bound to a different new phone at once.
/// Exactly one account is created with that WeChat; the 49 others are refused with
/// 40903 and create nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_bind_tickets_of_one_wechat_create_one_account() {
    let env = common::start().await;
    let (_second, bases) = instances(&env).await;

    let mut requests = Vec::new();
    for i in 0..RACERS {
        let login = env.wechat_login("newcomer").await;
        let data = login.ok();
        assert_eq!(data["is_bind"], false, "{}", login.body);
        let ticket = data["bind_ticket"].as_str().unwrap().to_owned();
        let mobile = format!("139000{i:05}");
        let captcha = env.captcha(&mobile, "bind").await;
        requests.push((
            bases[i % 2].clone(),
            "/v1/auth/wechat/bind-phone",
            json!({"bind_ticket": ticket, "mobile": mobile, "captcha": captcha}),
            None,
        ));
    }
    let answers = race(&env.http, requests).await;

    assert_tally(&answers, &[((200, 0), 1), ((409, 40903), RACERS - 1)]);
    for answer in answers.iter().filter(|a| a.status != 200) {
        answer.fails(409, 40903);
    }
    let winner = answers.iter().position(|a| a.status == 200).unwrap();
    let data = answers[winner].ok();
    let user = data["user"].clone();
    assert_eq!(user["mobile"], format!("139000{winner:05}"));
    assert_eq!(user["is_bind_wechat"], true);
    let token = data["token"].as_str().unwrap();
    assert_eq!(env.me(token).await, user);

    let pool = pool(&env).await;
    let (total, with_wechat, with_phone): (i64, i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(wechat_open_id), COUNT(mobile) FROM users")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((total, with_wechat, with_phone), (1, 1, 1));
}

/// The phone race the captcha rules allow (see the module doc): for each of 25 new
/// phones, a phone registration and a forced binding of a new WeChat to that phone run
/// at once. Whichever wins, both succeed and the phone ends on one account holding
/// that WeChat: the binding attaches the WeChat to the registered account, or the
/// registration signs in to the account the binding created.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn registering_a_phone_while_a_wechat_binds_it_ends_with_one_account() {
    const PHONES: usize = RACERS / 2;
    let env = common::start().await;
    let (_second, bases) = instances(&env).await;

    let mut requests = Vec::new();
    for i in 0..PHONES {
        let mobile = format!("137000{i:05}");
        let login = env.wechat_login(&format!("pair{i}")).await;
        let ticket = login.ok()["bind_ticket"].as_str().unwrap().to_owned();
        let bind_captcha = env.captcha(&mobile, "bind").await;
        let login_captcha = env.captcha(&mobile, "login").await;
        // Opposite instances, and alternating which request is queued first.
        let register = (
            bases[i % 2].clone(),
            "/v1/auth/phone",
            json!({"mobile": mobile, "captcha": login_captcha}),
            None,
        );
        let bind = (
            bases[(i + 1) % 2].clone(),
            "/v1/auth/wechat/bind-phone",
            json!({"bind_ticket": ticket, "mobile": mobile, "captcha": bind_captcha}),
            None,
        );
        if i % 2 == 0 {
            requests.extend([register, bind]);
        } else {
            requests.extend([bind, register]);
        }
    }
    let answers = race(&env.http, requests).await;

    assert_tally(&answers, &[((200, 0), 2 * PHONES)]);
    for pair in answers.chunks(2) {
        let [a, b] = pair else { unreachable!() };
        assert_eq!(
            a.ok()["user"]["id"],
            b.ok()["user"]["id"],
            "{} / {}",
            a.body,
            b.body
        );
    }

    let pool = pool(&env).await;
    let (total, with_wechat, with_phone): (i64, i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(wechat_open_id), COUNT(mobile) FROM users")
            .fetch_one(&pool)
            .await
            .unwrap();
    let phones = PHONES as i64;
    assert_eq!((total, with_wechat, with_phone), (phones, phones, phones));
}
