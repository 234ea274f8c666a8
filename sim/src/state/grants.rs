//! Authorization codes and the token pairs they turn into.
//!
//! A *grant* is one successful code exchange: an access token (replaced when refreshed after
//! expiry) and a refresh token (fixed for the grant's life). Every rule here is one WeChat
//! documents or is observed to follow; each check returns the errcode WeChat would.

use std::collections::HashMap;

use crate::config::Lifetimes;
use crate::control::Scope;
use crate::ids::{random_token, CODE_LEN, TOKEN_LEN};
use crate::wechat::WxError;

/// What the user authorized, carried from the code into the grant.
#[derive(Debug, Clone)]
pub(crate) struct Authorization {
    pub(crate) appid: String,
    pub(crate) user: String,
    pub(crate) scope: Scope,
    pub(crate) snapshot: bool,
}

#[derive(Debug)]
struct CodeRecord {
    authorization: Authorization,
    expires_at: u64,
    /// Used codes are kept so a second exchange says 40163, not 40029.
    used: bool,
}

#[derive(Debug)]
pub(crate) struct Grant {
    pub(crate) authorization: Authorization,
    pub(crate) access_token: String,
    pub(crate) access_expires_at: u64,
    pub(crate) refresh_token: String,
    refresh_expires_at: u64,
    revoked: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Grants {
    codes: HashMap<String, CodeRecord>,
    grants: Vec<Grant>,
    by_access: HashMap<String, usize>,
    by_refresh: HashMap<String, usize>,
}

impl Grants {
    /// A fresh single-use code for what the user just allowed.
    pub(crate) fn issue_code(&mut self, authorization: Authorization, expires_at: u64) -> String {
        let code = random_token(CODE_LEN);
        self.codes.insert(
            code.clone(),
            CodeRecord {
                authorization,
                expires_at,
                used: false,
            },
        );
        code
    }

    /// `/sns/oauth2/access_token`: spends the code and opens a grant.
    pub(crate) fn redeem_code(
        &mut self,
        appid: &str,
        code: &str,
        now: u64,
        lifetimes: &Lifetimes,
    ) -> Result<&Grant, WxError> {
        let record = self
            .codes
            .get_mut(code)
            .filter(|r| r.authorization.appid == appid)
            .ok_or(WxError::InvalidCode)?;
        if record.used {
            return Err(WxError::CodeBeenUsed);
        }
        if now >= record.expires_at {
            return Err(WxError::CodeExpired);
        }
        record.used = true;
        let authorization = record.authorization.clone();
        Ok(self.open_grant(authorization, now, lifetimes))
    }

    fn open_grant(&mut self, authorization: Authorization, now: u64, lt: &Lifetimes) -> &Grant {
        let index = self.grants.len();
        let grant = Grant {
            authorization,
            access_token: random_token(TOKEN_LEN),
            access_expires_at: now.saturating_add(lt.access_token_secs),
            refresh_token: random_token(TOKEN_LEN),
            refresh_expires_at: now.saturating_add(lt.refresh_token_secs),
            revoked: false,
        };
        self.by_access.insert(grant.access_token.clone(), index);
        self.by_refresh.insert(grant.refresh_token.clone(), index);
        self.grants.push(grant);
        &self.grants[index]
    }

    /// `/sns/oauth2/refresh_token`: an expired access token is replaced, a live one keeps
    /// its value and gets a fresh expiry.
    pub(crate) fn refresh(
        &mut self,
        appid: &str,
        refresh_token: &str,
        now: u64,
        lifetimes: &Lifetimes,
    ) -> Result<&Grant, WxError> {
        let index = *self
            .by_refresh
            .get(refresh_token)
            .filter(|i| self.grants[**i].authorization.appid == appid)
            .ok_or(WxError::InvalidRefreshToken)?;
        let grant = &mut self.grants[index];
        if grant.revoked {
            return Err(WxError::UserRevoked);
        }
        if now >= grant.refresh_expires_at {
            return Err(WxError::RefreshTokenExpired);
        }
        if now >= grant.access_expires_at {
            self.by_access.remove(&grant.access_token);
            grant.access_token = random_token(TOKEN_LEN);
            self.by_access.insert(grant.access_token.clone(), index);
        }
        grant.access_expires_at = now.saturating_add(lifetimes.access_token_secs);
        Ok(grant)
    }

    /// The grant behind a live access token (`/sns/auth`, `/sns/userinfo`).
    pub(crate) fn access(&self, access_token: &str, now: u64) -> Result<&Grant, WxError> {
        let grant = self
            .by_access
            .get(access_token)
            .map(|i| &self.grants[*i])
            .filter(|g| !g.revoked)
            .ok_or(WxError::InvalidCredential)?;
        if now >= grant.access_expires_at {
            return Err(WxError::AccessTokenExpired);
        }
        Ok(grant)
    }

    /// The user took the app's authorization back: every grant of (app, user) dies.
    pub(crate) fn revoke(&mut self, appid: &str, user: &str) -> usize {
        self.grants
            .iter_mut()
            .filter(|g| !g.revoked)
            .filter(|g| g.authorization.appid == appid && g.authorization.user == user)
            .map(|g| g.revoked = true)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authorization(appid: &str) -> Authorization {
        Authorization {
            appid: appid.into(),
            user: "alice".into(),
            scope: Scope::SnsapiUserinfo,
            snapshot: false,
        }
    }

    #[test]
    fn a_code_is_single_use_and_app_bound() {
        let lt = Lifetimes::default();
        let mut grants = Grants::default();
        let code = grants.issue_code(authorization("wx1"), 600);
        assert_eq!(
            grants.redeem_code("wx2", &code, 0, &lt).err(),
            Some(WxError::InvalidCode)
        );
        assert!(grants.redeem_code("wx1", &code, 0, &lt).is_ok());
        assert_eq!(
            grants.redeem_code("wx1", &code, 0, &lt).err(),
            Some(WxError::CodeBeenUsed)
        );
    }

    #[test]
    fn revoked_grants_refuse_everything() {
        let lt = Lifetimes::default();
        let mut grants = Grants::default();
        let code = grants.issue_code(authorization("wx1"), 600);
        let grant = grants.redeem_code("wx1", &code, 0, &lt).unwrap();
        let (at, rt) = (grant.access_token.clone(), grant.refresh_token.clone());
        assert_eq!(grants.revoke("wx1", "alice"), 1);
        assert_eq!(
            grants.access(&at, 0).err(),
            Some(WxError::InvalidCredential)
        );
        assert_eq!(
            grants.refresh("wx1", &rt, 0, &lt).err(),
            Some(WxError::UserRevoked)
        );
    }
}
