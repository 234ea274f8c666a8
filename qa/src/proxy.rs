//! A fault-injecting TCP proxy for the matrix's network cases (case 17,
//! 弱网、断网: weak and no network).
//!
//! The wxlogin core talks HTTP to `wxlogin-server` on loopback. Loopback never
//! drops, delays or resets anything, so on its own it cannot show how the core
//! behaves on a phone in a lift. [`FaultProxy`] sits between the two on real
//! sockets and bends the byte stream on command, at run time, so one running
//! core and server can go through good, bad and dead network in sequence.
//!
//! Everything works at the TCP level and knows nothing about HTTP: the faults
//! are the ones a network (or a dying server) produces, and the client's own
//! HTTP stack has to turn them into the errors the core maps and retries.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

/// Largest chunk read and forwarded at once. Small enough that a throttled or
/// delayed stream moves in steps a test can see, big enough that the normal
/// path costs nothing measurable.
const CHUNK: usize = 16 * 1024;

/// How often a throttled stream is released, per second: the read size under
/// [`Condition::Bandwidth`] is a twentieth of the rate, so the stream moves
/// every ~50 ms instead of in one burst per second.
const THROTTLE_STEPS_PER_SEC: u64 = 20;

/// Pause before retrying a failed `accept` or re-bind, so a persistent error
/// (such as running out of file descriptors) does not spin a core.
const RETRY_PAUSE: Duration = Duration::from_millis(50);

/// What the proxy does to traffic. Set with [`FaultProxy::set`]; it applies
/// to connections accepted afterwards and, as described per variant, to the
/// ones already open, because an HTTP client pools keep-alive connections and
/// a fault that spared them would never be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Condition {
    /// Forward everything untouched.
    #[default]
    Normal,
    /// Hold every chunk for `ms` milliseconds before forwarding it, in both
    /// directions and on open connections too. The delay is per chunk, so a
    /// request and its answer take at least twice `ms`, and a large body split
    /// into many chunks is slowed further, as on a congested link.
    Latency { ms: u64 },
    /// Forward at no more than `bytes_per_sec` in each direction of each
    /// connection, open ones included. Zero is treated as one byte a second
    /// rather than as a stall, which is what [`Condition::BlackHole`] is for.
    Bandwidth { bytes_per_sec: u64 },
    /// Reset (RST, not FIN) every open connection, and accept new ones only to
    /// reset them at once: the client sees "connection reset", which may come
    /// after its request was written, so it cannot know if it was delivered.
    Reset,
    /// Accept connections and read what the client sends, but forward nothing
    /// and answer nothing, and never close: the client has to time out. Open
    /// connections are swallowed the same way (their upstream side is
    /// dropped). A black-holed connection has lost bytes that cannot be
    /// replayed, so when the condition changes it is reset rather than resumed.
    BlackHole,
    /// No network: the port stops listening, so new connections fail with
    /// "connection refused" before any byte is sent, and open connections are
    /// reset. Unlike [`Condition::Reset`] the client knows its request never
    /// left, which is the distinction its retry rules depend on.
    ///
    /// On Unix the listener is closed while a bound, non-listening socket
    /// holds the port (both set `SO_REUSEPORT`), and setting any other
    /// condition re-binds the same port; the held port is what makes re-binding
    /// reliable, since nothing else (not even an outgoing connection's
    /// ephemeral port) can take it in between. Without `SO_REUSEPORT` the port
    /// is re-bound unheld and the re-bind is retried until it succeeds.
    Refuse,
    /// Forward `bytes` bytes of response (upstream to client) per connection,
    /// then reset both sides: a server killed mid-response, or a body cut off.
    /// The count starts when the connection first carries response bytes under
    /// this setting; each [`FaultProxy::set`] starts a fresh count.
    ResetAfter { bytes: u64 },
}

impl Condition {
    /// Whether a connection that is forwarding must stop doing so at once.
    fn stops_forwarding(self) -> bool {
        matches!(
            self,
            Condition::Reset | Condition::BlackHole | Condition::Refuse
        )
    }
}

