//! An errcode-aware client for WeChat's `/sns/` API.
//!
//! WeChat answers errors with HTTP 200 and `{"errcode":N,"errmsg":"..."}`, often labelled
//! `text/plain`, and sometimes with an empty `text/html` body; so the body decides, never
//! the status or the content type. Only `-1` (busy) and `45011` (minute quota) are
//! retried, a bounded number of times with backoff, within the request's [`Deadline`].
//! They are answers about WeChat, not about the request: WeChat did not serve it, so even
//! a code exchange is retried on them (the code stays unused). Never on a timeout or a
//! garbled answer: WeChat may have used the code, and a second exchange would come back
//! as 40163 and hide the real outcome.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::{Deadline, Grant, Profile};

/// The longest one call may take, whatever the deadline leaves.
const TIMEOUT: Duration = Duration::from_secs(5);
const RETRIES: u32 = 2;
const BACKOFF: Duration = Duration::from_millis(200);
/// A retry starts only if at least this much is left of the deadline after its backoff.
const MIN_TRY: Duration = Duration::from_millis(500);
/// Avatars larger than this are not stored (WeChat's 640×640 JPEGs are ~100 KB).
const MAX_AVATAR_BYTES: usize = 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum WechatError {
    #[error("WeChat errcode {errcode}: {errmsg}")]
    Api { errcode: i64, errmsg: String },
    #[error("WeChat unreachable: {0}")]
    Transport(String),
    #[error("no answer from WeChat within the request's deadline")]
    Deadline,
    #[error("unexpected WeChat answer: {0}")]
    Malformed(String),
}

impl WechatError {
    pub fn errcode(&self) -> Option<i64> {
        match self {
            WechatError::Api { errcode, .. } => Some(*errcode),
            _ => None,
        }
    }

    fn is_retryable(&self) -> bool {
        matches!(self.errcode(), Some(-1) | Some(45011))
    }
}

#[derive(Clone)]
pub struct WechatClient {
    http: reqwest::Client,
    base: String,
    app_id: String,
    secret: String,
}

#[derive(Deserialize)]
struct ErrorBody {
    errcode: i64,
    #[serde(default)]
    errmsg: String,
}

impl WechatClient {
    pub fn new(base: &str, app_id: &str, secret: &str) -> Result<Self, WechatError> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| WechatError::Transport(e.to_string()))?;
        Ok(Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            app_id: app_id.to_owned(),
            secret: secret.to_owned(),
        })
    }

    /// `/sns/oauth2/access_token`, retried only when WeChat says it did not serve it.
    pub async fn exchange_code(
        &self,
        code: &str,
        deadline: Deadline,
    ) -> Result<Grant, WechatError> {
        let params = [
            ("appid", self.app_id.as_str()),
            ("secret", self.secret.as_str()),
            ("code", code),
            ("grant_type", "authorization_code"),
        ];
        self.get_retrying("/sns/oauth2/access_token", &params, deadline)
            .await
    }

    /// `/sns/oauth2/refresh_token`: a new access token, or the same one with its expiry
    /// extended. Safe to retry: a refresh token can be used again.
    pub async fn refresh(
        &self,
        refresh_token: &str,
        deadline: Deadline,
    ) -> Result<Grant, WechatError> {
        let params = [
            ("appid", self.app_id.as_str()),
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ];
        self.get_retrying("/sns/oauth2/refresh_token", &params, deadline)
            .await
    }

    /// `/sns/auth`: whether the access token is still valid for `openid`.
    pub async fn check(
        &self,
        access_token: &str,
        openid: &str,
        deadline: Deadline,
    ) -> Result<(), WechatError> {
        let params = [("access_token", access_token), ("openid", openid)];
        self.get_retrying::<ErrorBody>("/sns/auth", &params, deadline)
            .await
            .map(|_| ())
    }

    /// `/sns/userinfo`, checked to be about the token's own user.
    pub async fn userinfo(
        &self,
        access_token: &str,
        openid: &str,
        deadline: Deadline,
    ) -> Result<Profile, WechatError> {
        let params = [
            ("access_token", access_token),
            ("openid", openid),
            ("lang", "zh_CN"),
        ];
        let profile: Profile = self
            .get_retrying("/sns/userinfo", &params, deadline)
            .await?;
        if profile.openid != openid {
            return Err(WechatError::Malformed(
                "userinfo is about another openid than the token's".into(),
            ));
        }
        Ok(profile)
    }

    /// Downloads an avatar image; `None` when it is not an image or too large.
    ///
    /// Bounded by the client's own timeout; a caller with a deadline wraps it in one. The
    /// body is read chunk by chunk and dropped as soon as it passes the size limit: the
    /// URL comes from WeChat's answer, and whatever it points at must not make the server
    /// hold (or wait for) more than an avatar's worth of bytes.
    pub async fn download_avatar(
        &self,
        url: &str,
    ) -> Result<Option<(String, Vec<u8>)>, WechatError> {
        let mut response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| WechatError::Transport(e.without_url().to_string()))?;
        if !response.status().is_success() {
            return Ok(None);
        }
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        if !content_type.starts_with("image/") {
            return Ok(None);
        }
        let mut image = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| WechatError::Transport(e.without_url().to_string()))?
        {
            if image.len() + chunk.len() > MAX_AVATAR_BYTES {
                return Ok(None);
            }
            image.extend_from_slice(&chunk);
        }
        Ok(Some((content_type, image)))
    }

    async fn get_retrying<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, &str)],
        deadline: Deadline,
    ) -> Result<T, WechatError> {
        let mut attempt = 0;
        loop {
            match self.get_once(path, params, deadline).await {
                Err(err) if err.is_retryable() && attempt < RETRIES => {
                    attempt += 1;
                    let backoff = BACKOFF * 2u32.pow(attempt - 1);
                    if deadline.remaining() < backoff + MIN_TRY {
                        tracing::warn!(path, attempt, "WeChat busy, no time left to retry: {err}");
                        return Err(err);
                    }
                    tracing::warn!(path, attempt, "WeChat busy, retrying: {err}");
                    tokio::time::sleep(backoff).await;
                }
                other => return other,
            }
        }
    }

    async fn get_once<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, &str)],
        deadline: Deadline,
    ) -> Result<T, WechatError> {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .query(params)
            .timeout(call_timeout(deadline)?)
            .send()
            .await
            .map_err(|e| transport(e, deadline))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| transport(e, deadline))?;
        parse_body(status.as_u16(), &body)
    }
}

