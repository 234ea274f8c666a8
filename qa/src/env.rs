//! The world a QA run happens in: a WeChat simulator and a reference server, started
//! in-process on embedded defaults (SQLite in a temp dir, random loopback ports), or
//! already running elsewhere.

use std::net::SocketAddr;

use wxlogin_server::{CaptchaPolicy, Config, Server, ServerHandle};
use wxlogin_sim::control::ControlClient;
use wxlogin_sim::{AppConfig, SimConfig, SimHandle, Simulator};

/// The AppID and AppSecret the embedded simulator and server share.
pub const APP_ID: &str = "wx5eed0a11c0ffee18";
const SECRET: &str = "qa-app-secret-not-for-production";

pub struct QaEnv {
    /// Where the server listens (the devices reach it through their own proxies).
    pub server: SocketAddr,
    pub control: ControlClient,
    pub app_id: String,
    pub http: reqwest::Client,
    _embedded: Option<Embedded>,
}

struct Embedded {
    _sim: SimHandle,
    _server: ServerHandle,
    _dir: tempfile::TempDir,
}

impl QaEnv {
    /// Simulator and server in this process. Captcha limits are loosened (no cooldown)
    /// so that the cases can run back to back; the limits have their own server tests.
    pub async fn embedded() -> Result<Self, String> {
        let sim =
            Simulator::new(SimConfig::default().with_app(AppConfig::new(APP_ID, SECRET, "qa")))
                .spawn("127.0.0.1:0")
                .await
                .map_err(|e| format!("simulator: {e}"))?;
        let dir = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
        let database = format!("sqlite://{}?mode=rwc", dir.path().join("qa.db").display());
        let mut config = Config::for_testing(&database, &sim.base_url(), APP_ID, SECRET);
        config.captcha = CaptchaPolicy {
            cooldown_s: 0,
            per_phone_hour: 10_000,
            per_ip_hour: 100_000,
            ..CaptchaPolicy::default()
        };
        let server = Server::new(config)
            .await
            .map_err(|e| format!("server: {e}"))?
            .spawn()
            .await
            .map_err(|e| format!("server: {e}"))?;
        let control = sim
            .control()
            .map_err(|e| format!("simulator control: {e}"))?;
        Ok(Self {
            server: server.addr(),
            control,
            app_id: APP_ID.into(),
            http: reqwest::Client::new(),
            _embedded: Some(Embedded {
                _sim: sim,
                _server: server,
                _dir: dir,
            }),
        })
    }

    /// A server and simulator already running (the server with `--dev`, for captchas).
    pub async fn external(server_url: &str, sim_url: &str, app_id: &str) -> Result<Self, String> {
        let server = reqwest::Url::parse(server_url)
            .ok()
            .and_then(|u| u.socket_addrs(|| None).ok())
            .and_then(|addrs| addrs.into_iter().next())
            .ok_or_else(|| format!("cannot resolve {server_url}"))?;
        Ok(Self {
            server,
            control: ControlClient::new(sim_url).map_err(|e| format!("simulator: {e}"))?,
            app_id: app_id.into(),
            http: reqwest::Client::new(),
            _embedded: None,
        })
    }

    pub fn server_url(&self) -> String {
        format!("http://{}", self.server)
    }

    /// The captcha the dev SMS sender "sent" to `mobile` (what the tester reads on the
    /// phone).
    pub async fn last_sms(&self, mobile: &str) -> Result<String, String> {
        let answer: serde_json::Value = self
            .http
            .get(format!("{}/dev/sms?mobile={mobile}", self.server_url()))
            .send()
            .await
            .map_err(|e| format!("dev sms: {e}"))?
            .json()
            .await
            .map_err(|e| format!("dev sms: {e}"))?;
        answer["captcha"]
            .as_str()
            .map(String::from)
            .ok_or_else(|| format!("no SMS for {mobile}: {answer}"))
    }

    /// Creates a password account through the dev endpoint (case 9 needs one).
    pub async fn create_password_account(
        &self,
        account: &str,
        password: &str,
    ) -> Result<(), String> {
        let response = self
            .http
            .post(format!("{}/dev/accounts", self.server_url()))
            .json(&serde_json::json!({"account": account, "password": password}))
            .send()
            .await
            .map_err(|e| format!("dev accounts: {e}"))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("dev accounts: HTTP {}", response.status()))
        }
    }
}
