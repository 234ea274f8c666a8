//! Crash loop: the real `wxlogin-server` binary under bind load, killed with SIGKILL in
//! the middle of it, several rounds, restarted on the same database each time. After
//! every crash the database must hold no account with a WeChat binding and no grant
//! (resume re-checks the grant; without one it skipped the check), and after the last
//! one, resume must ask accounts whose WeChat authorization was revoked to authorize
//! again.
//!
//! The database is a SQLite file, or a fresh PostgreSQL database when
//! `WXLOGIN_TEST_POSTGRES_URL` is set (see `common::fresh_database`).

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use wxlogin_sim::control::{ControlClient, Scope};
use wxlogin_sim::{AppConfig, SimConfig, Simulator};

const ROUNDS: usize = 8;
const WORKERS: usize = 24;

/// The server binary on `database`, in dev mode with captcha limits out of the way; its
/// base URL once it printed its ready line. Its logs go to `log`.
fn start_server(database: &str, sim: &str, log: &Path) -> (Child, String) {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxlogin-server"))
        .args(["--listen", "127.0.0.1:0", "--database-url", database])
        .args(["--wechat-api-base", sim, "--wechat-app-id", common::APP_ID])
        .args(["--wechat-app-secret", common::SECRET, "--dev"])
        .env("WXLOGIN_CAPTCHA_COOLDOWN_S", "0")
        .env("WXLOGIN_CAPTCHA_PER_PHONE_HOUR", "1000")
        .env("WXLOGIN_CAPTCHA_PER_IP_HOUR", "1000000")
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = common::ready_url(&mut child);
    (child, base)
}

/// One client of the load: it binds new WeChat identities, alternately by the forced
/// phone binding and by `POST /v1/me/wechat` after a phone login, until `stop`.
struct Worker {
    http: reqwest::Client,
    control: ControlClient,
    base: String,
    next: Arc<AtomicUsize>,
    /// (WeChat user, session token) of every binding that answered.
    bound: Arc<Mutex<Vec<(String, String)>>>,
    /// The last failure, shown when the load bound too little.
    failure: Arc<Mutex<Option<String>>>,
}

impl Worker {
    async fn run(self, stop: Arc<AtomicBool>) {
        // Staggered starts, so that the workers' binds do not all land at one moment.
        tokio::time::sleep(jitter(0, 500)).await;
        while !stop.load(Ordering::Relaxed) {
            let n = self.next.fetch_add(1, Ordering::Relaxed);
            let user = format!("crash-{n}");
            let mobile = format!("139{n:08}");
            let bound = if n % 2 == 0 {
                self.bind_by_ticket(&user, &mobile).await
            } else {
                self.bind_to_phone_account(&user, &mobile).await
            };
            // Errors are expected: the server is killed under the requests.
            match bound {
                Ok(token) => self.bound.lock().unwrap().push((user, token)),
                Err(err) => *self.failure.lock().unwrap() = Some(err),
            }
        }
    }

    async fn post(&self, path: &str, body: Value, token: Option<&str>) -> Result<Value, String> {
        let mut request = self.http.post(format!("{}{path}", self.base)).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        let body: Value = response.json().await.map_err(|e| e.to_string())?;
        if body["code"] == 0 {
            Ok(body["data"].clone())
        } else {
            Err(format!("{path}: {body}"))
        }
    }

    async fn captcha(&self, mobile: &str, purpose: &str) -> Result<String, String> {
        self.post(
            "/v1/captcha",
            json!({"mobile": mobile, "purpose": purpose}),
            None,
        )
        .await?;
        let sms: Value = self
            .http
            .get(format!("{}/dev/sms?mobile={mobile}", self.base))
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        text(&sms["captcha"])
    }

    async fn code(&self, user: &str) -> Result<String, String> {
        self.control
            .authorize(common::APP_ID, user, Scope::SnsapiUserinfo)
            .await
            .map_err(|e| e.to_string())
    }

