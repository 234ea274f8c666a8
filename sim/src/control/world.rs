//! Clock, call counters and reset: the simulator-wide knobs.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::error::ApiError;
use super::types::{Calls, ClockAdvance, ClockView};
use crate::state::Shared;

/// `GET /sim/clock`.
pub(crate) async fn clock(State(shared): State<Arc<Shared>>) -> Json<ClockView> {
    Json(ClockView {
        now: shared.world().clock.now(),
    })
}

/// `POST /sim/clock/advance`.
pub(crate) async fn advance(
    State(shared): State<Arc<Shared>>,
    body: Result<Json<ClockAdvance>, JsonRejection>,
) -> Result<Json<ClockView>, ApiError> {
    let Json(request) = body?;
    let mut world = shared.world();
    world.clock.advance(request.seconds);
    Ok(Json(ClockView {
        now: world.clock.now(),
    }))
}

/// `GET /sim/calls`.
pub(crate) async fn calls(State(shared): State<Arc<Shared>>) -> Json<Calls> {
    Json(shared.world().calls)
}

/// `POST /sim/reset`.
pub(crate) async fn reset(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.world().reset();
    StatusCode::NO_CONTENT
}
