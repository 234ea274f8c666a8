//! The `state` of a started web login: made here, sent to WeChat, checked on return.
//!
//! The state itself travels through WeChat and the browser's address bar; what binds
//! it to the browser is a second random value in an HttpOnly cookie, which never
//! leaves this site. The table keeps digests of both. A callback deletes the row
//! whatever it then finds (single use: a replay, or a forged link that carries
//! someone's state to another browser, finds nothing), and compares the cookie's
//! digest in constant time.

use super::Channel;
use crate::db::{now, Db};
use crate::secrets::{digest, digests_match, random_token};

/// A started login: the state for WeChat and the cookie value for the browser.
pub struct Started {
    pub state: String,
    pub browser: String,
}

/// Why a callback's state was not accepted (all answered alike; the log tells which).
#[derive(Debug, PartialEq, Eq)]
pub enum Rejected {
    /// No state, or not one WeChat could have sent back (`[A-Za-z0-9]{1,128}`).
    Malformed,
    /// Unknown: never made here, or used already.
    Unknown,
    Expired,
    /// Made for the other channel's callback.
    WrongChannel,
    /// The browser has no state cookie, or another one.
    OtherBrowser,
}

pub async fn start(
    db: &Db,
    channel: Channel,
    return_to: &str,
    ttl_s: u32,
) -> Result<Started, sqlx::Error> {
    let now = now();
    sqlx::query("DELETE FROM web_states WHERE expires_at < $1")
        .bind(now)
        .execute(&db.pool)
        .await?;
    let started = Started {
        state: random_token(32),
        browser: random_token(32),
    };
    sqlx::query(
        "INSERT INTO web_states (state_hash, browser_hash, channel, return_to, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(digest(&started.state))
    .bind(digest(&started.browser))
    .bind(channel.name())
    .bind(return_to)
    .bind(now + i64::from(ttl_s))
    .execute(&db.pool)
    .await?;
    Ok(started)
}

/// Uses up `state` and says where the login was to return to, if the state is this
/// channel's, unexpired, and bound to `browser` (the request's state cookie).
pub async fn consume(
    db: &Db,
    channel: Channel,
    state: Option<&str>,
    browser: Option<&str>,
) -> Result<Result<String, Rejected>, sqlx::Error> {
    let Some(state) = state.filter(|s| is_wechat_state(s)) else {
        return Ok(Err(Rejected::Malformed));
    };
    let row: Option<(String, String, String, i64)> = sqlx::query_as(
        "DELETE FROM web_states WHERE state_hash = $1 RETURNING browser_hash, channel, return_to, expires_at",
    )
    .bind(digest(state))
    .fetch_optional(&db.pool)
    .await?;
    let Some((browser_hash, made_for, return_to, expires_at)) = row else {
        return Ok(Err(Rejected::Unknown));
    };
    let verdict = if expires_at < now() {
        Err(Rejected::Expired)
    } else if made_for != channel.name() {
        Err(Rejected::WrongChannel)
    } else if !browser.is_some_and(|b| digests_match(&digest(b), &browser_hash)) {
        Err(Rejected::OtherBrowser)
    } else {
        Ok(return_to)
    };
    Ok(verdict)
}

/// WeChat's rule for `state`: `[a-zA-Z0-9]`, at most 128 bytes.
fn is_wechat_state(state: &str) -> bool {
    !state.is_empty() && state.len() <= 128 && state.bytes().all(|b| b.is_ascii_alphanumeric())
}
