//! `POST /sim/qr/{ticket}/scan`: the phone scans a website login QR code — what a test does
//! where a person would hold up the phone.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::Json;

use super::error::ApiError;
use super::types::{QrScanRequest, QrScanResponse};
use crate::state::{ScanError, Shared};
use crate::web;

pub(crate) async fn scan(
    State(shared): State<Arc<Shared>>,
    Path(ticket): Path<String>,
    body: Result<Json<QrScanRequest>, JsonRejection>,
) -> Result<Json<QrScanResponse>, ApiError> {
    let Json(request) = body?;
    if request.user.is_empty() {
        return Err(ApiError::bad_request("user must not be empty"));
    }
    match web::scan(&shared, &ticket, &request.user, request.allow) {
        Ok(redirect) => Ok(Json(QrScanResponse { redirect })),
        Err(error) => {
            let message = web::scan_error_text(error).en;
            Err(match error {
                ScanError::Unknown => ApiError::not_found(message),
                ScanError::Used | ScanError::Expired => ApiError::conflict(message),
            })
        }
    }
}
