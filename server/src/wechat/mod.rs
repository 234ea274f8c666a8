//! The server half of WeChat login: talking to `api.weixin.qq.com` (or the simulator).

mod client;
mod deadline;
mod exchange;
mod grant;

pub use client::{WechatClient, WechatError};
pub use deadline::Deadline;
pub use exchange::{exchange_code, Exchange};
pub use grant::{Grant, Profile};