/// Traffic counters since the proxy started, so a test can tell whether the
/// client connected at all, retried (more connections), or sent its request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stats {
    /// Connections accepted, including ones then reset or black-holed.
    pub connections: u64,
    /// Bytes forwarded from the client to the upstream server.
    pub bytes_to_upstream: u64,
    /// Bytes forwarded from the upstream server to the client.
    pub bytes_to_client: u64,
}

/// The live counters behind [`Stats`]. Bytes are counted when a chunk is
/// committed to forwarding, just before it is written, so by the time a
/// client has read a byte the counter already includes it and tests need no
/// polling.
#[derive(Debug, Default)]
struct Counters {
    connections: AtomicU64,
    to_upstream: AtomicU64,
    to_client: AtomicU64,
}

impl Counters {
    fn add(&self, direction: Direction, bytes: usize) {
        let counter = match direction {
            Direction::ToUpstream => &self.to_upstream,
            Direction::ToClient => &self.to_client,
        };
        counter.fetch_add(bytes as u64, Ordering::Relaxed);
    }

    fn snapshot(&self) -> Stats {
        Stats {
            connections: self.connections.load(Ordering::Relaxed),
            bytes_to_upstream: self.to_upstream.load(Ordering::Relaxed),
            bytes_to_client: self.to_client.load(Ordering::Relaxed),
        }
    }
}

/// The published condition plus a generation, so that setting the same
/// condition twice is still a change (it restarts a `ResetAfter` count) and
/// so [`FaultProxy::set`] can wait until the accept loop has applied it.
#[derive(Debug, Clone, Copy, Default)]
struct Setting {
    generation: u64,
    condition: Condition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    ToUpstream,
    ToClient,
}

/// Why a forwarding connection stopped.
#[derive(Debug, Clone, Copy)]
enum Ending {
    /// Both directions reached end of stream: close politely.
    Closed,
    /// An I/O error, or a `ResetAfter` budget spent: reset both sides.
    Broken,
    /// The condition changed to one that stops forwarding.
    Disrupted(Condition),
}

/// A running fault-injecting proxy on `127.0.0.1`. Dropping it stops the
/// accept loop and closes every connection it holds.
#[derive(Debug)]
pub struct FaultProxy {
    addr: SocketAddr,
    setting: watch::Sender<Setting>,
    applied: watch::Receiver<u64>,
    counters: Arc<Counters>,
    acceptor: JoinHandle<()>,
}

impl FaultProxy {
    /// Listens on an ephemeral loopback port and forwards every accepted
    /// connection to `upstream`, starting in [`Condition::Normal`]. Must run
    /// inside a Tokio runtime with I/O and time enabled, which carries the
    /// proxy's tasks; upstream is only dialled per accepted connection.
    pub async fn start(upstream: SocketAddr) -> io::Result<FaultProxy> {
        let listener = listen(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
        let addr = listener.local_addr()?;
        let reservation = reserve_port(addr)?;
        let (setting, setting_rx) = watch::channel(Setting::default());
        let (applied_tx, applied) = watch::channel(0);
        let counters = Arc::new(Counters::default());
        let acceptor = Acceptor {
            addr,
            upstream,
            setting: setting_rx,
            applied: applied_tx,
            counters: Arc::clone(&counters),
            connections: JoinSet::new(),
            _reservation: reservation,
        };
        let acceptor = tokio::spawn(acceptor.run(listener));
        Ok(FaultProxy {
            addr,
            setting,
            applied,
            counters,
            acceptor,
        })
    }

    /// The address clients should connect to instead of the upstream's.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The proxy as an HTTP base URL, `http://127.0.0.1:PORT`, ready to hand
    /// to the core as its server address.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The condition in force.
    pub fn condition(&self) -> Condition {
        self.setting.borrow().condition
    }

    /// Changes the condition. Returns once the listener is in the matching
    /// state (closed for [`Condition::Refuse`], open otherwise), so a connect
    /// made right after it sees the new behaviour; open connections check the
    /// condition before forwarding each chunk, so none is forwarded under the
    /// old condition once this returns.
    pub async fn set(&self, condition: Condition) {
        let mut generation = 0;
        self.setting.send_modify(|setting| {
            setting.generation += 1;
            setting.condition = condition;
            generation = setting.generation;
        });
        let mut applied = self.applied.clone();
        // An error means the accept loop is gone, which only happens while the
        // proxy is being dropped: there is nothing left to wait for.
        let _ = applied.wait_for(|done| *done >= generation).await;
    }

    /// Counters since the proxy started.
    pub fn stats(&self) -> Stats {
        self.counters.snapshot()
    }
}

impl Drop for FaultProxy {
    /// Aborting the accept task drops its listener, its port reservation and
    /// its `JoinSet`, which aborts every connection task and so closes both
    /// sockets of every connection.
    fn drop(&mut self) {
        self.acceptor.abort();
    }
}

/// The accept loop's state: it owns the listener (via `run`), the connection
/// tasks and the port reservation, so aborting it tears everything down.
struct Acceptor {
    addr: SocketAddr,
    upstream: SocketAddr,
    setting: watch::Receiver<Setting>,
    applied: watch::Sender<u64>,
    counters: Arc<Counters>,
    connections: JoinSet<()>,
    _reservation: Option<TcpSocket>,
}

impl Acceptor {
    async fn run(mut self, listener: TcpListener) {
        let mut listener = Some(listener);
        loop {
            let setting = *self.setting.borrow_and_update();
            listener = self.apply(setting.condition, listener).await;
            self.applied.send_replace(setting.generation);
            tokio::select! {
                changed = self.setting.changed() => {
                    if changed.is_err() {
                        return;
                    }
                }
                accepted = accept(listener.as_ref()) => self.admit(accepted).await,
                Some(_) = self.connections.join_next() => {}
            }
        }
    }

