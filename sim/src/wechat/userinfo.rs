//! `GET /sns/userinfo`: the profile, for tokens whose scope allows it.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Serialize;

use super::params::parsed;
use super::{bearer, call, WxError};
use crate::control::Endpoint;
use crate::ids::{openid, unionid};
use crate::state::Shared;

#[derive(Debug, Serialize)]
struct UserInfo {
    openid: String,
    nickname: String,
    sex: u8,
    province: String,
    city: String,
    country: String,
    headimgurl: String,
    privilege: [String; 0],
    /// Absent for an app not bound to an open-platform account.
    #[serde(skip_serializing_if = "Option::is_none")]
    unionid: Option<String>,
}

/// `lang` (zh_CN, zh_TW, en) is accepted and ignored: the simulator's places have one
/// spelling.
pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<bearer::Params>, QueryRejection>,
) -> Response {
    call::run(&shared, Endpoint::Userinfo, |world, now| {
        let grant = parsed(query)?.check(&world.grants, now)?;
        let auth = &grant.authorization;
        if !auth.scope.allows_userinfo() {
            return Err(WxError::ApiUnauthorized);
        }
        let app = shared
            .config
            .app(&auth.appid)
            .ok_or(WxError::InvalidCredential)?;
        let user = world
            .users
            .get(&auth.user)
            .ok_or(WxError::InvalidCredential)?;
        Ok(UserInfo {
            openid: openid(&auth.appid, &auth.user),
            nickname: user.nickname.clone(),
            sex: user.sex,
            province: user.province.clone(),
            city: user.city.clone(),
            country: user.country.clone(),
            headimgurl: user.headimgurl(&shared.base_url),
            privilege: [],
            unionid: app.account.as_deref().map(|a| unionid(a, &auth.user)),
        })
    })
    .await
}
