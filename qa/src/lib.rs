//! The 18-case QA matrix runner, its web-channel section, and their tools.
//!
//! The seed's 18 login/bind cases (their data lives in the core, `qa_cases()`, so the
//! sample apps' QA screens list the same cases) are driven through the core's public API
//! against the WeChat simulator and the reference server, and reported as a live table,
//! Markdown, JUnit XML and HTML, in Chinese and English. `cargo run -p wxlogin-qa` is the
//! project's main job.

pub mod cases;
pub mod check;
pub mod device;
pub mod env;
pub mod meta;
pub mod proxy;
pub mod redact;
pub mod report;
pub mod run;
pub mod selection;
pub mod shown;
pub mod text;
pub mod web;