    /// Puts the listener in the state `condition` needs: closed while
    /// refusing, open (re-bound on the same port if it was closed) otherwise.
    async fn apply(
        &self,
        condition: Condition,
        listener: Option<TcpListener>,
    ) -> Option<TcpListener> {
        match (condition, listener) {
            (Condition::Refuse, _) => None,
            (_, Some(listener)) => Some(listener),
            (_, None) => Some(self.rebind().await),
        }
    }

    /// Re-binds the proxy's port. With the port reserved this succeeds at
    /// once; the retry covers transient errors and platforms without a
    /// reservation. Dropping the proxy aborts the loop.
    async fn rebind(&self) -> TcpListener {
        loop {
            match listen(self.addr) {
                Ok(listener) => return listener,
                Err(_) => tokio::time::sleep(RETRY_PAUSE).await,
            }
        }
    }

    async fn admit(&mut self, accepted: io::Result<TcpStream>) {
        match accepted {
            Ok(client) => {
                self.counters.connections.fetch_add(1, Ordering::Relaxed);
                let connection = serve(
                    client,
                    self.upstream,
                    self.setting.clone(),
                    Arc::clone(&self.counters),
                );
                self.connections.spawn(connection);
            }
            // Per-connection failures (the peer gave up during the handshake)
            // and resource exhaustion alike: pause, then keep accepting.
            Err(_) => tokio::time::sleep(RETRY_PAUSE).await,
        }
    }
}

/// Accepts on the listener, or waits forever while there is none (refusing).
async fn accept(listener: Option<&TcpListener>) -> io::Result<TcpStream> {
    match listener {
        Some(listener) => listener.accept().await.map(|(stream, _)| stream),
        None => std::future::pending().await,
    }
}

/// A socket bound to `addr` and set up to share the port with the proxy's
/// other sockets, so the port can be held while no listener exists.
fn bound_socket(addr: SocketAddr) -> io::Result<TcpSocket> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    share_port(&socket)?;
    socket.bind(addr)?;
    Ok(socket)
}

fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    bound_socket(addr)?.listen(128)
}

#[cfg(all(
    unix,
    not(any(
        target_os = "solaris",
        target_os = "illumos",
        target_os = "cygwin",
        target_os = "nuttx"
    ))
))]
fn share_port(socket: &TcpSocket) -> io::Result<()> {
    socket.set_reuseaddr(true)?;
    socket.set_reuseport(true)
}

