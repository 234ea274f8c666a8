//! `POST /sim/authorize`: the user tapped "allow" — WeChat hands the app a code.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::Json;

use super::error::ApiError;
use super::types::{AuthorizeRequest, AuthorizeResponse};
use crate::state::{Authorization, Shared};

pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    body: Result<Json<AuthorizeRequest>, JsonRejection>,
) -> Result<Json<AuthorizeResponse>, ApiError> {
    let Json(request) = body?;
    let Some(app) = shared.config.app(&request.appid) else {
        return Err(ApiError::unknown_app(&request.appid));
    };
    if request.user.is_empty() {
        return Err(ApiError::bad_request("user must not be empty"));
    }
    let authorization = Authorization {
        appid: request.appid,
        user: request.user,
        scope: request.scope,
        snapshot: request.snapshot,
    };
    let code = shared
        .world()
        .issue_code(app, &shared.config.lifetimes, authorization);
    Ok(Json(AuthorizeResponse { code }))
}