    async fn bind_by_ticket(&self, user: &str, mobile: &str) -> Result<String, String> {
        let code = self.code(user).await?;
        let login = self
            .post("/v1/auth/wechat", json!({ "code": code }), None)
            .await?;
        let ticket = text(&login["bind_ticket"])?;
        let captcha = self.captcha(mobile, "bind").await?;
        let session = self
            .post(
                "/v1/auth/wechat/bind-phone",
                json!({"bind_ticket": ticket, "mobile": mobile, "captcha": captcha}),
                None,
            )
            .await?;
        text(&session["token"])
    }

    async fn bind_to_phone_account(&self, user: &str, mobile: &str) -> Result<String, String> {
        let captcha = self.captcha(mobile, "login").await?;
        let session = self
            .post(
                "/v1/auth/phone",
                json!({"mobile": mobile, "captcha": captcha}),
                None,
            )
            .await?;
        let token = text(&session["token"])?;
        let code = self.code(user).await?;
        self.post("/v1/me/wechat", json!({ "code": code }), Some(&token))
            .await?;
        Ok(token)
    }
}

fn text(value: &Value) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("not a string: {value}"))
}

/// A pseudo-random delay in `[from, from + spread)` ms, different every call.
fn jitter(from: u64, spread: u64) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    Duration::from_millis(from + u64::from(nanos) % spread)
}

/// (accounts with a WeChat, of which without a grant).
async fn half_bound(database: &str) -> (i64, i64) {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(database).await.unwrap();
    let counts: (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN g.user_id IS NULL THEN 1 ELSE 0 END), 0) \
         FROM users u LEFT JOIN wechat_grants g ON g.user_id = u.id \
         WHERE u.wechat_open_id IS NOT NULL OR u.wechat_union_id IS NOT NULL",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    pool.close().await;
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_the_server_during_binds_leaves_no_account_half_bound() {
    let sim = Simulator::new(SimConfig::default().with_app(AppConfig::new(
        common::APP_ID,
        common::SECRET,
        "acme",
    )))
    .spawn("127.0.0.1:0")
    .await
    .unwrap();
    let control = sim.control().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let database = common::fresh_database(&dir).await;
    let log = dir.path().join("server.log");
    let next = Arc::new(AtomicUsize::new(0));
    let bound = Arc::new(Mutex::new(Vec::new()));
    let failure = Arc::new(Mutex::new(None));

    let mut report = Vec::new();
    for round in 1..=ROUNDS {
        let (mut child, base) = start_server(&database, &sim.base_url(), &log);
        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = tokio::task::JoinSet::new();
        for _ in 0..WORKERS {
            let worker = Worker {
                http: reqwest::Client::new(),
                control: control.clone(),
                base: base.clone(),
                next: next.clone(),
                bound: bound.clone(),
                failure: failure.clone(),
            };
            workers.spawn(worker.run(stop.clone()));
        }
        // Kill once binds are flowing (however slow the machine), at a random moment.
        let before = bound.lock().unwrap().len();
        for _ in 0..200 {
            if bound.lock().unwrap().len() >= before + 3 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        tokio::time::sleep(jitter(0, 700)).await;
        child.kill().unwrap();
        child.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        workers.join_all().await;

        let (with_wechat, without_grant) = half_bound(&database).await;
        report.push(format!(
            "round {round}: {with_wechat} accounts with a WeChat, {without_grant} without a grant"
        ));
        assert_eq!(
            without_grant,
            0,
            "half-bound accounts after a crash:\n{}",
            report.join("\n")
        );
    }
    let bound = bound.lock().unwrap().clone();
    eprintln!(
        "{}\n{} bindings answered in {ROUNDS} rounds",
        report.join("\n"),
        bound.len()
    );
    assert!(
        bound.len() >= 3 * ROUNDS,
        "the load bound too little to mean anything; last failure: {:?}",
        failure.lock().unwrap()
    );

    // Every account still re-checks its WeChat on resume: revoked means authorize again.
    let (mut child, base) = start_server(&database, &sim.base_url(), &log);
    let http = reqwest::Client::new();
    for (user, token) in bound.iter().step_by((bound.len() / 8).max(1)) {
        control.revoke(user, common::APP_ID).await.unwrap();
        let answer: Value = http
            .post(format!("{base}/v1/auth/resume"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(answer["code"], 40103, "resume of {user}: {answer}");
    }
    child.kill().unwrap();
    child.wait().unwrap();
}
