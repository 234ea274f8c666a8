//! A WeChat open-platform simulator.
//!
//! It answers the four `/sns/` OAuth endpoints exactly the way WeChat does — HTTP 200 with
//! `Content-Type: text/plain` for successes *and* errors, WeChat's errcodes and messages —
//! so any WeChat client library pointed at it works unchanged. A JSON control API under
//! `/sim/` plays the WeChat app (a user taps "allow"), injects faults, and moves a virtual
//! clock so tests can expire codes and tokens without waiting. WeChat's web authorization
//! pages (`/connect/qrconnect` for website QR login, `/connect/oauth2/authorize` for
//! official accounts) are served too, with WeChat's checks and wording.
//!
//! It depends on no other workspace crate: it plays WeChat, nothing else.

mod avatar;
mod clock;
mod config;
pub mod control;
mod error;
mod ids;
mod server;
mod state;
mod web;
mod wechat;

pub use config::{AppConfig, AppKind, AppSpecError, Lifetimes, SimConfig, DEFAULT_ACCOUNT};
pub use error::SimError;
pub use server::{SimHandle, Simulator};
