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
/// Retries of a POST whose request provably never left the phone (no connection could
/// be made): safe even for a WeChat code. Short, because the user is waiting on a login
/// screen: they cover a network that is just coming back, not an outage.
const UNSENT_RETRIES: u32 = 2;
const UNSENT_BACKOFF: Duration = Duration::from_millis(250);

/// A failed call, and whether its request provably never reached the server.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) error: WxLoginError,
    /// No connection was made, so not a byte of the request was written: the server
    /// cannot have acted on it.
    pub(crate) unsent: bool,
}

impl Failure {
    /// A failure after the request may have reached the server (or an answer that the
    /// app could not use): the server may have acted.
    pub(crate) fn maybe_sent(error: WxLoginError) -> Self {
        Self {
            error,
            unsent: false,
        }
    }
}

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
        let request = self.post_request(path, body, token)?;
        self.send(request).await.map_err(|failure| failure.error)
    }

    /// A POST that must reach the server at most once (it carries a WeChat code), repeated
    /// only while its request provably never left the phone. The failure says whether
    /// the last attempt could have reached the server.
    pub(crate) async fn post_at_most_once<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        token: Option<&str>,
    ) -> std::result::Result<T, Failure> {
        let mut attempt = 0;
        loop {
            let request = self
                .post_request(path, body, token)
                .map_err(Failure::maybe_sent)?;
            match self.send(request).await {
                Err(failure) if failure.unsent && attempt < UNSENT_RETRIES => {
                    attempt += 1;
                    log::info!("no connection to the server; retry {attempt} of {UNSENT_RETRIES}");
                    tokio::time::sleep(UNSENT_BACKOFF * attempt).await;
                }
                other => return other,
            }
        }
    }

    fn post_request<B: Serialize>(
        &self,
        path: &str,
        body: &B,
        token: Option<&str>,
    ) -> std::result::Result<reqwest::RequestBuilder, WxLoginError> {
        let body = serde_json::to_vec(body).map_err(|e| WxLoginError::Internal {
            reason: e.to_string(),
        })?;
        Ok(self
            .request(reqwest::Method::POST, path, token)?
            .header(CONTENT_TYPE, "application/json")
            .body(body))
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
            match self.send(request).await.map_err(|failure| failure.error) {
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

    /// Sends one request. Only a failure to connect counts as unsent: reqwest reports
    /// it before the request is handed to a connection, so no byte of it was written
    /// (a pooled connection that turns out dead is not a connect error).
    async fn send<T: DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
    ) -> std::result::Result<T, Failure> {
        let mut response = request.send().await.map_err(|err| Failure {
            unsent: err.is_connect(),
            error: network(err),
        })?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|err| Failure::maybe_sent(network(err)))?
        {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_ANSWER_BYTES {
                return Err(Failure::maybe_sent(WxLoginError::UnexpectedResponse {
                    reason: format!("answer larger than {MAX_ANSWER_BYTES} bytes"),
                }));
            }
        }
        read_answer(status, &content_type, &body).map_err(Failure::maybe_sent)
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
