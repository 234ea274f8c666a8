//! wxlogin's reference backend: the server half of WeChat login.
//!
//! It exchanges the app's WeChat code with WeChat (the AppSecret lives here, never in the
//! app), keeps accounts under the binding rules, sends SMS captchas and issues sessions,
//! speaking the contract of `wxlogin-contract` (documented in `openapi.yaml`).
//!
//! Run it as the `wxlogin-server` binary, or embed it: [`Server::spawn`] serves on a real
//! socket and returns a handle with the address, as the tests and the QA runner do.

mod accounts;
mod avatars;
mod captcha;
pub mod config;
mod db;
mod error;
mod http;
mod passwords;
mod secrets;
mod serving;
mod sessions;
mod wechat;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use captcha::{DevSmsSender, SendFuture, SmsSender, UnconfiguredSender};
pub use config::{CaptchaPolicy, Config, ConnectionPolicy, PasswordPolicy, WebConfig};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("WeChat client: {0}")]
    Wechat(String),
    #[error("web channels: {0}")]
    Web(String),
    #[error("password hasher: {0}")]
    Passwords(String),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: String,
        source: std::io::Error,
    },
}

/// A configured server, connected to its database, not yet listening.
pub struct Server {
    state: http::AppState,
}

impl Server {
    /// Connects to the database (creating and migrating it) and prepares the WeChat
    /// client. `--dev` selects the logging SMS sender; otherwise sending fails until an
    /// [`SmsSender`] is plugged in with [`Server::with_sms_sender`].
    pub async fn new(config: Config) -> Result<Self, StartError> {
        let db = db::Db::connect(&config.database_url).await?;
        let wechat = wechat::WechatClient::new(
            &config.wechat_api_base,
            &config.wechat_app_id,
            &config.wechat_app_secret,
        )
        .map_err(|e| StartError::Wechat(e.to_string()))?;
        let sms: Arc<dyn SmsSender> = if config.dev {
            Arc::new(DevSmsSender::default())
        } else {
            Arc::new(UnconfiguredSender)
        };
        let profiles = accounts::ProfileRefresher::new(
            db.clone(),
            wechat.clone(),
            std::time::Duration::from_secs(config.wechat_deadline_s.into()),
        );
        let web = http::WebApps::from_config(&config.web, &config.wechat_api_base)
            .map_err(StartError::Web)?;
        let passwords = passwords::Passwords::new(&config.passwords)
            .await
            .map_err(StartError::Passwords)?;
        Ok(Self {
            state: http::AppState {
                db,
                wechat,
                config: Arc::new(config),
                sms,
                profiles,
                passwords,
                web: Arc::new(web),
            },
        })
    }

    pub fn with_sms_sender(mut self, sender: Arc<dyn SmsSender>) -> Self {
        self.state.sms = sender;
        self
    }

    /// Listens on the configured address and serves in the background.
    pub async fn spawn(self) -> Result<ServerHandle, StartError> {
        let addr = self.state.config.listen.clone();
        let listener = TcpListener::bind(&addr)
            .await
            .map_err(|source| StartError::Listen { addr, source })?;
        self.spawn_on(listener)
    }

    /// Serves on `listener` in the background: for an embedder that must know the
    /// address before the configuration is complete (the public URL of the web
    /// channels contains the port).
    pub fn spawn_on(self, listener: TcpListener) -> Result<ServerHandle, StartError> {
        let local = listener.local_addr().map_err(|source| StartError::Listen {
            addr: self.state.config.listen.clone(),
            source,
        })?;
        let (stop, stopped) = oneshot::channel::<()>();
        let limits = serving_limits(&self.state.config.connections);
        let app = http::router(self.state);
        let task = tokio::spawn(serving::serve(listener, app, limits, stopped));
        Ok(ServerHandle {
            addr: local,
            stop: Some(stop),
            task,
        })
    }
}

fn serving_limits(policy: &config::ConnectionPolicy) -> serving::Limits {
    let seconds = |s: u32| std::time::Duration::from_secs(u64::from(s));
    serving::Limits {
        max_connections: policy.max_connections,
        header_read_timeout: seconds(policy.header_read_timeout_s),
        body_read_timeout: seconds(policy.body_read_timeout_s),
        keep_alive_timeout: seconds(policy.keep_alive_timeout_s),
    }
}

/// A running server. Dropping it stops the server too.
pub struct ServerHandle {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl ServerHandle {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections, lets requests in flight finish, and waits.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }
}

impl Drop for ServerHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
