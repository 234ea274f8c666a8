//! One test environment: a WeChat simulator and a wxlogin-server on real loopback
//! sockets, over a fresh database.
//!
//! The database is a SQLite file in a temp dir, or, when `WXLOGIN_TEST_POSTGRES_URL`
//! names a PostgreSQL server (an admin URL such as `postgres://wxlogin@127.0.0.1/postgres`),
//! a fresh database created on it for this test. `scripts/test.sh` runs the suite both ways.

#![allow(dead_code)]

use std::sync::Arc;

use serde_json::{json, Value};
use sqlx::Connection;
use wxlogin_server::{CaptchaPolicy, Config, Server, ServerHandle, SmsSender};
use wxlogin_sim::control::{Calls, ControlClient, Scope};
use wxlogin_sim::{AppConfig, SimConfig, SimHandle, Simulator};

pub const APP_ID: &str = "wx0123456789abcdef";
pub const SECRET: &str = "test-app-secret-0123456789";

pub struct Env {
    pub sim: SimHandle,
    pub control: ControlClient,
    pub server: ServerHandle,
    pub http: reqwest::Client,
    pub database_url: String,
    /// The configuration the server runs with; a second instance gets the same.
    pub config: Config,
    _dir: tempfile::TempDir,
}

/// Captcha limits loose enough that tests can ask for many captchas; the captcha tests
/// tighten them.
pub fn loose_captchas() -> CaptchaPolicy {
    CaptchaPolicy {
        cooldown_s: 0,
        per_phone_hour: 1000,
        per_ip_hour: 10000,
        ..CaptchaPolicy::default()
    }
}

pub async fn fresh_database(dir: &tempfile::TempDir) -> String {
    match std::env::var("WXLOGIN_TEST_POSTGRES_URL") {
        Ok(admin) if !admin.is_empty() => {
            let name = format!("wxt_{}", random_suffix());
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let base = admin
                .rsplit_once('/')
                .map(|(base, _)| base)
                .unwrap_or(&admin);
            format!("{base}/{name}")
        }
        _ => format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("wxlogin.db").display()
        ),
    }
}

fn random_suffix() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{:x}{:x}", nanos, std::process::id())
}

pub async fn start() -> Env {
    start_with(|config| config.captcha = loose_captchas()).await
}

pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Env {
    start_with_sender(tweak, None).await
}

/// As [`start_with`], with `sender` as the SMS provider instead of the dev sender (tests
/// that count the SMS really sent, or make the provider fail).
pub async fn start_with_sender(
    tweak: impl FnOnce(&mut Config),
    sender: Option<Arc<dyn SmsSender>>,
) -> Env {
    let sim = Simulator::new(SimConfig::default().with_app(AppConfig::new(APP_ID, SECRET, "acme")))
        .spawn("127.0.0.1:0")
        .await
        .expect("start simulator");
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(&dir).await;
    let mut config = Config::for_testing(&database_url, &sim.base_url(), APP_ID, SECRET);
    tweak(&mut config);
    let mut server = Server::new(config.clone()).await.expect("start server");
    if let Some(sender) = sender {
        server = server.with_sms_sender(sender);
    }
    let server = server.spawn().await.expect("listen");
    let control = sim.control().unwrap();
    Env {
        sim,
        control,
        server,
        http: reqwest::Client::new(),
        database_url,
        config,
        _dir: dir,
    }
}

/// A second server instance with the same configuration, database and simulator, as
/// behind a load balancer.
pub async fn second_instance(env: &Env) -> ServerHandle {
    Server::new(env.config.clone())
        .await
        .unwrap()
        .spawn()
        .await
        .unwrap()
}

/// An HTTP answer: status and parsed body (`Value::Null` when not JSON).
pub struct Answer {
    pub status: u16,
    pub body: Value,
}

impl Answer {
    pub fn code(&self) -> i64 {
        self.body["code"].as_i64().unwrap_or(-1)
    }

    pub fn data(&self) -> &Value {
        &self.body["data"]
    }

    #[track_caller]
    pub fn ok(&self) -> &Value {
        assert_eq!((self.status, self.code()), (200, 0), "{}", self.body);
        self.data()
    }

    #[track_caller]
    pub fn fails(&self, status: u16, code: i64) {
        assert_eq!((self.status, self.code()), (status, code), "{}", self.body);
        assert!(
            self.body["msg"].as_str().is_some_and(|m| !m.is_empty()),
            "{}",
            self.body
        );
    }
}

