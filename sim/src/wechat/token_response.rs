//! The body of a successful code exchange or refresh.

use serde::Serialize;

use crate::config::AppConfig;
use crate::ids::{openid, unionid};
use crate::state::Grant;

#[derive(Debug, Serialize)]
pub(crate) struct TokenResponse {
    access_token: String,
    expires_in: u64,
    refresh_token: String,
    openid: String,
    scope: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unionid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_snapshotuser: Option<u8>,
}

impl TokenResponse {
    /// What `/sns/oauth2/access_token` returns: with `unionid` when the app is bound to an
    /// open-platform account, and `is_snapshotuser` for a snapshot-page authorization.
    pub(crate) fn exchange(app: &AppConfig, grant: &Grant, expires_in: u64) -> Self {
        let auth = &grant.authorization;
        Self {
            unionid: app.account.as_deref().map(|a| unionid(a, &auth.user)),
            is_snapshotuser: auth.snapshot.then_some(1),
            ..Self::refresh(grant, expires_in)
        }
    }

    /// What `/sns/oauth2/refresh_token` returns: WeChat's documented refresh answer carries
    /// no `unionid` (a client must keep the one from the exchange).
    pub(crate) fn refresh(grant: &Grant, expires_in: u64) -> Self {
        let auth = &grant.authorization;
        Self {
            access_token: grant.access_token.clone(),
            expires_in,
            refresh_token: grant.refresh_token.clone(),
            openid: openid(&auth.appid, &auth.user),
            scope: auth.scope.as_str(),
            unionid: None,
            is_snapshotuser: None,
        }
    }
}
