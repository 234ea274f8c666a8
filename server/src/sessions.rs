//! Opaque session tokens: 190 random bits, stored as digests, with an expiry.
//!
//! A sign-in starts a *chain*; resume rotates the token within the chain (the old token
//! stops working), and logout ends the chain, which ends every token of it at once. A
//! token is live only while its chain is: so a logout that races a resume cannot leave
//! the token the resume minted alive, whichever commits first (the logout ends the
//! chain in one statement, and the new token belongs to that chain).

use crate::db::{now, Db};
use crate::secrets::{digest, random_token};

pub struct NewSession {
    pub token: String,
    pub expires_in_s: u32,
}

/// A new sign-in: a new chain and its first token.
pub async fn create(db: &Db, user_id: i64, ttl_s: u32) -> Result<NewSession, sqlx::Error> {
    let chain = random_token(24);
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO session_chains (id, user_id, created_at, ended_at) VALUES ($1, $2, $3, NULL)",
    )
    .bind(&chain)
    .bind(user_id)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    let session = insert_token(&mut tx, &chain, user_id, ttl_s).await?;
    tx.commit().await?;
    Ok(session)
}

async fn insert_token(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    chain: &str,
    user_id: i64,
    ttl_s: u32,
) -> Result<NewSession, sqlx::Error> {
    let token = random_token(32);
    let now = now();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, chain_id, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, NULL)")
        .bind(digest(&token))
        .bind(user_id)
        .bind(chain)
        .bind(now)
        .bind(now + i64::from(ttl_s))
        .execute(&mut **tx)
        .await?;
    Ok(NewSession {
        token,
        expires_in_s: ttl_s,
    })
}

/// The user of a live session, or `None` for an unknown, expired, rotated or logged-out
/// token.
pub async fn user_of(db: &Db, token: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT s.user_id FROM sessions s JOIN session_chains c ON c.id = s.chain_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND c.ended_at IS NULL",
    )
    .bind(digest(token))
    .bind(now())
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Replaces a live token with a new one in the same chain; `None` when the token was
/// rotated already (only the first of two racing rotations wins) or its chain ended.
pub async fn rotate(
    db: &Db,
    token: &str,
    user_id: i64,
    ttl_s: u32,
) -> Result<Option<NewSession>, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let chain: Option<(String,)> = sqlx::query_as(
        "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL \
         AND chain_id IN (SELECT id FROM session_chains WHERE ended_at IS NULL) RETURNING chain_id",
    )
    .bind(now())
    .bind(digest(token))
    .fetch_optional(&mut *tx)
    .await?;
    let Some((chain,)) = chain else {
        return Ok(None);
    };
    let session = insert_token(&mut tx, &chain, user_id, ttl_s).await?;
    tx.commit().await?;
    Ok(Some(session))
}

/// Ends the chain of `token` (live, or rotated away but not expired: an app that logs
/// out while its resume is in flight still holds the old token); returns whether a live
/// chain ended.
pub async fn end(db: &Db, token: &str) -> Result<bool, sqlx::Error> {
    let now = now();
    let done = sqlx::query(
        "UPDATE session_chains SET ended_at = $1 WHERE ended_at IS NULL AND id = \
         (SELECT chain_id FROM sessions WHERE token_hash = $2 AND expires_at > $1)",
    )
    .bind(now)
    .bind(digest(token))
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
