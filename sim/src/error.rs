//! Errors of the simulator's own lifecycle (not WeChat errcodes, which are answers).

use std::io;

/// Why the simulator could not start or stop cleanly.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The listen address could not be bound (in use, bad syntax, no permission).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: io::Error,
    },
    /// The server task ended with an I/O error or panicked.
    #[error("simulator server failed: {0}")]
    Serve(String),
}
