//! The avatar image itself, downloaded when a WeChat is bound or logs in, and served by
//! this server: WeChat's `headimgurl` stops working once the user changes avatar.

use crate::accounts::WechatIdentity;
use crate::db::{now, Db};
use crate::wechat::WechatClient;

/// Downloads the identity's avatar and stores it for `user_id`, unless the stored one
/// came from the same URL. A failed download leaves the account without an avatar
/// (`is_bind_avatar` false) but never fails the login.
pub async fn refresh(
    db: &Db,
    wechat: &WechatClient,
    user_id: i64,
    identity: &WechatIdentity,
    stored_from: Option<&str>,
) -> Result<(), sqlx::Error> {
    let Some(url) = identity.headimgurl.as_deref() else {
        return Ok(());
    };
    if stored_from == Some(url) && has_avatar(db, user_id).await? {
        return Ok(());
    }
    let image = match wechat.download_avatar(url).await {
        Ok(Some(image)) => image,
        Ok(None) => {
            tracing::warn!(user_id, "avatar is not an image or too large; not stored");
            return Ok(());
        }
        Err(err) => {
            tracing::warn!(user_id, "avatar download failed: {err}");
            return Ok(());
        }
    };
    store(db, user_id, &image.0, &image.1, url).await
}

async fn has_avatar(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT user_id FROM avatars WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.is_some())
}

async fn store(
    db: &Db,
    user_id: i64,
    content_type: &str,
    data: &[u8],
    url: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO avatars (user_id, content_type, data, fetched_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET content_type = excluded.content_type, data = excluded.data, fetched_at = excluded.fetched_at",
    )
    .bind(user_id)
    .bind(content_type)
    .bind(data)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE users SET is_bind_avatar = 1, wechat_headimgurl = $1, updated_at = $2 WHERE id = $3")
        .bind(url)
        .bind(now())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// The stored image of `user_id`: content type and bytes.
pub async fn load(db: &Db, user_id: i64) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as("SELECT content_type, data FROM avatars WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await
}
