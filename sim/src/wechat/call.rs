//! The frame every WeChat endpoint runs in: count the call, apply a queued fault or do the
//! real work under the lock, then (outside the lock) hold the answer back if asked to.

use std::time::Duration;

use axum::response::Response;
use serde::Serialize;

use super::{fault, reply, WxError};
use crate::control::Endpoint;
use crate::state::{Shared, World};

/// Runs one call of `endpoint`. `work` gets the world and the simulated now.
///
/// A faulted call changes nothing (a code stays unspent). A latency-only fault does the work
/// *first* and delays only the answer: that is the "timed out, but WeChat did redeem the
/// code" case a client must handle, and it stays true even if the client hangs up.
pub(crate) async fn run<T: Serialize>(
    shared: &Shared,
    endpoint: Endpoint,
    work: impl FnOnce(&mut World, u64) -> Result<T, WxError>,
) -> Response {
    let (latency, response) = {
        let mut world = shared.world();
        let fault = world.begin_call(endpoint);
        let latency = fault.as_ref().and_then(|f| f.latency_ms);
        let response = match fault.as_ref().and_then(fault::response) {
            Some(broken) => broken,
            None => {
                let now = world.clock.now();
                reply::result(work(&mut world, now))
            }
        };
        (latency, response)
    };
    if let Some(ms) = latency {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    response
}
