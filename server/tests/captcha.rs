//! SMS captcha rules: expiry, single use, purpose, brute force, cooldown, rate limits,
//! storage, and state shared by server instances.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{loose_captchas, start, start_with};
use serde_json::json;
use wxlogin_server::{CaptchaPolicy, SendFuture, Server, ServerHandle, SmsSender};

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

/// Rows of the limits older than the hour (and the cooldown) are swept away, so the
/// tables do not grow with every phone and address ever seen.
#[tokio::test]
async fn old_rate_limit_rows_are_swept() {
    let env = start().await;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&env.database_url).await.unwrap();
    let long_ago = 1_000_000_i64;
    for bucket in ["phone:13700137099", "ip:192.0.2.1"] {
        sqlx::query("INSERT INTO rate_buckets (bucket, last_at) VALUES ($1, $2)")
            .bind(bucket)
            .bind(long_ago)
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO rate_events (bucket, at) VALUES ($1, $2)")
            .bind(bucket)
            .bind(long_ago)
            .execute(&pool)
            .await
            .unwrap();
    }
    env.captcha(PHONE, "login").await;
    let (old_buckets,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM rate_buckets WHERE last_at = $1")
            .bind(long_ago)
            .fetch_one(&pool)
            .await
            .unwrap();
    let (old_events,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM rate_events WHERE at = $1")
        .bind(long_ago)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((old_buckets, old_events), (0, 0));
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

/// The SMS provider of the limit tests: counts the calls that reach it and the SMS it
/// really sends, fails the first `failures` calls, and takes a little while, as a
/// provider's HTTP call does (which widens any gap between checking a limit and
/// recording the send).
#[derive(Default)]
struct CountingSender {
    calls: AtomicUsize,
    sent: AtomicUsize,
    failures: AtomicUsize,
}

impl CountingSender {
    fn failing_first(failures: usize) -> Arc<Self> {
        Arc::new(Self {
            failures: AtomicUsize::new(failures),
            ..Self::default()
        })
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    fn sent(&self) -> usize {
        self.sent.load(Ordering::SeqCst)
    }
}

impl SmsSender for CountingSender {
    fn send<'a>(&'a self, _mobile: &'a str, _captcha: &'a str) -> SendFuture<'a> {
        Box::pin(async move {
            self.calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            let failed = self
                .failures
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if failed {
                return Err("provider down".to_owned());
            }
            self.sent.fetch_add(1, Ordering::SeqCst);
            Ok(())
        })
    }
}

async fn with_sender(policy: CaptchaPolicy, sender: &Arc<CountingSender>) -> common::Env {
    let sender: Arc<dyn SmsSender> = sender.clone();
    common::start_with_sender(|c| c.captcha = policy, Some(sender)).await
}

/// `POST /v1/captcha` for each phone, all at once, alternately to each of `bases`; the
/// answers' (status, code) tally.
async fn request_at_once(
    env: &common::Env,
    bases: &[String],
    phones: &[String],
) -> BTreeMap<(u16, i64), usize> {
    let mut set = tokio::task::JoinSet::new();
    for (i, mobile) in phones.iter().enumerate() {
        let request = env
            .http
            .post(format!("{}/v1/captcha", bases[i % bases.len()]))
            .json(&json!({"mobile": mobile, "purpose": "login"}));
        set.spawn(async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let body: serde_json::Value = response.json().await.unwrap();
            (status, body["code"].as_i64().unwrap_or(-1))
        });
    }
    let mut tally = BTreeMap::new();
    for answer in set.join_all().await {
        *tally.entry(answer).or_insert(0) += 1;
    }
    tally
}

/// Where a burst goes: on PostgreSQL two instances sharing the database and the SMS
/// provider, as behind a load balancer; on SQLite the one instance (one instance per
/// SQLite file is the deployment the server assumes).
async fn instances(
    env: &common::Env,
    sender: &Arc<CountingSender>,
) -> (Option<ServerHandle>, Vec<String>) {
    let first = env.server.base_url();
    if env.database_url.starts_with("sqlite:") {
        return (None, vec![first]);
    }
    let sender: Arc<dyn SmsSender> = sender.clone();
    let second = Server::new(env.config.clone())
        .await
        .unwrap()
        .with_sms_sender(sender)
        .spawn()
        .await
        .unwrap();
    let base = second.base_url();
    (Some(second), vec![first, base])
}

