//! Opaque session tokens: 190 random bits, stored as digests, with an expiry; rotated on
//! resume and revoked on logout.

use crate::db::{now, Db};
use crate::secrets::{digest, random_token};

pub struct NewSession {
    pub token: String,
    pub expires_in_s: u32,
}

pub async fn create(db: &Db, user_id: i64, ttl_s: u32) -> Result<NewSession, sqlx::Error> {
    let token = random_token(32);
    let now = now();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, NULL)")
        .bind(digest(&token))
        .bind(user_id)
        .bind(now)
        .bind(now + i64::from(ttl_s))
        .execute(&db.pool)
        .await?;
    Ok(NewSession {
        token,
        expires_in_s: ttl_s,
    })
}

/// The user of a live session, or `None` for an unknown, expired or revoked token.
pub async fn user_of(db: &Db, token: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(digest(token))
    .bind(now())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Revokes a session; returns whether it was live. Only the first of two racing
/// rotations of the same token wins.
pub async fn revoke(db: &Db, token: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(digest(token))
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
