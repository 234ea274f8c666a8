//! The WeChat grant (tokens) behind an account, kept for `resume`.

use sqlx::{Any, Executor, FromRow};

use super::WechatIdentity;
use crate::db::{now, Db};
use crate::wechat::Grant;

#[derive(FromRow)]
pub struct StoredGrant {
    pub open_id: String,
    pub access_token: String,
    pub refresh_token: String,
}

/// Stores the grant of `identity` for `user_id`. A binding calls it inside its own
/// transaction, so that an account never has a WeChat without the grant that resume
/// re-checks, whenever the server stops.
pub async fn save_grant<'e, E: Executor<'e, Database = Any>>(
    db: E,
    user_id: i64,
    identity: &WechatIdentity,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO wechat_grants (user_id, open_id, access_token, access_expires_at, refresh_token, scope, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (user_id) DO UPDATE SET open_id = excluded.open_id, access_token = excluded.access_token, \
         access_expires_at = excluded.access_expires_at, refresh_token = excluded.refresh_token, scope = excluded.scope, \
         updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(&identity.open_id)
    .bind(&identity.access_token)
    .bind(identity.access_expires_at)
    .bind(&identity.refresh_token)
    .bind(&identity.scope)
    .bind(now())
    .execute(db)
    .await?;
    Ok(())
}

pub async fn load_grant(db: &Db, user_id: i64) -> Result<Option<StoredGrant>, sqlx::Error> {
    sqlx::query_as(
        "SELECT open_id, access_token, refresh_token FROM wechat_grants WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await
}

/// After a refresh: WeChat's refresh answer has no unionid, so only tokens change.
pub async fn update_tokens(db: &Db, user_id: i64, grant: &Grant) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE wechat_grants SET access_token = $1, access_expires_at = $2, refresh_token = $3, updated_at = $4 WHERE user_id = $5")
        .bind(&grant.access_token)
        .bind(now() + grant.expires_in)
        .bind(&grant.refresh_token)
        .bind(now())
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}
