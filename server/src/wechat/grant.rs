//! What WeChat gives the server for a user.

use serde::{Deserialize, Serialize};

/// The answer of `/sns/oauth2/access_token` and `/sns/oauth2/refresh_token`.
#[derive(Clone, Serialize, Deserialize)]
pub struct Grant {
    pub access_token: String,
    pub expires_in: i64,
    pub refresh_token: String,
    pub openid: String,
    pub scope: String,
    #[serde(default)]
    pub unionid: Option<String>,
    /// 1 for the official-account flow's placeholder identity, which must be refused.
    #[serde(default)]
    pub is_snapshotuser: Option<i64>,
}

impl std::fmt::Debug for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grant")
            .field("openid", &self.openid)
            .field("unionid", &self.unionid)
            .field("scope", &self.scope)
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// The answer of `/sns/userinfo`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Profile {
    pub openid: String,
    #[serde(default)]
    pub nickname: String,
    #[serde(default)]
    pub headimgurl: String,
    #[serde(default)]
    pub unionid: Option<String>,
}
