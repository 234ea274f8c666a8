//! `/sim/faults`: queue or clear broken answers.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use super::error::ApiError;
use super::types::FaultRequest;
use crate::state::Shared;

/// `POST /sim/faults`.
pub(crate) async fn inject(
    State(shared): State<Arc<Shared>>,
    body: Result<Json<FaultRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(request) = body?;
    if let Some(problem) = request.fault.problem() {
        return Err(ApiError::bad_request(problem));
    }
    shared
        .world()
        .faults
        .push(request.endpoint, request.fault, request.count);
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /sim/faults`.
pub(crate) async fn clear(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.world().faults.clear();
    StatusCode::NO_CONTENT
}
