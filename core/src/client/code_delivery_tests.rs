//! A WeChat code over real loopback sockets: a submission that provably never left the
//! phone (connection refused) is retried and, if still failing, leaves the code usable;
//! one that reached the server is never sent again.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::*;
use crate::in_memory_store;

const NEEDS_PHONE: &str = r#"{"code":0,"msg":"ok","data":{"is_bind":false,"bind_ticket":"TICKET","bind_ticket_expires_in_s":600,"wechat":{"nickname":"pat","avatar_url":null}}}"#;

/// What the scripted peer does once it has read a whole request.
#[derive(Clone, Copy)]
enum Script {
    Answer(&'static str),
    /// Closes the connection without a byte of answer: the server may have acted.
    Close,
}

/// A scripted HTTP/1.1 peer: reads each request whole, keeps its body, then follows
/// its script.
struct Peer {
    bodies: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Peer {
    async fn on(port: u16, script: Script) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let kept = bodies.clone();
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let body = read_request(&mut stream).await;
                kept.lock().unwrap().push(body);
                if let Script::Answer(json) = script {
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                         content-length: {}\r\nconnection: close\r\n\r\n{json}",
                        json.len()
                    );
                    stream.write_all(answer.as_bytes()).await.unwrap();
                }
            }
        });
        Self { bodies, task }
    }

    fn bodies(&self) -> Vec<String> {
        self.bodies.lock().unwrap().clone()
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one whole request (head, then `content-length` bytes of body); its body.
async fn read_request(stream: &mut TcpStream) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let (head_len, body_len) = loop {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "the client closed before a whole request");
        data.extend_from_slice(&buf[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse::<usize>().unwrap());
            break (end + 4, length);
        }
    };
    while data.len() < head_len + body_len {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "the client closed mid-body");
        data.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(data[head_len..].to_vec()).unwrap()
}

/// A loopback port nothing listens on: connecting is refused at once.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn core_for(port: u16) -> WxLogin {
    let config = WxLoginConfig {
        app_id: "wx0123456789abcdef".into(),
        platform: Platform::Android,
        state_ttl_ms: 600_000,
        grace_period_ms: 30,
        server_url: Some(format!("http://127.0.0.1:{port}")),
        request_timeout_ms: 2_000,
    };
    WxLogin::with_clock(config, in_memory_store(), Arc::new(SystemClock)).unwrap()
}

fn is_network<T>(result: &std::result::Result<T, WxLoginError>) -> bool {
    matches!(result, Err(WxLoginError::Network { .. }))
}

#[tokio::test]
async fn a_code_that_never_left_is_retried_then_left_usable() {
    let port = closed_port();
    let core = core_for(port);
    let started = Instant::now();
    let refused = core.login_with_code("CODE-1".into()).await;
    assert!(is_network(&refused), "{refused:?}");
    // Two retries after 250 and 500 ms: the first attempt alone is refused at once.
    assert!(started.elapsed() >= Duration::from_millis(750));

    let peer = Peer::on(port, Script::Answer(NEEDS_PHONE)).await;
    let login = core.login_with_code("CODE-1".into()).await;
    assert!(
        matches!(login, Ok(LoginResult::NeedsPhone { .. })),
        "{login:?}"
    );
    assert_eq!(peer.bodies(), [r#"{"code":"CODE-1"}"#]);
    // Now the code is used: asking again gives the same result without a request.
    let again = core.login_with_code("CODE-1".into()).await;
    assert_eq!(again.unwrap(), login.unwrap());
    assert_eq!(peer.bodies().len(), 1);
}

#[tokio::test]
async fn a_server_back_within_the_retries_gets_the_code_once() {
    let port = closed_port();
    let core = core_for(port);
    let late = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Peer::on(port, Script::Answer(NEEDS_PHONE)).await
    });
    let login = core.login_with_code("CODE-2".into()).await;
    assert!(
        matches!(login, Ok(LoginResult::NeedsPhone { .. })),
        "{login:?}"
    );
    assert_eq!(late.await.unwrap().bodies(), [r#"{"code":"CODE-2"}"#]);
}

#[tokio::test]
async fn a_code_that_reached_the_server_is_never_sent_again() {
    let port = closed_port();
    let peer = Peer::on(port, Script::Close).await;
    let core = core_for(port);
    let cut = core.login_with_code("CODE-3".into()).await;
    assert!(is_network(&cut), "{cut:?}");
    assert_eq!(peer.bodies(), [r#"{"code":"CODE-3"}"#]);
    let again = core.login_with_code("CODE-3".into()).await;
    assert!(is_network(&again), "{again:?}");
    assert_eq!(peer.bodies().len(), 1, "the code was sent twice");
}
