//! `/sim/users/{id}`: who the WeChat users are, their avatars, their authorizations.

use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::Json;

use super::error::ApiError;
use super::types::{AvatarResponse, RevokeRequest, RevokeResponse, UserUpdate, UserView};
use crate::state::Shared;

/// `PUT /sim/users/{id}`: create or update.
pub(crate) async fn put(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Result<Json<UserUpdate>, JsonRejection>,
) -> Result<Json<UserView>, ApiError> {
    let Json(update) = body?;
    if update.sex.is_some_and(|sex| sex > 2) {
        return Err(ApiError::bad_request("sex is 0 (unknown), 1 or 2"));
    }
    let mut world = shared.world();
    let user = world.users.upsert(&id, update);
    Ok(Json(user.view(&shared.base_url)))
}

/// `GET /sim/users/{id}`.
pub(crate) async fn get(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<UserView>, ApiError> {
    let world = shared.world();
    let user = world.users.get(&id).ok_or_else(|| unknown_user(&id))?;
    Ok(Json(user.view(&shared.base_url)))
}

/// `POST /sim/users/{id}/avatar`: a new picture; the old `headimgurl` dies.
pub(crate) async fn change_avatar(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
) -> Result<Json<AvatarResponse>, ApiError> {
    let mut world = shared.world();
    let user = world
        .users
        .change_avatar(&id)
        .ok_or_else(|| unknown_user(&id))?;
    Ok(Json(AvatarResponse {
        headimgurl: user.headimgurl(&shared.base_url),
    }))
}

/// `POST /sim/users/{id}/revoke`: the user removed the app's authorization in WeChat.
pub(crate) async fn revoke(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    body: Result<Json<RevokeRequest>, JsonRejection>,
) -> Result<Json<RevokeResponse>, ApiError> {
    let Json(request) = body?;
    if shared.config.app(&request.appid).is_none() {
        return Err(ApiError::unknown_app(&request.appid));
    }
    let mut world = shared.world();
    let revoked = world.grants.revoke(&request.appid, &id);
    Ok(Json(RevokeResponse { revoked }))
}

fn unknown_user(id: &str) -> ApiError {
    ApiError::not_found(format!("unknown user {id:?}"))
}
