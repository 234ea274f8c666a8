//! Reading accounts.

use sqlx::{Any, Executor, FromRow};
use wxlogin_contract::User;

use super::WechatIdentity;

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub mobile: Option<String>,
    pub account: Option<String>,
    pub password_hash: Option<String>,
    pub wechat_union_id: Option<String>,
    pub wechat_open_id: Option<String>,
    pub wechat_name: Option<String>,
    /// The WeChat URL the stored avatar was downloaded from.
    pub wechat_headimgurl: Option<String>,
    pub is_bind_avatar: i64,
    /// The stored avatar's public id (`/v1/avatars/{id}`).
    pub avatar_id: Option<String>,
}

const COLUMNS: &str = "id, mobile, account, password_hash, wechat_union_id, wechat_open_id, wechat_name, wechat_headimgurl, is_bind_avatar, \
    (SELECT public_id FROM avatars WHERE avatars.user_id = users.id) AS avatar_id";

impl UserRow {
    pub fn has_wechat(&self) -> bool {
        self.wechat_open_id.is_some() || self.wechat_union_id.is_some()
    }

    pub fn to_contract(&self) -> User {
        let bound = self.has_wechat();
        User {
            id: self.id,
            mobile: self.mobile.clone(),
            account: self.account.clone(),
            is_bind_wechat: bound,
            wechat_name: self.wechat_name.clone(),
            wechat_avatar: self
                .avatar_id
                .as_ref()
                .filter(|_| self.is_bind_avatar != 0)
                .map(|id| crate::avatars::path_of(id)),
            wechat_open_id: self.wechat_open_id.clone(),
            wechat_union_id: self.wechat_union_id.clone(),
            is_bind_avatar: self.is_bind_avatar != 0,
        }
    }
}

pub async fn load_user<'e, E: Executor<'e, Database = Any>>(
    db: E,
    id: i64,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn find_by_mobile<'e, E: Executor<'e, Database = Any>>(
    db: E,
    mobile: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE mobile = $1"))
        .bind(mobile)
        .fetch_optional(db)
        .await
}

pub async fn find_by_account<'e, E: Executor<'e, Database = Any>>(
    db: E,
    account: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE account = $1"))
        .bind(account)
        .fetch_optional(db)
        .await
}

/// The account holding this WeChat: by unionid when there is one, else by openid.
pub async fn find_by_wechat<'e, E: Executor<'e, Database = Any>>(
    db: E,
    identity: &WechatIdentity,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE wechat_union_id = $1 OR wechat_open_id = $2 LIMIT 1"
    ))
    .bind(identity.union_id.as_deref())
    .bind(&identity.open_id)
    .fetch_optional(db)
    .await
}

/// Records the mobile app's openid on an account that got its WeChat through a web
/// channel (found by unionid), unless some account holds that openid already.
pub async fn remember_mobile_openid<'e, E: Executor<'e, Database = Any>>(
    db: E,
    user_id: i64,
    open_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET wechat_open_id = $1, updated_at = $2 WHERE id = $3 AND wechat_open_id IS NULL \
         AND NOT EXISTS (SELECT 1 FROM users AS other WHERE other.wechat_open_id = $1)",
    )
    .bind(open_id)
    .bind(crate::db::now())
    .bind(user_id)
    .execute(db)
    .await?;
    Ok(())
}

/// The account holding `union_id`, whichever app it came through.
pub async fn find_by_union_id<'e, E: Executor<'e, Database = Any>>(
    db: E,
    union_id: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE wechat_union_id = $1"
    ))
    .bind(union_id)
    .fetch_optional(db)
    .await
}

/// The account a web app's openid was recorded for.
pub async fn find_by_web_openid<'e, E: Executor<'e, Database = Any>>(
    db: E,
    app_id: &str,
    open_id: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE id = \
         (SELECT user_id FROM web_openids WHERE app_id = $1 AND open_id = $2)"
    ))
    .bind(app_id)
    .bind(open_id)
    .fetch_optional(db)
    .await
}

/// An account with a login name and password (the seed's "账号登录", case 9); created by
/// operators or, in development, by `POST /dev/accounts`.
pub async fn create_password_account(
    db: &crate::db::Db,
    account: &str,
    password_hash: &str,
    mobile: Option<&str>,
) -> Result<i64, sqlx::Error> {
    let now = crate::db::now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO users (mobile, account, password_hash, is_bind_avatar, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4) RETURNING id",
    )
    .bind(mobile)
    .bind(account)
    .bind(password_hash)
    .bind(now)
    .fetch_one(&db.pool)
    .await?;
    Ok(id)
}
