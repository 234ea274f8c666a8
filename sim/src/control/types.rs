//! The control API's JSON shapes, shared by the server routes and [`super::ControlClient`]
//! so the two cannot drift.

use serde::{Deserialize, Serialize};

/// The OAuth scope a user granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Official-account silent login: openid only, no `/sns/userinfo`.
    SnsapiBase,
    /// Mobile app and official-account consent page.
    SnsapiUserinfo,
    /// Website QR login.
    SnsapiLogin,
}

impl Scope {
    /// The string WeChat puts in the token response's `scope`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SnsapiBase => "snsapi_base",
            Self::SnsapiUserinfo => "snsapi_userinfo",
            Self::SnsapiLogin => "snsapi_login",
        }
    }

    /// Whether a token of this scope may read `/sns/userinfo`.
    pub fn allows_userinfo(self) -> bool {
        !matches!(self, Self::SnsapiBase)
    }
}

/// `POST /sim/authorize`: the user tapped "allow" in WeChat.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthorizeRequest {
    pub appid: String,
    pub user: String,
    pub scope: Scope,
    /// Official-account "snapshot page" mode: the exchange then says `"is_snapshotuser":1`.
    #[serde(default)]
    pub snapshot: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthorizeResponse {
    pub code: String,
}

/// `POST /sim/qr/{ticket}/scan`: a person scanned a website login QR code with the phone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QrScanRequest {
    pub user: String,
    /// `true` allow, `false` deny; left out: scanned only, the decision comes in a second
    /// call (the page shows "scanned" meanwhile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QrScanResponse {
    /// Where the login page goes now; `None` while only scanned.
    pub redirect: Option<String>,
}

/// `GET /connect/qrconnect/status?ticket=T`: what the login page polls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrStatusView {
    /// `waiting`, `scanned`, `done` or `expired`.
    pub status: String,
    /// Set when `done`: the relying party's URL with `code` and `state`, or `state` only.
    pub redirect: Option<String>,
}

/// `PUT /sim/users/{id}`: fields left out keep their value (or the default on creation).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct UserUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// 0 unknown, 1 male, 2 female.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A user as the control API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: String,
    pub nickname: String,
    pub sex: u8,
    pub province: String,
    pub city: String,
    pub country: String,
    pub headimgurl: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AvatarResponse {
    pub headimgurl: String,
}

/// `POST /sim/users/{id}/revoke`: the user removed the app's authorization in WeChat.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevokeRequest {
    pub appid: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevokeResponse {
    /// How many live grants (token pairs) the revocation ended.
    pub revoked: usize,
}

/// A WeChat endpoint, as counted in [`Calls`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endpoint {
    AccessToken,
    RefreshToken,
    Auth,
    Userinfo,
}

/// Which endpoint a fault applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultTarget {
    AccessToken,
    RefreshToken,
    Auth,
    Userinfo,
    Any,
}

impl FaultTarget {
    pub fn matches(self, endpoint: Endpoint) -> bool {
        matches!(
            (self, endpoint),
            (Self::Any, _)
                | (Self::AccessToken, Endpoint::AccessToken)
                | (Self::RefreshToken, Endpoint::RefreshToken)
                | (Self::Auth, Endpoint::Auth)
                | (Self::Userinfo, Endpoint::Userinfo)
        )
    }
}

impl From<Endpoint> for FaultTarget {
    fn from(endpoint: Endpoint) -> Self {
        match endpoint {
            Endpoint::AccessToken => Self::AccessToken,
            Endpoint::RefreshToken => Self::RefreshToken,
            Endpoint::Auth => Self::Auth,
            Endpoint::Userinfo => Self::Userinfo,
        }
    }
}

/// What goes wrong. At most one of `errcode`, `http_status`, `malformed`, `empty_html`;
/// `latency_ms` may stand alone (a slow but normal answer) or delay any of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Answer `{"errcode":N,...}` (HTTP 200, text/plain), e.g. -1 or 45011.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errcode: Option<i64>,
    /// Answer this HTTP status with an HTML error page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// Answer a truncated, non-JSON body.
    #[serde(default, skip_serializing_if = "is_false")]
    pub malformed: bool,
    /// Answer an empty `text/html; charset=gbk` body, as bad credentials sometimes produce.
    #[serde(default, skip_serializing_if = "is_false")]
    pub empty_html: bool,
    /// Hold the answer back this long.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Fault {
    pub fn errcode(errcode: i64) -> Self {
        Self {
            errcode: Some(errcode),
            ..Self::default()
        }
    }

    pub fn http_status(status: u16) -> Self {
        Self {
            http_status: Some(status),
            ..Self::default()
        }
    }

    pub fn malformed() -> Self {
        Self {
            malformed: true,
            ..Self::default()
        }
    }

    pub fn empty_html() -> Self {
        Self {
            empty_html: true,
            ..Self::default()
        }
    }

    pub fn latency(ms: u64) -> Self {
        Self::default().with_latency(ms)
    }

    pub fn with_latency(mut self, ms: u64) -> Self {
        self.latency_ms = Some(ms);
        self
    }

    /// Why this fault cannot be applied, if it cannot.
    pub fn problem(&self) -> Option<&'static str> {
        let outcomes = [
            self.errcode.is_some(),
            self.http_status.is_some(),
            self.malformed,
            self.empty_html,
        ]
        .into_iter()
        .filter(|set| *set)
        .count();
        if outcomes > 1 {
            return Some("a fault has at most one of errcode, http_status, malformed, empty_html");
        }
        if outcomes == 0 && self.latency_ms.is_none() {
            return Some("a fault needs errcode, http_status, malformed, empty_html or latency_ms");
        }
        if self.http_status.is_some_and(|s| !(100..=599).contains(&s)) {
            return Some("http_status must be between 100 and 599");
        }
        None
    }
}

/// `POST /sim/faults`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FaultRequest {
    pub endpoint: FaultTarget,
    pub fault: Fault,
    /// How many of the next matching calls it hits.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// `POST /sim/clock/advance`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClockAdvance {
    pub seconds: u64,
}

/// `GET /sim/clock`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ClockView {
    /// Unix seconds on the simulated clock.
    pub now: u64,
}

/// `GET /sim/calls`: every call to a WeChat endpoint, faulted or not, since the last reset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calls {
    pub access_token: u64,
    pub refresh_token: u64,
    pub auth: u64,
    pub userinfo: u64,
    /// Avatar image downloads (`GET /avatar/...`), so a test can see the server saved it.
    #[serde(default)]
    pub avatar: u64,
}

impl Calls {
    pub(crate) fn bump(&mut self, endpoint: Endpoint) {
        let counter = match endpoint {
            Endpoint::AccessToken => &mut self.access_token,
            Endpoint::RefreshToken => &mut self.refresh_token,
            Endpoint::Auth => &mut self.auth,
            Endpoint::Userinfo => &mut self.userinfo,
        };
        *counter += 1;
    }
}

/// The body of every control API error.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
}
