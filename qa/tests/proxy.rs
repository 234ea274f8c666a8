//! The fault proxy against real loopback sockets: a tokio echo server for
//! byte-exact checks and a tiny keep-alive HTTP responder for what an HTTP
//! client (reqwest, like the core's stack) actually reports. Timing checks
//! assert lower bounds only, so a slow machine cannot make them fail.

use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wxlogin_qa::proxy::{Condition, FaultProxy, Stats};

/// Echoes every byte back on every connection until the peer closes.
async fn echo_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (mut read, mut write) = stream.split();
                let _ = tokio::io::copy(&mut read, &mut write).await;
            });
        }
    });
    addr
}

/// A keep-alive HTTP/1.1 responder: `GET /bytes/N` answers N bytes of `x`,
/// any other path answers `hello`. Request bodies are not supported; the
/// tests send none.
async fn http_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(answer_requests(stream));
        }
    });
    addr
}

async fn answer_requests(mut stream: TcpStream) {
    let mut pending = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        while let Some(end) = find(&pending, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&pending[..end]).into_owned();
            pending.drain(..end + 4);
            let body = body_for(&head);
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\ncontent-type: text/plain\r\n\r\n",
                body.len()
            );
            let mut bytes = response.into_bytes();
            bytes.extend_from_slice(&body);
            if stream.write_all(&bytes).await.is_err() {
                return;
            }
        }
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => pending.extend_from_slice(&buf[..n]),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn body_for(head: &str) -> Vec<u8> {
    let path = head.split_whitespace().nth(1).unwrap_or("/");
    match path.strip_prefix("/bytes/") {
        Some(n) => vec![b'x'; n.parse().unwrap()],
        None => b"hello".to_vec(),
    }
}

/// A client that ignores any proxy in the environment: the fault proxy must
/// be the only thing between it and the server.
fn client(timeout: Option<Duration>) -> reqwest::Client {
    let builder = reqwest::Client::builder().no_proxy();
    let builder = match timeout {
        Some(timeout) => builder.timeout(timeout),
        None => builder,
    };
    builder.build().unwrap()
}

async fn get_body(client: &reqwest::Client, url: &str) -> reqwest::Result<Vec<u8>> {
    let response = client.get(url).send().await?.error_for_status()?;
    Ok(response.bytes().await?.to_vec())
}

/// Sends `payload` through the proxy to the echo server and reads it back.
async fn echo_round_trip(proxy: &FaultProxy, payload: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(proxy.addr()).await.unwrap();
    stream.write_all(payload).await.unwrap();
    let mut back = vec![0u8; payload.len()];
    stream.read_exact(&mut back).await.unwrap();
    back
}

#[tokio::test]
async fn normal_passes_bytes_both_ways_and_counts_them() {
    let proxy = FaultProxy::start(echo_server().await).await.unwrap();
    let payload: Vec<u8> = (0..10_240u32).map(|i| (i % 251) as u8).collect();

    assert_eq!(echo_round_trip(&proxy, &payload).await, payload);
    assert_eq!(
        proxy.stats(),
        Stats {
            connections: 1,
            bytes_to_upstream: 10_240,
            bytes_to_client: 10_240,
        }
    );
    assert_eq!(
        proxy.url(),
        format!("http://127.0.0.1:{}", proxy.addr().port())
    );
    assert_eq!(proxy.condition(), Condition::Normal);
}

#[tokio::test]
async fn normal_serves_http() {
    let proxy = FaultProxy::start(http_server().await).await.unwrap();
    let client = client(None);
    let url = format!("{}/bytes/1000", proxy.url());

    assert_eq!(get_body(&client, &url).await.unwrap(), vec![b'x'; 1000]);
    assert_eq!(get_body(&client, &url).await.unwrap().len(), 1000);
    // Keep-alive: both requests went over one pooled connection.
    assert_eq!(proxy.stats().connections, 1);
}

