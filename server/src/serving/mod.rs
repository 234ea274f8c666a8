//! Serving HTTP/1 connections with limits: at most `max_connections` at once, and a
//! deadline on every phase where the server waits for the client (headers, body, the
//! idle time between requests). `axum::serve` has none of these; a client that opens a
//! connection and sends nothing, or half a request, would hold a socket (and a file
//! descriptor) forever, and a thousand of them take the process down.
//!
//! The deadlines follow Go's `http.Server`: a new connection has `header_read_timeout`
//! to deliver its first request's headers; after an answer, `keep_alive_timeout` for
//! the next request to start, then `header_read_timeout` for its headers once its first
//! byte arrived; a request body has `body_read_timeout` from the end of its headers.
//! While a handler works on a request no deadline runs here (the handlers bound their
//! own outbound calls).

mod body;
mod clock;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, watch, OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;

pub use body::is_body_timeout;
use body::{DeadlineBody, TrackedBody};
use clock::{ConnectionClock, Watched};

/// How many connections, and how long the server waits for each phase of a request.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub header_read_timeout: Duration,
    pub body_read_timeout: Duration,
    pub keep_alive_timeout: Duration,
}

/// Accepts and serves until `stop` fires, then lets requests in flight finish (idle
/// connections close at once) and returns when every connection is closed.
///
/// At `max_connections` the server stops accepting: new connections wait in the
/// kernel's listen backlog until a slot frees, which the deadlines guarantee happens.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    mut stop: oneshot::Receiver<()>,
) {
    let max = limits.max_connections.clamp(1, u32::MAX as usize);
    let slots = Arc::new(Semaphore::new(max));
    let (closing, closing_rx) = watch::channel(false);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            _ = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, or a connection reset before accept:
                    // wait a little instead of spinning on the error.
                    tracing::warn!("accept failed: {err}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        tokio::spawn(connection(
            stream,
            peer,
            router.clone(),
            limits.clone(),
            closing_rx.clone(),
            slot,
        ));
    }
    drop(listener);
    let _ = closing.send(true);
    // Every connection holds a slot until it ends: all slots back means all closed.
    let _ = slots
        .acquire_many(u32::try_from(max).unwrap_or(u32::MAX))
        .await;
}

async fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: Limits,
    mut closing: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    let _ = stream.set_nodelay(true);
    let clock = Arc::new(ConnectionClock::new());
    let io = TokioIo::new(Watched::new(stream, clock.clone()));
    let service = {
        let clock = clock.clone();
        let body_timeout = limits.body_read_timeout;
        hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let in_flight = clock.request_started();
            let mut request =
                request.map(|body| axum::body::Body::new(DeadlineBody::new(body, body_timeout)));
            request.extensions_mut().insert(ConnectInfo(peer));
            let router = router.clone();
            async move {
                let response = match router.oneshot(request).await {
                    Ok(response) => response,
                    Err(never) => match never {},
                };
                Ok::<_, Infallible>(
                    response.map(|body| axum::body::Body::new(TrackedBody::new(body, in_flight))),
                )
            }
        })
    };
    let conn = hyper::server::conn::http1::Builder::new().serve_connection(io, service);
    tokio::pin!(conn);
    let mut shutting_down = false;
    loop {
        let deadline = clock.deadline(&limits);
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(err) = result {
                    tracing::debug!("connection from {peer} ended: {err}");
                }
                return;
            }
            _ = sleep_until(deadline) => {
                if clock.deadline(&limits).is_some_and(|d| d <= tokio::time::Instant::now()) {
                    // No request is in flight (else there is no deadline): closing loses
                    // nothing but a late or idle client's socket.
                    tracing::debug!("closing a slow or idle connection from {peer}");
                    return;
                }
            }
            _ = clock.changed() => {}
            _ = closing.changed(), if !shutting_down => {
                shutting_down = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}
