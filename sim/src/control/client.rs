//! A typed client for the control API, for the tests of crates that talk to the simulator.

use reqwest::{Method, RequestBuilder, Response, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::types::{
    AuthorizeRequest, AuthorizeResponse, AvatarResponse, Calls, ClockAdvance, ClockView, ErrorBody,
    Fault, FaultRequest, FaultTarget, QrScanRequest, QrScanResponse, QrStatusView, RevokeRequest,
    RevokeResponse, Scope, UserUpdate, UserView,
};

/// Why a control call failed.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    /// The base URL is not an absolute `http(s)://` URL.
    #[error("invalid simulator base URL {0:?}")]
    BaseUrl(String),
    /// The simulator could not be reached, or answered something unreadable.
    #[error("simulator request failed: {0}")]
    Http(#[from] reqwest::Error),
    /// The simulator refused the call (unknown app or user, bad body ...).
    #[error("simulator answered {status}: {message}")]
    Status { status: u16, message: String },
}

/// Talks to one simulator's `/sim/` API.
#[derive(Debug, Clone)]
pub struct ControlClient {
    http: reqwest::Client,
    base: Url,
}

impl ControlClient {
    /// A client for the simulator at `base_url` (e.g. [`crate::SimHandle::base_url`]).
    pub fn new(base_url: &str) -> Result<Self, ControlError> {
        Self::with_http(reqwest::Client::new(), base_url)
    }

    /// The same, reusing the caller's HTTP client.
    pub fn with_http(http: reqwest::Client, base_url: &str) -> Result<Self, ControlError> {
        let base = Url::parse(base_url)
            .ok()
            .filter(|u| !u.cannot_be_a_base())
            .ok_or_else(|| ControlError::BaseUrl(base_url.to_owned()))?;
        Ok(Self { http, base })
    }

    /// The user allows `appid` with `scope`; returns the code WeChat gives the app.
    pub async fn authorize(
        &self,
        appid: &str,
        user: &str,
        scope: Scope,
    ) -> Result<String, ControlError> {
        self.authorize_with(&AuthorizeRequest {
            appid: appid.to_owned(),
            user: user.to_owned(),
            scope,
            snapshot: false,
        })
        .await
    }

    /// As [`Self::authorize`], as an official-account snapshot-page user.
    pub async fn authorize_snapshot(
        &self,
        appid: &str,
        user: &str,
        scope: Scope,
    ) -> Result<String, ControlError> {
        self.authorize_with(&AuthorizeRequest {
            appid: appid.to_owned(),
            user: user.to_owned(),
            scope,
            snapshot: true,
        })
        .await
    }

    pub async fn authorize_with(&self, request: &AuthorizeRequest) -> Result<String, ControlError> {
        let url = self.url(&["sim", "authorize"])?;
        let response: AuthorizeResponse = self.send_json(Method::POST, url, request).await?;
        Ok(response.code)
    }

    /// `user` scans the website login QR code `ticket` (the login page's `data-ticket`) and
    /// taps allow or deny; returns where the login page now goes.
    pub async fn scan_qr(
        &self,
        ticket: &str,
        user: &str,
        allow: bool,
    ) -> Result<String, ControlError> {
        let response = self.scan_qr_with(ticket, user, Some(allow)).await?;
        response.redirect.ok_or_else(|| ControlError::Status {
            status: 200,
            message: "the simulator decided but gave no redirect".to_owned(),
        })
    }

    /// As [`Self::scan_qr`]; `allow: None` scans without deciding yet.
    pub async fn scan_qr_with(
        &self,
        ticket: &str,
        user: &str,
        allow: Option<bool>,
    ) -> Result<QrScanResponse, ControlError> {
        let url = self.url(&["sim", "qr", ticket, "scan"])?;
        let body = QrScanRequest {
            user: user.to_owned(),
            allow,
        };
        self.send_json(Method::POST, url, &body).await
    }

    /// What the login page of `ticket` sees when it polls.
    pub async fn qr_status(&self, ticket: &str) -> Result<QrStatusView, ControlError> {
        let mut url = self.url(&["connect", "qrconnect", "status"])?;
        url.query_pairs_mut().append_pair("ticket", ticket);
        read(self.http.get(url)).await
    }

    /// Creates or updates a user; fields left `None` keep their value.
    pub async fn set_user(&self, id: &str, update: &UserUpdate) -> Result<UserView, ControlError> {
        let url = self.url(&["sim", "users", id])?;
        self.send_json(Method::PUT, url, update).await
    }

    pub async fn user(&self, id: &str) -> Result<UserView, ControlError> {
        let url = self.url(&["sim", "users", id])?;
        read(self.http.get(url)).await
    }

    /// Gives the user a new avatar; returns the new `headimgurl` (the old one now 404s).
    pub async fn change_avatar(&self, id: &str) -> Result<String, ControlError> {
        let url = self.url(&["sim", "users", id, "avatar"])?;
        let response: AvatarResponse = read(self.http.post(url)).await?;
        Ok(response.headimgurl)
    }

    /// The user withdraws `appid`'s authorization; returns how many grants ended.
    pub async fn revoke(&self, user: &str, appid: &str) -> Result<usize, ControlError> {
        let url = self.url(&["sim", "users", user, "revoke"])?;
        let body = RevokeRequest {
            appid: appid.to_owned(),
        };
        let response: RevokeResponse = self.send_json(Method::POST, url, &body).await?;
        Ok(response.revoked)
    }

    /// The next `count` calls of `endpoint` suffer `fault`.
    pub async fn inject_fault(
        &self,
        endpoint: FaultTarget,
        fault: Fault,
        count: u32,
    ) -> Result<(), ControlError> {
        let url = self.url(&["sim", "faults"])?;
        let body = FaultRequest {
            endpoint,
            fault,
            count,
        };
        expect_ok(self.http.post(url).json(&body)).await
    }

    pub async fn clear_faults(&self) -> Result<(), ControlError> {
        let url = self.url(&["sim", "faults"])?;
        expect_ok(self.http.delete(url)).await
    }

    /// Moves the simulated clock forward; returns the new now (Unix seconds).
    pub async fn advance_clock(&self, seconds: u64) -> Result<u64, ControlError> {
        let url = self.url(&["sim", "clock", "advance"])?;
        let view: ClockView = self
            .send_json(Method::POST, url, &ClockAdvance { seconds })
            .await?;
        Ok(view.now)
    }

    /// The simulated now (Unix seconds).
    pub async fn now(&self) -> Result<u64, ControlError> {
        let url = self.url(&["sim", "clock"])?;
        let view: ClockView = read(self.http.get(url)).await?;
        Ok(view.now)
    }

    /// Calls per WeChat endpoint since the last reset.
    pub async fn calls(&self) -> Result<Calls, ControlError> {
        let url = self.url(&["sim", "calls"])?;
        read(self.http.get(url)).await
    }

    /// Forgets users, codes, tokens, faults, counters and clock offset; apps stay.
    pub async fn reset(&self) -> Result<(), ControlError> {
        let url = self.url(&["sim", "reset"])?;
        expect_ok(self.http.post(url)).await
    }

    /// The base URL plus percent-encoded path segments (user ids are free-form).
    fn url(&self, segments: &[&str]) -> Result<Url, ControlError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|()| ControlError::BaseUrl(self.base.to_string()))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    async fn send_json<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        url: Url,
        body: &B,
    ) -> Result<T, ControlError> {
        read(self.http.request(method, url).json(body)).await
    }
}

async fn read<T: DeserializeOwned>(request: RequestBuilder) -> Result<T, ControlError> {
    let response = checked(request.send().await?).await?;
    Ok(response.json().await?)
}

async fn expect_ok(request: RequestBuilder) -> Result<(), ControlError> {
    checked(request.send().await?).await.map(drop)
}

/// The response if it is a success, else its status and `error` message.
async fn checked(response: Response) -> Result<Response, ControlError> {
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let text = response.text().await.unwrap_or_default();
    let message = serde_json::from_str::<ErrorBody>(&text)
        .map(|body| body.error)
        .unwrap_or(text);
    Err(ControlError::Status {
        status: status.as_u16(),
        message,
    })
}