#[tokio::test]
async fn stats_count_every_connection() {
    let proxy = FaultProxy::start(echo_server().await).await.unwrap();
    for _ in 0..3 {
        echo_round_trip(&proxy, b"ping").await;
    }
    let stats = proxy.stats();
    assert_eq!(stats.connections, 3);
    assert_eq!(stats.bytes_to_upstream, 12);
    assert_eq!(stats.bytes_to_client, 12);
}

#[tokio::test]
async fn latency_delays_each_direction() {
    let proxy = FaultProxy::start(echo_server().await).await.unwrap();
    proxy.set(Condition::Latency { ms: 150 }).await;

    let started = Instant::now();
    assert_eq!(echo_round_trip(&proxy, b"ping").await, b"ping");
    // One chunk out, one chunk back, each held at least 150 ms.
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn latency_applies_to_an_open_connection() {
    let proxy = FaultProxy::start(echo_server().await).await.unwrap();
    let mut stream = TcpStream::connect(proxy.addr()).await.unwrap();
    let mut back = [0u8; 4];
    stream.write_all(b"fast").await.unwrap();
    stream.read_exact(&mut back).await.unwrap();

    proxy.set(Condition::Latency { ms: 100 }).await;
    let started = Instant::now();
    stream.write_all(b"slow").await.unwrap();
    stream.read_exact(&mut back).await.unwrap();
    assert_eq!(&back, b"slow");
    assert!(started.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn bandwidth_throttles_a_64_kib_download() {
    let proxy = FaultProxy::start(http_server().await).await.unwrap();
    proxy
        .set(Condition::Bandwidth {
            bytes_per_sec: 128 * 1024,
        })
        .await;

    let started = Instant::now();
    let body = get_body(&client(None), &format!("{}/bytes/65536", proxy.url()))
        .await
        .unwrap();
    assert_eq!(body.len(), 65_536);
    // 64 KiB at 128 KiB/s cannot take less than half a second.
    assert!(started.elapsed() >= Duration::from_millis(500));
}

#[tokio::test]
async fn reset_makes_new_connections_fail() {
    let proxy = FaultProxy::start(http_server().await).await.unwrap();
    proxy.set(Condition::Reset).await;

    let error = get_body(&client(None), &proxy.url()).await.unwrap_err();
    assert!(
        !error.is_timeout(),
        "expected a connection error: {error:?}"
    );
    // The connection was accepted, then reset: the request may have left.
    assert!(proxy.stats().connections >= 1);
    assert_eq!(proxy.stats().bytes_to_upstream, 0);

    let mut stream = TcpStream::connect(proxy.addr()).await.unwrap();
    let mut buf = [0u8; 1];
    let read = stream.read(&mut buf).await;
    assert_eq!(read.unwrap_err().kind(), ErrorKind::ConnectionReset);
}

#[tokio::test]
async fn reset_breaks_open_connections_and_normal_restores_service() {
    let proxy = FaultProxy::start(echo_server().await).await.unwrap();
    let mut stream = TcpStream::connect(proxy.addr()).await.unwrap();
    let mut back = [0u8; 4];
    stream.write_all(b"ping").await.unwrap();
    stream.read_exact(&mut back).await.unwrap();

    proxy.set(Condition::Reset).await;
    let read = stream.read(&mut back).await;
    assert_eq!(read.unwrap_err().kind(), ErrorKind::ConnectionReset);

    proxy.set(Condition::Normal).await;
    assert_eq!(echo_round_trip(&proxy, b"pong").await, b"pong");
}

#[tokio::test]
async fn black_hole_makes_the_client_time_out() {
    let proxy = FaultProxy::start(http_server().await).await.unwrap();
    proxy.set(Condition::BlackHole).await;

    let started = Instant::now();
    let client = client(Some(Duration::from_millis(300)));
    let error = get_body(&client, &proxy.url()).await.unwrap_err();
    assert!(error.is_timeout(), "expected a timeout: {error:?}");
    assert!(started.elapsed() >= Duration::from_millis(300));
    let stats = proxy.stats();
    assert!(stats.connections >= 1);
    assert_eq!(stats.bytes_to_upstream, 0);
    assert_eq!(stats.bytes_to_client, 0);

    proxy.set(Condition::Normal).await;
    assert_eq!(get_body(&client, &proxy.url()).await.unwrap(), b"hello");
}

#[tokio::test]
async fn black_hole_swallows_an_open_connection() {
    let proxy = FaultProxy::start(http_server().await).await.unwrap();
    let client = client(Some(Duration::from_millis(300)));
    assert_eq!(get_body(&client, &proxy.url()).await.unwrap(), b"hello");

    proxy.set(Condition::BlackHole).await;
    let error = get_body(&client, &proxy.url()).await.unwrap_err();
    assert!(error.is_timeout(), "expected a timeout: {error:?}");
}

#[tokio::test]
async fn reset_after_truncates_the_response() {
    let proxy = FaultProxy::start(http_server().await).await.unwrap();
    proxy.set(Condition::ResetAfter { bytes: 1000 }).await;

    let url = format!("{}/bytes/65536", proxy.url());
    let client = client(None);
    match get_body(&client, &url).await {
        Ok(body) => assert!(body.len() < 65_536, "body was not truncated"),
        Err(error) => assert!(!error.is_timeout(), "expected a cut: {error:?}"),
    }
    let stats = proxy.stats();
    assert_eq!(stats.bytes_to_client, 1000);
    assert!(
        stats.bytes_to_upstream > 0,
        "the request reached the server"
    );

    proxy.set(Condition::Normal).await;
    assert_eq!(get_body(&client, &url).await.unwrap().len(), 65_536);
}

#[tokio::test]
async fn reset_after_counts_response_bytes_exactly() {
    let proxy = FaultProxy::start(echo_server().await).await.unwrap();
    proxy.set(Condition::ResetAfter { bytes: 3 }).await;

    let mut stream = TcpStream::connect(proxy.addr()).await.unwrap();
    stream.write_all(b"abcdef").await.unwrap();
    let mut back = Vec::new();
    // The first three bytes may arrive before the reset or be lost to it.
    let result = stream.read_to_end(&mut back).await;
    assert!(back.len() <= 3);
    assert!(result.is_err() || back.len() < 6);
    assert_eq!(proxy.stats().bytes_to_client, 3);
    assert_eq!(proxy.stats().bytes_to_upstream, 6);
}

#[tokio::test]
async fn refuse_refuses_connects_and_normal_reopens_the_same_port() {
    let proxy = FaultProxy::start(http_server().await).await.unwrap();
    let client = client(None);
    assert_eq!(get_body(&client, &proxy.url()).await.unwrap(), b"hello");

    proxy.set(Condition::Refuse).await;
    // The pooled connection is reset and a new one is refused.
    let error = get_body(&client, &proxy.url()).await.unwrap_err();
    assert!(
        !error.is_timeout(),
        "expected a connection error: {error:?}"
    );
    let fresh = get_body(&self::client(None), &proxy.url())
        .await
        .unwrap_err();
    assert!(fresh.is_connect(), "expected a refused connect: {fresh:?}");
    let connect = TcpStream::connect(proxy.addr()).await.unwrap_err();
    assert_eq!(connect.kind(), ErrorKind::ConnectionRefused);
    let accepted = proxy.stats().connections;

    proxy.set(Condition::Normal).await;
    assert_eq!(get_body(&client, &proxy.url()).await.unwrap(), b"hello");
    assert_eq!(proxy.stats().connections, accepted + 1);
}

#[tokio::test]
async fn dropping_the_proxy_closes_its_port() {
    let proxy = FaultProxy::start(echo_server().await).await.unwrap();
    let addr = proxy.addr();
    let mut open = TcpStream::connect(addr).await.unwrap();
    drop(proxy);

    // Teardown runs on the runtime, so give it a moment (bounded).
    let mut buf = [0u8; 1];
    let read = tokio::time::timeout(Duration::from_secs(5), open.read(&mut buf)).await;
    assert!(
        matches!(read, Ok(Ok(0)) | Ok(Err(_))),
        "open connection closed"
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(addr).await.is_ok() {
        assert!(Instant::now() < deadline, "port still accepting");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
