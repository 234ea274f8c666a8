//! The WeChat side: the four `/sns/` endpoints, speaking WeChat's dialect.

mod access_token;
mod auth;
mod bearer;
mod call;
mod errcode;
mod fault;
mod params;
mod refresh_token;
mod reply;
mod token_response;
mod userinfo;

use std::sync::Arc;

use axum::routing::get;
use axum::Router;

pub(crate) use errcode::WxError;

use crate::state::Shared;

/// The routes WeChat's `api.weixin.qq.com` serves.
pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/sns/oauth2/access_token", get(access_token::handle))
        .route("/sns/oauth2/refresh_token", get(refresh_token::handle))
        .route("/sns/auth", get(auth::handle))
        .route("/sns/userinfo", get(userinfo::handle))
}