/// Without `SO_REUSEPORT` no second socket can share the port, so nothing is
/// set (Windows' `SO_REUSEADDR` would let other processes steal it).
#[cfg(not(all(
    unix,
    not(any(
        target_os = "solaris",
        target_os = "illumos",
        target_os = "cygwin",
        target_os = "nuttx"
    ))
)))]
fn share_port(_socket: &TcpSocket) -> io::Result<()> {
    Ok(())
}

/// Holds the proxy's port with a bound, never-listening socket, so that
/// while [`Condition::Refuse`] has closed the listener, connects are refused
/// and no other socket can take the port before it is re-bound.
#[cfg(all(
    unix,
    not(any(
        target_os = "solaris",
        target_os = "illumos",
        target_os = "cygwin",
        target_os = "nuttx"
    ))
))]
fn reserve_port(addr: SocketAddr) -> io::Result<Option<TcpSocket>> {
    bound_socket(addr).map(Some)
}

#[cfg(not(all(
    unix,
    not(any(
        target_os = "solaris",
        target_os = "illumos",
        target_os = "cygwin",
        target_os = "nuttx"
    ))
)))]
fn reserve_port(_addr: SocketAddr) -> io::Result<Option<TcpSocket>> {
    Ok(None)
}

/// Closes `stream` with an RST instead of a FIN, as a crashed peer or a
/// middlebox does: zero linger makes the kernel discard unsent data and reset.
/// If the option cannot be set the close is merely polite, which is still a
/// close.
fn reset(stream: TcpStream) {
    let _ = stream.set_zero_linger();
    drop(stream);
}

/// Runs one client connection from accept to close under whatever conditions
/// come and go meanwhile.
async fn serve(
    mut client: TcpStream,
    upstream: SocketAddr,
    mut setting: watch::Receiver<Setting>,
    counters: Arc<Counters>,
) {
    // Nagle's delay would add latency the test did not ask for.
    let _ = client.set_nodelay(true);
    let condition = setting.borrow_and_update().condition;
    match condition {
        Condition::Reset | Condition::Refuse => return reset(client),
        Condition::BlackHole => return black_hole(client, setting).await,
        _ => {}
    }
    // An unreachable upstream looks to the client like a gateway failing.
    let Ok(mut server) = TcpStream::connect(upstream).await else {
        return reset(client);
    };
    let _ = server.set_nodelay(true);
    match forward(&mut client, &mut server, &setting, &counters).await {
        Ending::Closed => {}
        Ending::Disrupted(Condition::BlackHole) => {
            reset(server);
            black_hole(client, setting).await;
        }
        Ending::Broken | Ending::Disrupted(_) => {
            reset(server);
            reset(client);
        }
    }
}

/// Pumps both directions until both end, one breaks, or the condition
/// changes to one that stops forwarding. The disruption watcher cancels
/// pumps stuck in a read, a delay or a write to a stalled peer.
async fn forward(
    client: &mut TcpStream,
    server: &mut TcpStream,
    setting: &watch::Receiver<Setting>,
    counters: &Counters,
) -> Ending {
    let (client_read, client_write) = client.split();
    let (server_read, server_write) = server.split();
    let up = pump(
        client_read,
        server_write,
        Direction::ToUpstream,
        setting.clone(),
        counters,
    );
    let down = pump(
        server_read,
        client_write,
        Direction::ToClient,
        setting.clone(),
        counters,
    );
    tokio::select! {
        result = async { tokio::try_join!(up, down) } => match result {
            Ok(_) => Ending::Closed,
            Err(ending) => ending,
        },
        condition = disruption(setting.clone()) => Ending::Disrupted(condition),
    }
}

/// Resolves when the condition becomes one that stops forwarding. If the
/// proxy is gone it never resolves: the connection task is being aborted.
async fn disruption(mut setting: watch::Receiver<Setting>) -> Condition {
    loop {
        let condition = setting.borrow_and_update().condition;
        if condition.stops_forwarding() {
            return condition;
        }
        if setting.changed().await.is_err() {
            return std::future::pending().await;
        }
    }
}

/// How much of a `ResetAfter` allowance one direction has used, and under
/// which setting, so a new `set` starts a new count.
#[derive(Debug, Default)]
struct Budget {
    generation: Option<u64>,
    used: u64,
}

