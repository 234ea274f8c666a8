//! The app-server client: the calls of `wxlogin-contract` over one shared HTTP client.

mod answer;
mod client;
mod once;
mod session;

pub(crate) use client::{ApiClient, Failure};
pub(crate) use once::OncePerCode;
pub(crate) use session::SessionStore;
