//! The app-server API that the core's client, the reference server and the QA runner
//! share, so the three cannot drift apart. Serde types only: no HTTP, no database.
//!
//! Every response is the envelope `{"code": 0, "msg": "...", "data": {...}}`; `code` is
//! 0 on success and an [`ApiCode`] otherwise, and the HTTP status tells the class of
//! failure. `openapi.yaml` in the server crate documents the same shapes for other
//! clients, and the server's tests check it against these types.

mod codes;
mod envelope;
mod messages;

pub use codes::ApiCode;
pub use envelope::Envelope;
pub use messages::*;

/// Routes, relative to the server's base URL.
pub mod paths {
    pub const AUTH_WECHAT: &str = "/v1/auth/wechat";
    pub const CAPTCHA: &str = "/v1/captcha";
    pub const AUTH_WECHAT_BIND_PHONE: &str = "/v1/auth/wechat/bind-phone";
    pub const AUTH_PHONE: &str = "/v1/auth/phone";
    pub const AUTH_PASSWORD: &str = "/v1/auth/password";
    pub const AUTH_RESUME: &str = "/v1/auth/resume";
    pub const AUTH_LOGOUT: &str = "/v1/auth/logout";
    pub const ME: &str = "/v1/me";
    pub const ME_WECHAT: &str = "/v1/me/wechat";
    pub const ME_PHONE: &str = "/v1/me/phone";
    pub const HEALTH: &str = "/v1/health";
}