impl Budget {
    /// How many of `available` bytes may be forwarded under a `ResetAfter`
    /// of `limit` bytes published as `generation`, recording them as used.
    fn take(&mut self, generation: u64, limit: u64, available: usize) -> usize {
        if self.generation != Some(generation) {
            self.generation = Some(generation);
            self.used = 0;
        }
        let remaining = limit.saturating_sub(self.used);
        let granted = remaining.min(available as u64);
        self.used += granted;
        // `granted` is at most `available`, so it fits in a usize.
        granted as usize
    }

    fn spent(&self, limit: u64) -> bool {
        self.used >= limit
    }
}

/// Copies one direction chunk by chunk, shaping each chunk by the condition
/// in force when it arrives. End of stream is passed on as a half-close so
/// request/response protocols that half-close still work.
async fn pump<R, W>(
    mut from: R,
    mut to: W,
    direction: Direction,
    mut setting: watch::Receiver<Setting>,
    counters: &Counters,
) -> Result<(), Ending>
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut buf = vec![0u8; CHUNK];
    let mut budget = Budget::default();
    loop {
        let limit = read_size(setting.borrow().condition);
        let read = from.read(&mut buf[..limit]).await;
        let received = read.map_err(|_| Ending::Broken)?;
        if received == 0 {
            let _ = to.shutdown().await;
            return Ok(());
        }
        let current = *setting.borrow_and_update();
        let allowed = shape(current, direction, received, &mut budget).await?;
        // The condition may have changed during the delay.
        let condition = setting.borrow().condition;
        if condition.stops_forwarding() {
            return Err(Ending::Disrupted(condition));
        }
        counters.add(direction, allowed);
        let written = to.write_all(&buf[..allowed]).await;
        written.map_err(|_| Ending::Broken)?;
        if let Condition::ResetAfter { bytes } = current.condition {
            if direction == Direction::ToClient && budget.spent(bytes) {
                return Err(Ending::Broken);
            }
        }
    }
}

/// The read size for a condition: small under a bandwidth cap so the stream
/// is released in steps rather than one large burst per second.
fn read_size(condition: Condition) -> usize {
    match condition {
        Condition::Bandwidth { bytes_per_sec } => {
            let step = bytes_per_sec / THROTTLE_STEPS_PER_SEC;
            usize::try_from(step).unwrap_or(CHUNK).clamp(1, CHUNK)
        }
        _ => CHUNK,
    }
}

/// Applies `setting` to a chunk of `received` bytes: waits out its delay and
/// returns how many of its bytes may be forwarded, or why it may not be.
async fn shape(
    setting: Setting,
    direction: Direction,
    received: usize,
    budget: &mut Budget,
) -> Result<usize, Ending> {
    match setting.condition {
        Condition::Normal => Ok(received),
        Condition::Latency { ms } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            Ok(received)
        }
        Condition::Bandwidth { bytes_per_sec } => {
            let seconds = received as f64 / bytes_per_sec.max(1) as f64;
            tokio::time::sleep(Duration::from_secs_f64(seconds)).await;
            Ok(received)
        }
        Condition::ResetAfter { bytes } if direction == Direction::ToClient => {
            Ok(budget.take(setting.generation, bytes, received))
        }
        Condition::ResetAfter { .. } => Ok(received),
        condition @ (Condition::Reset | Condition::BlackHole | Condition::Refuse) => {
            Err(Ending::Disrupted(condition))
        }
    }
}

/// Swallows whatever the client sends and answers nothing, keeping the
/// socket open for as long as the black hole lasts; then resets it, because
/// the swallowed bytes are gone and the stream cannot resume.
async fn black_hole(mut client: TcpStream, mut setting: watch::Receiver<Setting>) {
    let mut sink = vec![0u8; CHUNK];
    let mut client_open = true;
    loop {
        let condition = setting.borrow_and_update().condition;
        if condition != Condition::BlackHole {
            return reset(client);
        }
        tokio::select! {
            read = client.read(&mut sink), if client_open => match read {
                // The client half-closed: stay silent and open all the same.
                Ok(0) => client_open = false,
                Ok(_) => {}
                Err(_) => return reset(client),
            },
            changed = setting.changed() => {
                if changed.is_err() {
                    return;
                }
            }
        }
    }
}
