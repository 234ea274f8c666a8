//! The avatar image itself, downloaded when a WeChat is bound or logs in, and served by
//! this server: WeChat's `headimgurl` stops working once the user changes avatar.

use crate::accounts::WechatIdentity;
use crate::db::{now, Db};
use crate::secrets::random_token;
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

/// The URL path of an avatar.
pub fn path_of(public_id: &str) -> String {
    format!("/v1/avatars/{public_id}")
}

/// Whether `id` has the shape of a public avatar id (32 letters and digits).
pub fn plausible_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Stores the image under a new random public id, so a new image gets a new URL
/// (caches of the old one never show a stale picture) and no URL can be guessed.
async fn store(
    db: &Db,
    user_id: i64,
    content_type: &str,
    data: &[u8],
    url: &str,
) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO avatars (user_id, content_type, data, fetched_at, public_id) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id) DO UPDATE SET content_type = excluded.content_type, data = excluded.data, \
         fetched_at = excluded.fetched_at, public_id = excluded.public_id",
    )
    .bind(user_id)
    .bind(content_type)
    .bind(data)
    .bind(now())
    .bind(random_token(32))
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

/// The stored image with this public id: content type and bytes.
pub async fn load(db: &Db, public_id: &str) -> Result<Option<(String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as("SELECT content_type, data FROM avatars WHERE public_id = $1")
        .bind(public_id)
        .fetch_optional(&db.pool)
        .await
}
