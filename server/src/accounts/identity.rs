//! A WeChat identity as the server knows it after the code exchange.

use serde::{Deserialize, Serialize};

use crate::wechat::{Grant, Profile};

/// Keyed by `unionid` when WeChat gives one (the same person across all apps of the
/// open-platform account), with the per-app `openid` kept beside it.
#[derive(Clone, Serialize, Deserialize)]
pub struct WechatIdentity {
    pub open_id: String,
    pub union_id: Option<String>,
    pub nickname: String,
    pub headimgurl: Option<String>,
    pub access_token: String,
    pub access_expires_at: i64,
    pub refresh_token: String,
    pub scope: String,
    /// The AppID of the web channel's app (website app or official account) this
    /// identity came through; `None` for the mobile app, whose openid lives on the
    /// account itself (`wechat_open_id`). Web openids live in `web_openids`.
    #[serde(default)]
    pub web_app: Option<String>,
}

impl WechatIdentity {
    pub fn new(grant: &Grant, profile: Option<&Profile>, now: i64) -> Self {
        Self {
            open_id: grant.openid.clone(),
            union_id: grant
                .unionid
                .clone()
                .or_else(|| profile.and_then(|p| p.unionid.clone()))
                .filter(|u| !u.is_empty()),
            nickname: profile.map(|p| p.nickname.clone()).unwrap_or_default(),
            headimgurl: profile
                .map(|p| p.headimgurl.clone())
                .filter(|u| !u.is_empty()),
            access_token: grant.access_token.clone(),
            access_expires_at: now + grant.expires_in,
            refresh_token: grant.refresh_token.clone(),
            scope: grant.scope.clone(),
            web_app: None,
        }
    }

    /// The same identity, as seen through the web app `app_id`.
    pub fn through_web_app(self, app_id: &str) -> Self {
        Self {
            web_app: Some(app_id.to_owned()),
            ..self
        }
    }

    /// Whether this is the identity bound as (`union_id`, `open_id`) on an account.
    pub fn is(&self, union_id: Option<&str>, open_id: Option<&str>) -> bool {
        match (self.union_id.as_deref(), union_id) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => open_id == Some(self.open_id.as_str()),
        }
    }
}

impl std::fmt::Debug for WechatIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WechatIdentity")
            .field("open_id", &self.open_id)
            .field("union_id", &self.union_id)
            .field("web_app", &self.web_app)
            .finish_non_exhaustive()
    }
}
