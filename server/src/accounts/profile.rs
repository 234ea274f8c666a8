//! Keeping an account's WeChat profile current: the nickname and the stored avatar.
//!
//! A binding does it before answering, since its answer shows the profile (seed case
//! 10). A returning user's login does not wait for it: the code exchange alone names the
//! account (openid, and unionid), so the login answers after that one WeChat call, and
//! `/sns/userinfo` and the avatar download run afterwards in a background task
//! ([`ProfileRefresher`]).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use super::{UserRow, WechatIdentity};
use crate::avatars;
use crate::db::{now, Db};
use crate::wechat::{Deadline, Grant, WechatClient, WechatError};

/// Background refreshes running at once, at most. Each holds a WeChat connection and,
/// for a new avatar, up to 1 MiB; beyond this a refresh is skipped (the next login of
/// that user does it), so a burst of logins cannot pile up tasks and memory.
const MAX_RUNNING: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("WeChat: {0}")]
    Wechat(#[from] WechatError),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

/// Stores the identity's nickname (when WeChat gave one and it changed) and its avatar
/// image (when its URL changed), for `user`. A failed or too slow avatar download
/// leaves the account as it was: it never fails the caller.
pub async fn refresh(
    db: &Db,
    wechat: &WechatClient,
    user: &UserRow,
    identity: &WechatIdentity,
    deadline: Deadline,
) -> Result<(), sqlx::Error> {
    if !identity.nickname.is_empty() && user.wechat_name.as_deref() != Some(&identity.nickname) {
        sqlx::query("UPDATE users SET wechat_name = $1, updated_at = $2 WHERE id = $3")
            .bind(&identity.nickname)
            .bind(now())
            .bind(user.id)
            .execute(&db.pool)
            .await?;
    }
    let stored_from = user.wechat_headimgurl.as_deref();
    let avatar = avatars::refresh(db, wechat, user.id, identity, stored_from);
    match tokio::time::timeout(deadline.remaining(), avatar).await {
        Ok(stored) => stored,
        Err(_) => {
            tracing::warn!(
                user_id = user.id,
                "avatar download outlasted the deadline; not stored"
            );
            Ok(())
        }
    }
}

/// Runs profile refreshes after the answer, a bounded number at once.
#[derive(Clone)]
pub struct ProfileRefresher {
    db: Db,
    wechat: WechatClient,
    budget: Duration,
    running: Arc<Semaphore>,
}

impl ProfileRefresher {
    /// `budget`: the time one refresh may spend on WeChat (the request deadline).
    pub fn new(db: Db, wechat: WechatClient, budget: Duration) -> Self {
        Self {
            db,
            wechat,
            budget,
            running: Arc::new(Semaphore::new(MAX_RUNNING)),
        }
    }

    /// Reads the profile behind `grant` and stores it for `user`, in the background.
    /// Failures are logged; a refresh that finds every slot taken is skipped and logged.
    pub fn refresh_later(&self, user: UserRow, grant: Grant) {
        let Ok(slot) = self.running.clone().try_acquire_owned() else {
            tracing::warn!(
                user_id = user.id,
                "profile refresh skipped: {MAX_RUNNING} already running; the next login refreshes it"
            );
            return;
        };
        let this = self.clone();
        tokio::spawn(async move {
            let _slot = slot;
            if let Err(err) = this.refresh_now(&user, &grant).await {
                tracing::warn!(user_id = user.id, "profile refresh failed: {err}");
            }
        });
    }

    async fn refresh_now(&self, user: &UserRow, grant: &Grant) -> Result<(), ProfileError> {
        let deadline = Deadline::after(self.budget);
        let Some(profile) = read_profile(&self.wechat, grant, deadline).await? else {
            return Ok(());
        };
        let identity = WechatIdentity::new(grant, Some(&profile), now());
        refresh(&self.db, &self.wechat, user, &identity, deadline).await?;
        Ok(())
    }
}

/// `/sns/userinfo` for the grant, when its scope allows it: the mobile app's and the
/// official account's `snsapi_userinfo`, the website app's `snsapi_login`
/// (`snsapi_base` has no profile).
pub async fn read_profile(
    wechat: &WechatClient,
    grant: &Grant,
    deadline: Deadline,
) -> Result<Option<crate::wechat::Profile>, WechatError> {
    if !grant
        .scope
        .split(',')
        .any(|s| s == "snsapi_userinfo" || s == "snsapi_login")
    {
        return Ok(None);
    }
    wechat
        .userinfo(&grant.access_token, &grant.openid, deadline)
        .await
        .map(Some)
}
