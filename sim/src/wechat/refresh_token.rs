//! `GET /sns/oauth2/refresh_token`: keep a grant alive without the user.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::params::{parsed, required};
use super::token_response::TokenResponse;
use super::{call, WxError};
use crate::control::Endpoint;
use crate::state::Shared;

#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    appid: Option<String>,
    grant_type: Option<String>,
    refresh_token: Option<String>,
}

pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Params>, QueryRejection>,
) -> Response {
    call::run(&shared, Endpoint::RefreshToken, |world, now| {
        let params = parsed(query)?;
        let appid = required(params.appid, WxError::AppidMissing)?;
        let app = shared.config.app(&appid).ok_or(WxError::InvalidAppid)?;
        if params.grant_type.as_deref() != Some("refresh_token") {
            return Err(WxError::InvalidGrantType);
        }
        let refresh_token = required(params.refresh_token, WxError::RefreshTokenMissing)?;
        let lifetimes = &shared.config.lifetimes;
        let grant = world
            .grants
            .refresh(&app.appid, &refresh_token, now, lifetimes)?;
        Ok(TokenResponse::refresh(grant, lifetimes.access_token_secs))
    })
    .await
}
