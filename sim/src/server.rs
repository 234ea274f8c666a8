//! Starting and stopping a simulator on a real TCP socket.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::config::SimConfig;
use crate::control::{ControlClient, ControlError};
use crate::error::SimError;
use crate::state::Shared;
use crate::{avatar, control, web, wechat};

/// A simulator, configured but not yet listening.
#[derive(Debug, Clone)]
pub struct Simulator {
    config: SimConfig,
}

impl Simulator {
    pub fn new(config: SimConfig) -> Self {
        Self { config }
    }

    /// Binds `listen` (e.g. `"127.0.0.1:0"` for any free port) and serves in the background
    /// until [`SimHandle::shutdown`] or the handle is dropped.
    pub async fn spawn(self, listen: &str) -> Result<SimHandle, SimError> {
        let bind_error = |source| SimError::Bind {
            addr: listen.to_owned(),
            source,
        };
        let listener = TcpListener::bind(listen).await.map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let base_url = base_url(addr);
        let public_url = self
            .config
            .public_url
            .as_deref()
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| base_url.clone());
        let shared = Arc::new(Shared::new(self.config, public_url));
        let (stop, stopped) = oneshot::channel::<()>();
        let server = axum::serve(listener, router(shared)).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        let task = tokio::spawn(async move { server.await });
        Ok(SimHandle {
            addr,
            base_url,
            stop: Some(stop),
            task: Some(task),
        })
    }
}

/// Every route: WeChat's API, its authorization pages, the avatar images, and the control API.
fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .merge(wechat::router())
        .merge(control::router())
        .merge(web::router())
        .route("/avatar/{user}/{version}/{size}", get(avatar::handle))
        .with_state(shared)
}

/// A URL clients can reach: a wildcard bind address is reached through loopback.
fn base_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

/// A running simulator. Dropping it stops the server too (without waiting).
#[derive(Debug)]
pub struct SimHandle {
    addr: SocketAddr,
    base_url: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl SimHandle {
    /// `http://IP:PORT`, to use in place of `https://api.weixin.qq.com`.
    pub fn base_url(&self) -> String {
        self.base_url.clone()
    }

    /// The bound socket address (the real port when `:0` was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A control API client for this simulator.
    pub fn control(&self) -> Result<ControlClient, ControlError> {
        ControlClient::new(&self.base_url)
    }

    /// Stops accepting, lets in-flight calls finish, and waits for the server to end.
    pub async fn shutdown(mut self) -> Result<(), SimError> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => match task.await {
                Ok(served) => served.map_err(|e| SimError::Serve(e.to_string())),
                Err(joined) => Err(SimError::Serve(joined.to_string())),
            },
            None => Ok(()),
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_binds_are_reached_through_loopback() {
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert_eq!(base_url(any), "http://127.0.0.1:8080");
        let v6: SocketAddr = "[::]:8080".parse().unwrap();
        assert_eq!(base_url(v6), "http://[::1]:8080");
    }
}
