//! `GET /sns/auth`: is this access token still good for this openid?

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Serialize;

use super::params::parsed;
use super::{bearer, call};
use crate::control::Endpoint;
use crate::state::Shared;

#[derive(Debug, Serialize)]
struct Valid {
    errcode: i64,
    errmsg: &'static str,
}

pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<bearer::Params>, QueryRejection>,
) -> Response {
    call::run(&shared, Endpoint::Auth, |world, now| {
        parsed(query)?.check(&world.grants, now)?;
        Ok(Valid {
            errcode: 0,
            errmsg: "ok",
        })
    })
    .await
}
