//! One HTTP client per `WxLogin`, shared by every call: connections are reused (and
//! multiplexed over HTTP/2 where the server offers it), and every call has a timeout.

use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde::Serialize;
use url::Url;

use super::answer::{read_answer, MAX_ANSWER_BYTES};
use crate::support::{secure_url, Error, Result};
use crate::WxLoginError;

/// Retries of a call that is safe to repeat (reads), after a network failure or an
/// unavailable service.
const READ_RETRIES: u32 = 2;
const BACKOFF: Duration = Duration::from_millis(300);

pub(crate) struct ApiClient {
    http: reqwest::Client,
    base: Url,
}

impl ApiClient {
    /// `base_url` must be https (http only for loopback, in development and tests):
    /// session tokens and WeChat codes travel in these requests.
    pub(crate) fn new(base_url: &str, timeout: Duration) -> Result<Self> {
        let base = secure_url(base_url, "server URL")?;
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|e| Error::Internal(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self { http, base })
    }

    pub(crate) fn base(&self) -> &Url {
        &self.base
    }

    /// A POST: never repeated by the core (it may have taken effect).
    pub(crate) async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        token: Option<&str>,
    ) -> std::result::Result<T, WxLoginError> {
        let body = serde_json::to_vec(body).map_err(|e| WxLoginError::Internal {
            reason: e.to_string(),
        })?;
        let request = self
            .request(reqwest::Method::POST, path, token)?
            .header(CONTENT_TYPE, "application/json")
            .body(body);
        self.send(request).await
    }

    /// A GET, repeated a bounded number of times while the network or the service fails.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> std::result::Result<T, WxLoginError> {
        let mut attempt = 0;
        loop {
            let request = self.request(reqwest::Method::GET, path, token)?;
            match self.send(request).await {
                Err(WxLoginError::Network { .. } | WxLoginError::ServiceUnavailable { .. })
                    if attempt < READ_RETRIES =>
                {
                    attempt += 1;
                    tokio::time::sleep(BACKOFF * 2u32.pow(attempt - 1)).await;
                }
                other => return other,
            }
        }
    }

    fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
    ) -> std::result::Result<reqwest::RequestBuilder, WxLoginError> {
        let url = self.base.join(path).map_err(|e| WxLoginError::Internal {
            reason: e.to_string(),
        })?;
        let mut request = self.http.request(method, url);
        if let Some(token) = token {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        Ok(request)
    }

    async fn send<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> std::result::Result<T, WxLoginError> {
        let mut response = request.send().await.map_err(network)?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(network)? {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_ANSWER_BYTES {
                return Err(WxLoginError::UnexpectedResponse {
                    reason: format!("answer larger than {MAX_ANSWER_BYTES} bytes"),
                });
            }
        }
        read_answer(status, &content_type, &body)
    }
}

/// Transport failures: nothing was decided by the server as far as the app can know.
fn network(err: reqwest::Error) -> WxLoginError {
    let reason = if err.is_timeout() {
        "timed out".to_owned()
    } else if err.is_connect() {
        "cannot connect".to_owned()
    } else if err.is_body() || err.is_decode() {
        "the connection dropped during the answer".to_owned()
    } else {
        err.without_url().to_string()
    };
    WxLoginError::Network { reason }
}
