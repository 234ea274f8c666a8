//! Opaque session tokens: 190 random bits, stored as digests, with an expiry.
//!
//! A sign-in starts a *chain*. Resume rotates in two phases: it mints a new token in the
//! chain and leaves the old one working; the first use of the new token confirms it and
//! revokes its predecessor and every other unconfirmed token minted from that
//! predecessor. So a resume whose answer was lost costs nothing (the app still holds a
//! working token), and of two racing resumes both answer and the token used first wins.
//! Logout ends the chain, which ends every token of it at once: a token is live only
//! while its chain is, so a logout that races a resume cannot leave the token the resume
//! minted alive, whichever commits first.
//!
//! Confirmation, rotation and logout each start by writing the chain's row, which
//! serialises them per chain on both databases (PostgreSQL's row lock, SQLite's single
//! writer): a confirmation cannot revoke a predecessor while a rotation is checking it,
//! and two racing confirmations cannot both win.

use crate::db::{now, Db};
use crate::secrets::{digest, random_token};

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// Unconfirmed tokens kept per predecessor: enough for an app that retries a resume whose
/// answers keep getting lost, few enough that a token cannot mint rows without bound.
const MAX_UNCONFIRMED: i64 = 4;

pub struct NewSession {
    pub token: String,
    pub expires_in_s: u32,
}

/// A new sign-in: a new chain and its first, confirmed token.
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
    let session = insert_token(&mut tx, &chain, user_id, ttl_s, None).await?;
    tx.commit().await?;
    Ok(session)
}

/// A new token in `chain`: confirmed when it starts the chain, unconfirmed when it
/// succeeds `predecessor` (the digest of the token it replaces).
async fn insert_token(
    tx: &mut Tx<'_>,
    chain: &str,
    user_id: i64,
    ttl_s: u32,
    predecessor: Option<&str>,
) -> Result<NewSession, sqlx::Error> {
    let token = random_token(32);
    let now = now();
    let confirmed_at = predecessor.is_none().then_some(now);
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, chain_id, created_at, expires_at, revoked_at, \
         predecessor_hash, confirmed_at) VALUES ($1, $2, $3, $4, $5, NULL, $6, $7)",
    )
    .bind(digest(&token))
    .bind(user_id)
    .bind(chain)
    .bind(now)
    .bind(now + i64::from(ttl_s))
    .bind(predecessor)
    .bind(confirmed_at)
    .execute(&mut **tx)
    .await?;
    Ok(NewSession {
        token,
        expires_in_s: ttl_s,
    })
}

/// Takes the chain's lock for the rest of the transaction; false when the chain ended.
async fn lock_live_chain(tx: &mut Tx<'_>, chain: &str) -> Result<bool, sqlx::Error> {
    let locked =
        sqlx::query("UPDATE session_chains SET ended_at = NULL WHERE id = $1 AND ended_at IS NULL")
            .bind(chain)
            .execute(&mut **tx)
            .await?;
    Ok(locked.rows_affected() == 1)
}

/// The user of a live session, or `None` for an unknown, expired, revoked or logged-out
/// token. This is a *use* of the token: an unconfirmed one is confirmed here, which
/// revokes its predecessor and its unconfirmed siblings.
pub async fn user_of(db: &Db, token: &str) -> Result<Option<i64>, sqlx::Error> {
    let hash = digest(token);
    let row: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT s.user_id, s.chain_id, s.confirmed_at FROM sessions s \
         JOIN session_chains c ON c.id = s.chain_id \
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND c.ended_at IS NULL",
    )
    .bind(&hash)
    .bind(now())
    .fetch_optional(&db.pool)
    .await?;
    Ok(match row {
        None => None,
        Some((user_id, _, Some(_))) => Some(user_id),
        Some((user_id, chain, None)) => confirm(db, &hash, &chain).await?.then_some(user_id),
    })
}

/// Confirms the unconfirmed token `hash`; false when it was revoked (a sibling was used
/// first), expired or its chain ended in the meantime.
async fn confirm(db: &Db, hash: &str, chain: &str) -> Result<bool, sqlx::Error> {
    let now = now();
    let mut tx = db.pool.begin().await?;
    if !lock_live_chain(&mut tx, chain).await? {
        return Ok(false);
    }
    let confirmed: Option<(Option<String>,)> = sqlx::query_as(
        "UPDATE sessions SET confirmed_at = $1 WHERE token_hash = $2 AND confirmed_at IS NULL \
         AND revoked_at IS NULL AND expires_at > $1 RETURNING predecessor_hash",
    )
    .bind(now)
    .bind(hash)
    .fetch_optional(&mut *tx)
    .await?;
    let live = match confirmed {
        Some((predecessor,)) => {
            sqlx::query(
                "UPDATE sessions SET revoked_at = $1 WHERE revoked_at IS NULL AND \
                 (token_hash = $2 OR (predecessor_hash = $2 AND confirmed_at IS NULL AND token_hash <> $3))",
            )
            .bind(now)
            .bind(predecessor)
            .bind(hash)
            .execute(&mut *tx)
            .await?;
            true
        }
        // A concurrent use of the same token confirmed it first: still live.
        None => is_live(&mut tx, hash, now).await?,
    };
    tx.commit().await?;
    Ok(live)
}

async fn is_live(tx: &mut Tx<'_>, hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.is_some())
}

/// Mints the successor of a live token, in the same chain and unconfirmed; the token
/// keeps working until the successor is first used. `None` when the token was revoked
/// (a successor was used meanwhile) or its chain ended.
pub async fn rotate(
    db: &Db,
    token: &str,
    user_id: i64,
    ttl_s: u32,
) -> Result<Option<NewSession>, sqlx::Error> {
    let hash = digest(token);
    let chain: Option<(String,)> =
        sqlx::query_as("SELECT chain_id FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .fetch_optional(&db.pool)
            .await?;
    let Some((chain,)) = chain else {
        return Ok(None);
    };
    let mut tx = db.pool.begin().await?;
    if !lock_live_chain(&mut tx, &chain).await? || !is_live(&mut tx, &hash, now()).await? {
        return Ok(None);
    }
    let session = insert_token(&mut tx, &chain, user_id, ttl_s, Some(&hash)).await?;
    revoke_surplus_successors(&mut tx, &hash, &digest(&session.token)).await?;
    tx.commit().await?;
    Ok(Some(session))
}

/// Keeps the newest [`MAX_UNCONFIRMED`] unconfirmed successors of `predecessor` (always
/// including the one just minted) and revokes older ones.
async fn revoke_surplus_successors(
    tx: &mut Tx<'_>,
    predecessor: &str,
    newest: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = $1 WHERE predecessor_hash = $2 AND confirmed_at IS NULL \
         AND revoked_at IS NULL AND token_hash <> $3 AND token_hash NOT IN (\
         SELECT token_hash FROM sessions WHERE predecessor_hash = $2 AND confirmed_at IS NULL \
         AND revoked_at IS NULL AND token_hash <> $3 ORDER BY created_at DESC, token_hash LIMIT $4)",
    )
    .bind(now())
    .bind(predecessor)
    .bind(newest)
    .bind(MAX_UNCONFIRMED - 1)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends the chain of `token` (live, or revoked but not expired: an app may log out with
/// a token whose successor it never received or that a racing call revoked); returns
/// whether a live chain ended.
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
