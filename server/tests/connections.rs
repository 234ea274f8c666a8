//! Slow and idle connections are closed after their deadline, and while many of them
//! are open, up to the connection cap and beyond, the server still answers.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One second for every phase, so that the test sees the deadlines pass.
fn short_deadlines(config: &mut wxlogin_server::Config) {
    config.connections.header_read_timeout_s = 1;
    config.connections.body_read_timeout_s = 1;
    config.connections.keep_alive_timeout_s = 1;
    config.connections.max_connections = 40;
}

/// What a slow client sends, and then nothing more.
fn slow_starts() -> Vec<&'static str> {
    vec![
        // Nothing at all.
        "",
        // Half the headers.
        "POST /v1/auth/password HTTP/1.1\r\nHost: x\r\nContent-Ty",
        // Headers, then a tenth of a plausible body.
        "POST /v1/auth/password HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"account\"",
        // A body that claims 100 MB.
        "POST /v1/auth/password HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{\"account\"",
        // One answered request, then keep-alive idling.
        "GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n",
    ]
}

/// Reads until the server closes the connection; what it sent. Fails after `limit`.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> Result<String, String> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Ok(String::from_utf8_lossy(&seen).into_owned()),
            Ok(Ok(n)) => seen.extend_from_slice(&buf[..n]),
            Err(_) => {
                return Err(format!(
                    "still open after {limit:?}; got {:?}",
                    String::from_utf8_lossy(&seen)
                ))
            }
        }
    }
}

async fn health(base: &str) -> Result<u16, String> {
    let response = reqwest::Client::new()
        .get(format!("{base}/v1/health"))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    Ok(response.status().as_u16())
}

/// 100 slow connections of every kind (more than the cap of 40): health still answers,
/// and every slow connection is closed once its deadline passed; a late body gets
/// `408` (with the envelope) before the close.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_connections_are_closed_and_health_still_answers() {
    let env = common::start_with(short_deadlines).await;
    let addr = env.server.addr();
    let mut slow = Vec::new();
    for i in 0..100 {
        let kind = slow_starts()[i % 5];
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(kind.as_bytes()).await.unwrap();
        slow.push((kind, stream));
    }
    let started = Instant::now();
    assert_eq!(health(&env.server.base_url()).await, Ok(200));
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(8), "health took {waited:?}");

    for (kind, mut stream) in slow {
        let sent = read_until_closed(&mut stream, Duration::from_secs(10))
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        if kind.contains("Content-Length") {
            assert!(sent.starts_with("HTTP/1.1 408"), "{kind:?}: {sent}");
            assert!(sent.contains("40801"), "{sent}");
        } else if kind.starts_with("GET") {
            assert!(sent.starts_with("HTTP/1.1 200"), "{kind:?}: {sent}");
        }
    }
}

/// A connection that trickles its headers a byte at a time is closed by the header
/// deadline, which counts from its first byte and does not restart with every byte.
#[tokio::test]
async fn trickled_headers_do_not_extend_the_deadline() {
    let env = common::start_with(short_deadlines).await;
    let mut stream = TcpStream::connect(env.server.addr()).await.unwrap();
    let started = Instant::now();
    for byte in b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaa" {
        if stream.write_all(&[*byte]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    read_until_closed(&mut stream, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(4));
}

/// The issue's setting: `ulimit -n` low (128 here), more slow connections than that
/// (200). The binary caps its connections below the limit, so it never runs out of
/// file descriptors, closes the slow ones after the header deadline, and answers a new
/// client.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_slow_connections_than_file_descriptors_leave_health_answering() {
    let sim = wxlogin_sim::Simulator::new(wxlogin_sim::SimConfig::default().with_app(
        wxlogin_sim::AppConfig::new(common::APP_ID, common::SECRET, "acme"),
    ))
    .spawn("127.0.0.1:0")
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}?mode=rwc", dir.path().join("fd.db").display());
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -n 128 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_wxlogin-server"))
        .args(["--listen", "127.0.0.1:0", "--database-url", &database])
        .args(["--wechat-api-base", &sim.base_url()])
        .args(["--wechat-app-id", common::APP_ID])
        .args(["--wechat-app-secret", common::SECRET])
        .args(["--max-connections", "100", "--header-read-timeout-s", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut ready = String::new();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    while !ready.ends_with('\n') && stdout.read(&mut byte).unwrap() == 1 {
        ready.push(byte[0] as char);
    }
    let base = ready
        .trim()
        .strip_prefix("wxlogin-server listening on ")
        .expect(&ready)
        .to_owned();
    let addr = base.trim_start_matches("http://").to_owned();

    let mut slow = Vec::new();
    for _ in 0..200 {
        match TcpStream::connect(&addr).await {
            Ok(mut stream) => {
                let _ = stream.write_all(b"GET /v1/health HTTP/1.1\r\nHo").await;
                slow.push(stream);
            }
            Err(_) => break,
        }
    }
    let answered = health(&base).await;
    // SIGKILL: a graceful stop would wait for the slow connections this test holds.
    let _ = child.kill();
    let _ = child.wait();
    assert!(slow.len() >= 128, "only {} connections opened", slow.len());
    assert_eq!(answered, Ok(200));
}
