//! The world a QA run happens in: a WeChat simulator and a reference server, started
//! in-process on embedded defaults (SQLite in a temp dir, random loopback ports, the
//! mobile app plus a website app and an official account for the web section), or
//! already running elsewhere.

use std::net::SocketAddr;

use wxlogin_server::{CaptchaPolicy, Config, Server, ServerHandle, WebConfig};
use wxlogin_sim::control::ControlClient;
use wxlogin_sim::{AppConfig, SimConfig, SimHandle, Simulator};

/// The AppID the runner's devices use: the README's, so `--server URL --sim URL` works
/// against the README's own simulator and server commands without `--app-id`. The
/// embedded simulator and server share it too.
pub const APP_ID: &str = "wx0123456789abcdef";
const SECRET: &str = "qa-app-secret-not-for-production";
/// The embedded web apps: a website app and an official account of the same
/// open-platform account as the mobile app, on the loopback domain.
const WEBSITE_APP: (&str, &str) = ("wxQaWebsite00001", "qa-website-secret-not-for-production");
const OFFICIAL_ACCOUNT: (&str, &str) = ("wxQaOfficial0001", "qa-oa-secret-not-for-production");
const WEB_DOMAIN: &str = "127.0.0.1";
const MP_VERIFY_TOKEN: &str = "QaVerify0123456789";

pub struct QaEnv {
    /// Where the server listens (the devices reach it through their own proxies).
    pub server: SocketAddr,
    pub control: ControlClient,
    /// The simulator's base URL (its control API is under `/sim/`).
    pub sim_url: String,
    /// The server as the report names it: the URL given, or the embedded one's.
    pub server_name: String,
    pub app_id: String,
    /// The official account's domain-verification token the server serves, when known.
    pub mp_verify_token: Option<String>,
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
        let apps = SimConfig::default()
            .with_app(AppConfig::new(APP_ID, SECRET, "qa"))
            .with_app(
                AppConfig::website(WEBSITE_APP.0, WEBSITE_APP.1, WEB_DOMAIN).with_account("qa"),
            )
            .with_app(
                AppConfig::official_account(OFFICIAL_ACCOUNT.0, OFFICIAL_ACCOUNT.1, WEB_DOMAIN)
                    .with_account("qa"),
            );
        let sim = Simulator::new(apps)
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
        // The callbacks' redirect_uri names the server's port, so it is chosen first.
        let port = free_port().map_err(|e| format!("a free port: {e}"))?;
        config.listen = format!("127.0.0.1:{port}");
        config.web = WebConfig {
            public_url: Some(format!("http://127.0.0.1:{port}")),
            wechat_web_base: sim.base_url(),
            website_app_id: Some(WEBSITE_APP.0.into()),
            website_app_secret: Some(WEBSITE_APP.1.into()),
            oa_app_id: Some(OFFICIAL_ACCOUNT.0.into()),
            oa_app_secret: Some(OFFICIAL_ACCOUNT.1.into()),
            mp_verify_token: Some(MP_VERIFY_TOKEN.into()),
            ..config.web
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
            mp_verify_token: Some(MP_VERIFY_TOKEN.into()),
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
    pub async fn external(
        server_url: &str,
        sim_url: &str,
        app_id: &str,
        mp_verify_token: Option<&str>,
    ) -> Result<Self, String> {
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
            mp_verify_token: mp_verify_token.map(String::from),
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

/// A loopback port nothing listens on right now (the OS's pick).
fn free_port() -> std::io::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}