impl Env {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url())
    }

    pub async fn post(&self, path: &str, body: Value, token: Option<&str>) -> Answer {
        let mut request = self.http.post(self.url(path)).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        answer(request.send().await.expect("request")).await
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        let mut request = self.http.get(self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        answer(request.send().await.expect("request")).await
    }

    /// The WeChat app: `user` taps "allow" in the mobile-app flow.
    pub async fn wechat_code(&self, user: &str) -> String {
        self.control
            .authorize(APP_ID, user, Scope::SnsapiUserinfo)
            .await
            .unwrap()
    }

    /// Requests a captcha and reads it back from the dev SMS endpoint.
    pub async fn captcha(&self, mobile: &str, purpose: &str) -> String {
        self.post(
            "/v1/captcha",
            json!({"mobile": mobile, "purpose": purpose}),
            None,
        )
        .await
        .ok();
        let sms = self.get(&format!("/dev/sms?mobile={mobile}"), None).await;
        sms.body["captcha"].as_str().expect("dev sms").to_owned()
    }

    pub async fn wechat_login(&self, user: &str) -> Answer {
        let code = self.wechat_code(user).await;
        self.post("/v1/auth/wechat", json!({ "code": code }), None)
            .await
    }

    /// WeChat login of a new identity followed by the forced phone binding; the token.
    pub async fn register_by_wechat(&self, user: &str, mobile: &str) -> Answer {
        let login = self.wechat_login(user).await;
        let data = login.ok();
        assert_eq!(data["is_bind"], false, "{}", login.body);
        let ticket = data["bind_ticket"].as_str().unwrap().to_owned();
        let captcha = self.captcha(mobile, "bind").await;
        self.post(
            "/v1/auth/wechat/bind-phone",
            json!({"bind_ticket": ticket, "mobile": mobile, "captcha": captcha}),
            None,
        )
        .await
    }

    /// A user registered by WeChat login and the forced phone binding; the session token.
    pub async fn bound_user(&self, user: &str, mobile: &str) -> String {
        self.register_by_wechat(user, mobile).await.ok()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    pub async fn phone_login(&self, mobile: &str) -> String {
        let captcha = self.captcha(mobile, "login").await;
        let answer = self
            .post(
                "/v1/auth/phone",
                json!({"mobile": mobile, "captcha": captcha}),
                None,
            )
            .await;
        answer.ok()["token"].as_str().unwrap().to_owned()
    }

    pub async fn bind_wechat(&self, token: &str, user: &str) -> Answer {
        let code = self.wechat_code(user).await;
        self.post("/v1/me/wechat", json!({ "code": code }), Some(token))
            .await
    }

    pub async fn me(&self, token: &str) -> Value {
        self.get("/v1/me", Some(token)).await.ok()["user"].clone()
    }
}

/// The simulator's call counters once `done` holds for them (work the server does after
/// answering, such as a returning user's profile refresh), or a failure after 10 s.
pub async fn settled_calls(env: &Env, done: impl Fn(&Calls) -> bool) -> Calls {
    for _ in 0..200 {
        let calls = env.control.calls().await.unwrap();
        if done(&calls) {
            // Let anything else in flight land, then read again.
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            return env.control.calls().await.unwrap();
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "the expected WeChat calls never came: {:?}",
        env.control.calls().await.unwrap()
    );
}

/// The base URL a `wxlogin-server` child process prints on its ready line.
pub fn ready_url(child: &mut std::process::Child) -> String {
    use std::io::BufRead;
    let stdout = child.stdout.take().expect("stdout piped");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    line.trim()
        .strip_prefix("wxlogin-server listening on ")
        .unwrap_or_else(|| panic!("no ready line: {line:?}"))
        .to_owned()
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    Answer {
        status,
        body: serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

/// The website app and the official account of the web-channel tests, on the same
/// open-platform account as [`APP_ID`].
pub const WEBSITE_APP_ID: &str = "wxweb0123456789abc";
pub const WEBSITE_SECRET: &str = "test-website-secret-0123456789";
pub const OA_APP_ID: &str = "wxoa01234567890abc";
pub const OA_SECRET: &str = "test-oa-secret-0123456789";

/// A simulator knowing the mobile app, the website app and the official account (the
/// same open-platform account), and a server with all three, its public URL its own
/// loopback address.
pub async fn start_web() -> Env {
    start_web_with(|sim| sim).await
}

/// As [`start_web`], with the simulator's configuration changed by `tweak_sim`.
pub async fn start_web_with(tweak_sim: impl FnOnce(SimConfig) -> SimConfig) -> Env {
    let sim_config = SimConfig::default()
        .with_app(AppConfig::new(APP_ID, SECRET, "acme"))
        .with_app(
            AppConfig::website(WEBSITE_APP_ID, WEBSITE_SECRET, "127.0.0.1").with_account("acme"),
        )
        .with_app(
            AppConfig::official_account(OA_APP_ID, OA_SECRET, "127.0.0.1").with_account("acme"),
        );
    let sim = Simulator::new(tweak_sim(sim_config))
        .spawn("127.0.0.1:0")
        .await
        .expect("start simulator");
    let dir = tempfile::tempdir().unwrap();
    let database_url = fresh_database(&dir).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let public_url = format!("http://{}", listener.local_addr().unwrap());
    let mut config = Config::for_testing(&database_url, &sim.base_url(), APP_ID, SECRET);
    config.captcha = loose_captchas();
    config.web.public_url = Some(public_url);
    config.web.wechat_web_base = sim.base_url();
    config.web.website_app_id = Some(WEBSITE_APP_ID.into());
    config.web.website_app_secret = Some(WEBSITE_SECRET.into());
    config.web.oa_app_id = Some(OA_APP_ID.into());
    config.web.oa_app_secret = Some(OA_SECRET.into());
    config.web.mp_verify_token = Some("LZajyYxePcus2bkd".into());
    let server = Server::new(config.clone())
        .await
        .expect("start server")
        .spawn_on(listener)
        .expect("serve");
    let control = sim.control().unwrap();
    Env {
        sim,
        control,
        server,
        http: reqwest::Client::new(),
        database_url,
        config,
        _dir: dir,
    }
}
