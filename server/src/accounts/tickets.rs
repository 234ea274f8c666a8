//! Bind tickets: a WeChat identity waiting for its phone, after `is_bind: false`.

use super::WechatIdentity;
use crate::db::{now, Db};
use crate::secrets::{digest, random_token};

pub async fn create_ticket(
    db: &Db,
    identity: &WechatIdentity,
    ttl_s: u32,
) -> Result<String, sqlx::Error> {
    let ticket = random_token(32);
    let json = serde_json::to_string(identity).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query("DELETE FROM bind_tickets WHERE expires_at < $1")
        .bind(now())
        .execute(&db.pool)
        .await?;
    sqlx::query("INSERT INTO bind_tickets (ticket_hash, identity, expires_at, used_at) VALUES ($1, $2, $3, NULL)")
        .bind(digest(&ticket))
        .bind(json)
        .bind(now() + i64::from(ttl_s))
        .execute(&db.pool)
        .await?;
    Ok(ticket)
}

/// The identity of an unexpired ticket. A ticket already used still opens: if its
/// binding went through but the answer was lost (a dropped connection), the client's
/// retry must succeed, and the binding rules make a repeat of the same binding a no-op
/// while refusing any other phone for that WeChat.
pub async fn open_ticket(db: &Db, ticket: &str) -> Result<Option<WechatIdentity>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT identity FROM bind_tickets WHERE ticket_hash = $1 AND expires_at > $2",
    )
    .bind(digest(ticket))
    .bind(now())
    .fetch_optional(&db.pool)
    .await?;
    row.map(|(json,)| serde_json::from_str(&json).map_err(|e| sqlx::Error::Decode(Box::new(e))))
        .transpose()
}

pub async fn close_ticket(db: &Db, ticket: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE bind_tickets SET used_at = $1 WHERE ticket_hash = $2")
        .bind(now())
        .bind(digest(ticket))
        .execute(&db.pool)
        .await?;
    Ok(())
}
