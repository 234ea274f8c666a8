//! `GET /sns/oauth2/access_token`: a code for an access token.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::params::{parsed, required};
use super::token_response::TokenResponse;
use super::{call, WxError};
use crate::config::AppConfig;
use crate::control::Endpoint;
use crate::state::Shared;

#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    appid: Option<String>,
    secret: Option<String>,
    code: Option<String>,
    grant_type: Option<String>,
}

pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<Params>, QueryRejection>,
) -> Response {
    call::run(&shared, Endpoint::AccessToken, |world, now| {
        let params = parsed(query)?;
        let app = authenticate(&shared, &params)?;
        if params.grant_type.as_deref() != Some("authorization_code") {
            return Err(WxError::InvalidGrantType);
        }
        let code = required(params.code, WxError::CodeMissing)?;
        let lifetimes = &shared.config.lifetimes;
        let grant = world
            .grants
            .redeem_code(&app.appid, &code, now, lifetimes)?;
        Ok(TokenResponse::exchange(
            app,
            grant,
            lifetimes.access_token_secs,
        ))
    })
    .await
}

/// The app, if the appid is registered and the secret is its secret.
fn authenticate<'a>(shared: &'a Shared, params: &Params) -> Result<&'a AppConfig, WxError> {
    let appid = required(params.appid.clone(), WxError::AppidMissing)?;
    let app = shared.config.app(&appid).ok_or(WxError::InvalidAppid)?;
    let secret = required(params.secret.clone(), WxError::AppSecretMissing)?;
    if secret != app.secret {
        return Err(WxError::InvalidAppSecret);
    }
    Ok(app)
}
