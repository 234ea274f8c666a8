//! Routing the core's log lines to the app's logger (Logcat, os_log).
//!
//! The core logs through the `log` facade; [`set_logger`] installs a forwarder that
//! hands each record to a foreign [`Logger`]. Messages never contain states, codes or
//! tokens: those types redact themselves in `Debug`, and the core logs outcomes, not
//! inputs.

use std::sync::{Arc, RwLock};

use once_cell::sync::OnceCell;

/// Severity, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, uniffi::Enum)]
pub enum LogLevel {
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LogRecord {
    pub level: LogLevel,
    /// The Rust module that logged, e.g. `wxlogin_core::auth::engine`.
    pub target: String,
    pub message: String,
}

/// Implemented by the app to receive the core's log lines. Called on whatever thread
/// logged; keep it quick and do not call back into the core from it.
#[uniffi::export(foreign)]
pub trait Logger: Send + Sync {
    fn log(&self, record: LogRecord);
}

/// Sends the core's log lines at `max_level` and above to `logger`; `None` turns
/// logging off. Can be called again to swap loggers.
#[uniffi::export]
pub fn set_logger(logger: Option<Arc<dyn Logger>>, max_level: LogLevel) {
    let forwarder = FORWARDER.get_or_init(|| Forwarder {
        target: RwLock::new(None),
    });
    // Fails only if another `log` logger is already installed in this process (a Rust
    // host app's own); the core's lines then go there, which is what that host wants.
    let _ = log::set_logger(forwarder);
    *forwarder.target.write().unwrap_or_else(|p| p.into_inner()) = logger.clone();
    log::set_max_level(match logger {
        None => log::LevelFilter::Off,
        Some(_) => to_filter(max_level),
    });
}

static FORWARDER: OnceCell<Forwarder> = OnceCell::new();

struct Forwarder {
    target: RwLock<Option<Arc<dyn Logger>>>,
}

impl log::Log for Forwarder {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let logger = self
            .target
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Some(logger) = logger {
            logger.log(LogRecord {
                level: from_level(record.level()),
                target: record.target().to_owned(),
                message: record.args().to_string(),
            });
        }
    }

    fn flush(&self) {}
}

fn to_filter(level: LogLevel) -> log::LevelFilter {
    match level {
        LogLevel::Error => log::LevelFilter::Error,
        LogLevel::Warn => log::LevelFilter::Warn,
        LogLevel::Info => log::LevelFilter::Info,
        LogLevel::Debug => log::LevelFilter::Debug,
        LogLevel::Trace => log::LevelFilter::Trace,
    }
}

fn from_level(level: log::Level) -> LogLevel {
    match level {
        log::Level::Error => LogLevel::Error,
        log::Level::Warn => LogLevel::Warn,
        log::Level::Info => LogLevel::Info,
        log::Level::Debug => LogLevel::Debug,
        log::Level::Trace => LogLevel::Trace,
    }
}