/// One call's timeout: [`TIMEOUT`], or what is left of the deadline if that is less.
fn call_timeout(deadline: Deadline) -> Result<Duration, WechatError> {
    let left = deadline.remaining();
    if left.is_zero() {
        return Err(WechatError::Deadline);
    }
    Ok(TIMEOUT.min(left))
}

/// A failed call: [`WechatError::Deadline`] if it timed out because the deadline came.
fn transport(err: reqwest::Error, deadline: Deadline) -> WechatError {
    if err.is_timeout() && deadline.remaining().is_zero() {
        WechatError::Deadline
    } else {
        WechatError::Transport(err.without_url().to_string())
    }
}

/// The body decides: a non-zero `errcode` is an error whatever the status and content
/// type; otherwise a 2xx body must parse as `T`.
fn parse_body<T: DeserializeOwned>(status: u16, body: &[u8]) -> Result<T, WechatError> {
    if let Ok(err) = serde_json::from_slice::<ErrorBody>(body) {
        if err.errcode != 0 {
            return Err(WechatError::Api {
                errcode: err.errcode,
                errmsg: err.errmsg,
            });
        }
    }
    if !(200..300).contains(&status) {
        return Err(WechatError::Malformed(format!("HTTP {status}")));
    }
    serde_json::from_slice(body).map_err(|e| {
        let kind = if body.is_empty() {
            "empty body".to_owned()
        } else {
            e.to_string()
        };
        WechatError::Malformed(kind)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errcode_wins_over_status_and_shape() {
        let got = parse_body::<Grant>(200, br#"{"errcode":40029,"errmsg":"invalid code"}"#);
        assert_eq!(got.unwrap_err().errcode(), Some(40029));
        let got = parse_body::<Grant>(500, br#"{"errcode":-1,"errmsg":"system error"}"#);
        assert_eq!(got.unwrap_err().errcode(), Some(-1));
    }

    #[test]
    fn empty_truncated_and_html_bodies_are_malformed() {
        for body in [&b""[..], b"{\"access_tok", b"<html></html>"] {
            assert!(matches!(
                parse_body::<Grant>(200, body),
                Err(WechatError::Malformed(_))
            ));
        }
        assert!(matches!(
            parse_body::<Grant>(502, b"Bad Gateway"),
            Err(WechatError::Malformed(_))
        ));
    }

    /// Serves one GET with an image/jpeg body of `body_len` bytes (no Content-Length,
    /// closed at the end) and returns how many body bytes the client let it write.
    async fn serve_image(listener: tokio::net::TcpListener, body_len: usize) -> usize {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request).await;
        let head = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nConnection: close\r\n\r\n";
        if socket.write_all(head).await.is_err() {
            return 0;
        }
        let chunk = vec![0xffu8; 64 * 1024];
        let mut written = 0;
        while written < body_len {
            let n = chunk.len().min(body_len - written);
            if socket.write_all(&chunk[..n]).await.is_err() {
                break;
            }
            written += n;
        }
        written
    }

    async fn download(body_len: usize) -> (Option<(String, Vec<u8>)>, usize) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/avatar.jpg", listener.local_addr().unwrap());
        let server = tokio::spawn(serve_image(listener, body_len));
        let client = WechatClient::new("http://127.0.0.1:1", "wx0123456789abcdef", "s").unwrap();
        let got = client.download_avatar(&url).await.unwrap();
        (got, server.await.unwrap())
    }

    #[tokio::test]
    async fn an_oversized_avatar_is_dropped_without_reading_it_all() {
        let offered = 64 * 1024 * 1024;
        let (got, written) = download(offered).await;
        assert!(got.is_none());
        // The limit plus what the two socket buffers hold; reading it all before the size
        // check let all 64 MiB through.
        assert!(written < 16 * 1024 * 1024, "{written} bytes written");
    }

    #[tokio::test]
    async fn an_avatar_within_the_limit_arrives_whole() {
        let (got, written) = download(MAX_AVATAR_BYTES).await;
        let (content_type, image) = got.expect("an image");
        assert_eq!(content_type, "image/jpeg");
        assert_eq!(image.len(), MAX_AVATAR_BYTES);
        assert_eq!(written, MAX_AVATAR_BYTES);
    }

    #[test]
    fn errcode_zero_is_success() {
        let got = parse_body::<ErrorBody>(200, br#"{"errcode":0,"errmsg":"ok"}"#);
        assert_eq!(got.unwrap().errcode, 0);
    }
}