/// SMS bombing: 50 simultaneous requests for one phone send exactly one SMS; the other
/// 49 are told to wait for the cooldown.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_simultaneous_requests_for_one_phone_send_one_sms() {
    let sender = Arc::new(CountingSender::default());
    let env = with_sender(CaptchaPolicy::default(), &sender).await;
    let (_second, bases) = instances(&env, &sender).await;
    let tally = request_at_once(&env, &bases, &vec![PHONE.to_owned(); 50]).await;
    assert_eq!(sender.sent(), 1, "SMS sent; answers {tally:?}");
    assert_eq!(tally, BTreeMap::from([((200, 0), 1), ((429, 42901), 49)]));
}

/// Without a cooldown, the per-phone hourly cap holds under the same burst.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_hourly_cap_of_a_phone_holds_under_a_burst() {
    let sender = Arc::new(CountingSender::default());
    let policy = CaptchaPolicy {
        cooldown_s: 0,
        per_phone_hour: 5,
        ..loose_captchas()
    };
    let env = with_sender(policy, &sender).await;
    let (_second, bases) = instances(&env, &sender).await;
    let tally = request_at_once(&env, &bases, &vec![PHONE.to_owned(); 50]).await;
    assert_eq!(sender.sent(), 5, "SMS sent; answers {tally:?}");
    assert_eq!(tally, BTreeMap::from([((200, 0), 5), ((429, 42903), 45)]));
}

/// 50 phones from one address at once: the address's hourly cap holds.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_hourly_cap_of_an_address_holds_under_a_burst() {
    let sender = Arc::new(CountingSender::default());
    let policy = CaptchaPolicy {
        per_ip_hour: 20,
        ..loose_captchas()
    };
    let env = with_sender(policy, &sender).await;
    let phones: Vec<String> = (0..50).map(|i| format!("137001{i:05}")).collect();
    let (_second, bases) = instances(&env, &sender).await;
    let tally = request_at_once(&env, &bases, &phones).await;
    assert_eq!(sender.sent(), 20, "SMS sent; answers {tally:?}");
    assert_eq!(tally, BTreeMap::from([((200, 0), 20), ((429, 42903), 30)]));
}

async fn request_captcha(env: &common::Env, mobile: &str) -> common::Answer {
    env.post(
        "/v1/captcha",
        json!({"mobile": mobile, "purpose": "login"}),
        None,
    )
    .await
}

/// A captcha the provider failed to send does not use up the phone's hourly quota: after
/// five failures the phone still gets its five SMS.
#[tokio::test]
async fn failed_sends_do_not_use_up_the_quota_of_the_phone() {
    let sender = CountingSender::failing_first(5);
    let policy = CaptchaPolicy {
        cooldown_s: 0,
        per_phone_hour: 5,
        ..loose_captchas()
    };
    let env = with_sender(policy, &sender).await;
    for _ in 0..5 {
        request_captcha(&env, PHONE).await.fails(500, 50001);
    }
    for _ in 0..5 {
        request_captcha(&env, PHONE).await.ok();
    }
    request_captcha(&env, PHONE).await.fails(429, 42903);
    assert_eq!((sender.calls(), sender.sent()), (10, 5));
}

/// A failing provider is not hammered: a failed attempt still holds the phone's
/// cooldown, and counts against the address's limit, so retries are refused before
/// they reach the provider.
#[tokio::test]
async fn a_failing_provider_is_called_within_the_cooldown_and_the_address_limit() {
    let sender = CountingSender::failing_first(usize::MAX);
    let policy = CaptchaPolicy {
        cooldown_s: 60,
        per_ip_hour: 3,
        ..loose_captchas()
    };
    let env = with_sender(policy, &sender).await;
    request_captcha(&env, PHONE).await.fails(500, 50001);
    request_captcha(&env, PHONE).await.fails(429, 42901);
    assert_eq!(sender.calls(), 1, "the cooldown kept the retry away");
    for mobile in ["13700137021", "13700137022"] {
        request_captcha(&env, mobile).await.fails(500, 50001);
    }
    request_captcha(&env, "13700137023").await.fails(429, 42903);
    assert_eq!(sender.calls(), 3, "the address limit kept the fourth away");
}
