//! The `access_token` + `openid` pair that `/sns/auth` and `/sns/userinfo` both check.

use serde::Deserialize;

use super::params::required;
use super::WxError;
use crate::ids::openid;
use crate::state::{Grant, Grants};

#[derive(Debug, Deserialize)]
pub(crate) struct Params {
    access_token: Option<String>,
    openid: Option<String>,
}

impl Params {
    /// The grant behind the token, if the token is live and was issued for that openid.
    pub(crate) fn check(self, grants: &Grants, now: u64) -> Result<&Grant, WxError> {
        let access_token = required(self.access_token, WxError::AccessTokenMissing)?;
        let claimed = required(self.openid, WxError::OpenidMissing)?;
        let grant = grants.access(&access_token, now)?;
        let auth = &grant.authorization;
        if openid(&auth.appid, &auth.user) != claimed {
            return Err(WxError::InvalidOpenid);
        }
        Ok(grant)
    }
}
