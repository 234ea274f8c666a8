//! wxlogin core: the client half of WeChat OAuth 2.0 login, for Android and iOS apps.
//!
//! The public surface (everything a Kotlin or Swift app sees) lives in this crate's
//! top-level modules and is thin: [`WxLogin`] hands every call to the auth engine in
//! [`auth`], converts internal failures into the one public [`WxLoginError`] in
//! [`error`], and keeps secrets out of `Debug` output and logs.
//!
//! What the app does, in order:
//! 1. ask [`button_policy`] whether to show the WeChat button;
//! 2. [`WxLogin::begin_auth`] to get the `scope` and `state` for `SendAuth.Req`;
//! 3. pass the SDK's `BaseResp` to [`WxLogin::on_auth_resp`] from `WXEntryActivity` /
//!    `WXApiDelegate`; only a callback for the pending request with a matching, unexpired,
//!    unused state yields a code;
//! 4. optionally `await` [`WxLogin::await_outcome`] on the login screen and call
//!    [`WxLogin::on_app_foreground`] when the app comes back, so the UI never waits forever.

// Nothing may panic across the FFI boundary: UniFFI would turn it into an exception, but
// a panic is a bug, so library code must not have a way to produce one.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::todo)
)]

uniffi::setup_scaffolding!("wxlogin");

mod account;
mod api;
pub mod auth;
mod button;
mod client;
mod error;
mod flow;
mod input;
mod logging;
mod matrix;
mod store;
mod support;
pub mod web;

pub use account::{
    Account, BindingConflict, CaptchaPurpose, CaptchaSent, LoginResult, WechatProfile,
};
pub use auth::{AuthOutcome, AuthStart, SdkErrCode};
pub use button::{button_policy, ButtonPolicy, Platform, WechatAvailability};
pub use client::{WxLogin, WxLoginConfig};
pub use error::WxLoginError;
pub use flow::{FlowObserver, FlowState};
pub use input::InputText;
pub use logging::{set_logger, LogLevel, LogRecord, Logger};
pub use matrix::{qa_case, qa_cases, QaArea, QaCase};
pub use store::{in_memory_store, InMemoryStore, SecureStore};
pub use web::{OfficialAccountScope, WebAuthRequest, WebFlow};

/// This crate's version, for reports that must say which core they tested (the QA
/// runner's metadata). Rust only: the apps know the version of the library they ship.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
