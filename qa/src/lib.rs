//! The 18-case QA matrix runner and its tools.
//!
//! The runner drives the real wxlogin core against a real `wxlogin-server` on
//! loopback; the tools here bend the path between them so the matrix can
//! exercise the cases a unit test cannot reach, such as case 17 (弱网、断网:
//! weak and no network), which [`proxy::FaultProxy`] reproduces.

pub mod proxy;
