//! What a connection is waiting for, and so which deadline applies to it.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;
use tokio::time::Instant;

use super::Limits;

/// The phase of one connection, updated by its socket (bytes read) and its service
/// (request started, answer done).
pub struct ConnectionClock {
    state: Mutex<State>,
    changed: Notify,
}

struct State {
    in_flight: usize,
    /// When the connection last had no request in flight (opened, or answered).
    idle_since: Instant,
    /// Whether an answer was sent: the wait for the next request is keep-alive idling.
    answered: bool,
    /// The first byte of the next request, read while no request was in flight.
    head_started: Option<Instant>,
}

impl ConnectionClock {
    pub fn new() -> Self {
        Self {
            state: Mutex::new(State {
                in_flight: 0,
                idle_since: Instant::now(),
                answered: false,
                head_started: None,
            }),
            changed: Notify::new(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// When the connection must be closed if nothing changes; `None` while a request
    /// is in flight.
    pub fn deadline(&self, limits: &Limits) -> Option<Instant> {
        let state = self.state();
        if state.in_flight > 0 {
            None
        } else if let Some(started) = state.head_started {
            Some(started + limits.header_read_timeout)
        } else if state.answered {
            Some(state.idle_since + limits.keep_alive_timeout)
        } else {
            Some(state.idle_since + limits.header_read_timeout)
        }
    }

    /// Resolves when the phase changed (a request started or ended).
    pub async fn changed(&self) {
        self.changed.notified().await;
    }

    /// A request's headers are in; dropping the guard marks its answer done.
    pub fn request_started(self: &Arc<Self>) -> InFlight {
        {
            let mut state = self.state();
            state.in_flight += 1;
            state.head_started = None;
        }
        self.changed.notify_one();
        InFlight(self.clone())
    }

    fn bytes_read(&self) {
        let mut state = self.state();
        if state.in_flight == 0 && state.head_started.is_none() {
            state.head_started = Some(Instant::now());
        }
    }
}

/// A request being served; its drop (when the answer's body is done) starts idling.
pub struct InFlight(Arc<ConnectionClock>);

impl Drop for InFlight {
    fn drop(&mut self) {
        {
            let mut state = self.0.state();
            state.in_flight = state.in_flight.saturating_sub(1);
            state.idle_since = Instant::now();
            state.answered = true;
        }
        self.0.changed.notify_one();
    }
}

/// A socket that tells its clock when request bytes arrive.
pub struct Watched<S> {
    inner: S,
    clock: Arc<ConnectionClock>,
}

impl<S> Watched<S> {
    pub fn new(inner: S, clock: Arc<ConnectionClock>) -> Self {
        Self { inner, clock }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.clock.bytes_read();
        }
        polled
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
