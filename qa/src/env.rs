//! The world a QA run happens in: a WeChat simulator and a reference server, started
//! in-process on embedded defaults (SQLite in a temp dir, random loopback ports), or
//! already running elsewhere.

use std::net::SocketAddr;

use wxlogin_server::{CaptchaPolicy, Config, Server, ServerHandle};
use wxlogin_sim::control::ControlClient;
use wxlogin_sim::{AppConfig, SimConfig, SimHandle, Simulator};

/// The AppID the runner's devices use: the README's, so `--server URL --sim URL` works
/// against the README's own simulator and server commands without `--app-id`. The
/// embedded simulator and server share it too.
pub const APP_ID: &str = "wx0123456789abcdef";
const SECRET: &str = "qa-app-secret-not-for-production";

pub struct QaEnv {
    /// Where the server listens (the devices reach it through their own proxies).
    pub server: SocketAddr,
    pub control: ControlClient,
    /// The simulator's base URL (its control API is under `/sim/`).
    pub sim_url: String,
    /// The server as the report names it: the URL given, or the embedded one's.
    pub server_name: String,
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
            sim_url: sim.base_url(),
            server_name: format!("{} (embedded, SQLite in a temp dir)", server.base_url()),
            app_id: APP_ID.into(),
            http: reqwest::Client::new(),
            _embedded: Some(Embedded {
                _sim: sim,
                _server: server,
                _dir: dir,
            }),
        })
    }

    /// A server and simulator already running (the server with `--dev`, for captchas and
    /// the reserved QA numbers).
    ///
    /// The server must be given by its plain `http://` address: each simulated phone
    /// reaches it through its own fault proxy, which forwards TCP and cannot speak TLS
    /// on the phone's behalf.
    pub async fn external(server_url: &str, sim_url: &str, app_id: &str) -> Result<Self, String> {
        let url =
            reqwest::Url::parse(server_url).map_err(|e| format!("--server {server_url}: {e}"))?;
        if url.scheme() != "http" {
            return Err(format!(
                "--server {server_url}: give the server's plain http:// address (the \
                 runner's per-phone fault proxies forward TCP and cannot speak TLS)"
            ));
        }
        let server = url
            .socket_addrs(|| None)
            .ok()
            .and_then(|addrs| addrs.into_iter().next())
            .ok_or_else(|| format!("cannot resolve {server_url}"))?;
        Ok(Self {
            server,
            control: ControlClient::new(sim_url).map_err(|e| format!("simulator: {e}"))?,
            sim_url: sim_url.to_owned(),
            server_name: server_url.to_owned(),
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
