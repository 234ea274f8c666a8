//! A scripted HTTP/1.1 peer on a real loopback socket, for the client's tests.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A WeChat login of a new identity: the bind-phone step, ticket `TICKET` for 600 s.
pub(super) const NEEDS_PHONE: &str = r#"{"code":0,"msg":"ok","data":{"is_bind":false,"bind_ticket":"TICKET","bind_ticket_expires_in_s":600,"wechat":{"nickname":"pat","avatar_url":null}}}"#;

/// The phone bound: a session for account 7.
pub(super) const SIGNED_IN: &str = r#"{"code":0,"msg":"ok","data":{"token":"TOKEN","expires_in_s":3600,"user":{"id":7,"mobile":"13800138000","account":null,"is_bind_wechat":true,"wechat_name":"pat","wechat_avatar":null,"wechat_open_id":"OPENID","wechat_union_id":null,"is_bind_avatar":false}}}"#;

/// What the scripted peer does once it has read a whole request.
#[derive(Clone, Copy)]
pub(super) enum Script {
    /// Answers 200 with this JSON body.
    Answer(&'static str),
    /// Closes the connection without a byte of answer: the server may have acted.
    Close,
}

/// A scripted HTTP/1.1 peer: reads each request whole, keeps its body, then follows
/// its script: the n-th request gets the n-th step, the last step repeats.
pub(super) struct Peer {
    bodies: Arc<Mutex<Vec<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Peer {
    pub(super) async fn on(port: u16, script: Script) -> Self {
        Self::scripted(port, vec![script]).await
    }

    pub(super) async fn scripted(port: u16, steps: Vec<Script>) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let kept = bodies.clone();
        let task = tokio::spawn(async move {
            let mut served = 0;
            while let Ok((mut stream, _)) = listener.accept().await {
                let body = read_request(&mut stream).await;
                kept.lock().unwrap().push(body);
                let script = steps[served.min(steps.len() - 1)];
                served += 1;
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

    pub(super) fn bodies(&self) -> Vec<String> {
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
pub(super) fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
