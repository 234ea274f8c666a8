//! Exchanging a code exactly once, however often it is submitted.
//!
//! A client that timed out resubmits the same code; WeChat would answer the second
//! exchange with 40163 "code been used" and the login would fail although it worked.
//! So the first exchange's result is kept (by the code's digest, for the code's ten
//! minutes) and handed to every resubmission. Two submissions racing each other are
//! serialised by the table's primary key: the second waits for the first's result.
//!
//! A claim is `pending` while its exchange runs, which takes at most the request's
//! deadline. A pending claim older than that was left by a server that stopped (or a
//! request dropped) mid-exchange: it is stale, and one resubmission retakes it
//! atomically instead of every resubmission waiting for the code's ten minutes to pass.
//! Whether WeChat used the code then is unknown; asking WeChat again tells (40163).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Deadline, Grant, WechatClient, WechatError};
use crate::db::{is_unique_violation, now, Db};
use crate::secrets::digest;

/// WeChat's mobile code lifetime; a code older than this is dead anyway.
const CODE_LIFETIME_S: i64 = 600;
/// How often a resubmission looks for the first exchange's result.
const WAIT_STEP: Duration = Duration::from_millis(50);

#[derive(Serialize, Deserialize)]
struct Failure {
    errcode: i64,
    errmsg: String,
}

pub async fn exchange_code(
    db: &Db,
    client: &WechatClient,
    code: &str,
    deadline: Deadline,
) -> Result<Grant, Exchange> {
    let key = digest(code);
    sqlx::query("DELETE FROM code_exchanges WHERE created_at < $1")
        .bind(now() - CODE_LIFETIME_S)
        .execute(&db.pool)
        .await?;
    loop {
        let claimed_at = now();
        let claimed = sqlx::query(
            "INSERT INTO code_exchanges (code_hash, status, result, created_at) VALUES ($1, 'pending', NULL, $2)",
        )
        .bind(&key)
        .bind(claimed_at)
        .execute(&db.pool)
        .await;
        match claimed {
            Ok(_) => return exchange_claimed(db, client, code, &key, claimed_at, deadline).await,
            Err(err) if is_unique_violation(&err) => {
                if let Some(result) = finished(db, &key).await? {
                    return result;
                }
                if let Some(claimed_at) = retake_stale(db, &key, deadline.budget()).await? {
                    return exchange_claimed(db, client, code, &key, claimed_at, deadline).await;
                }
                if deadline.remaining() < WAIT_STEP {
                    return Err(Exchange::Wechat(WechatError::Deadline));
                }
                tokio::time::sleep(WAIT_STEP).await;
            }
            Err(err) => return Err(err.into()),
        }
    }
}

/// Takes over a pending claim older than `budget` (its request has given up); the
/// new claim time, if this call won it. The conditional update lets one retaker win.
async fn retake_stale(db: &Db, key: &str, budget: Duration) -> Result<Option<i64>, Exchange> {
    let now = now();
    let stale_before = now - i64::try_from(budget.as_secs()).unwrap_or(i64::MAX);
    let retaken = sqlx::query(
        "UPDATE code_exchanges SET created_at = $1 WHERE code_hash = $2 AND status = 'pending' AND created_at < $3",
    )
    .bind(now)
    .bind(key)
    .bind(stale_before)
    .execute(&db.pool)
    .await?;
    if retaken.rows_affected() == 1 {
        tracing::warn!("retaking a code exchange left pending past its deadline");
        Ok(Some(now))
    } else {
        Ok(None)
    }
}

/// The result of an earlier exchange of the same code, if it has finished.
async fn finished(db: &Db, key: &str) -> Result<Option<Result<Grant, Exchange>>, Exchange> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT status, result FROM code_exchanges WHERE code_hash = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?;
    let Some((status, Some(result))) = row else {
        return Ok(None);
    };
    let decoded = match status.as_str() {
        "done" => serde_json::from_str::<Grant>(&result).map(Ok),
        _ => serde_json::from_str::<Failure>(&result).map(|f| {
            Err(Exchange::Wechat(WechatError::Api {
                errcode: f.errcode,
                errmsg: f.errmsg,
            }))
        }),
    };
    decoded
        .map(Some)
        .map_err(|e| Exchange::Db(sqlx::Error::Decode(Box::new(e))))
}

/// Exchanges a code this request claimed at `claimed_at`, and records the outcome unless
/// another request has retaken the claim meanwhile.
async fn exchange_claimed(
    db: &Db,
    client: &WechatClient,
    code: &str,
    key: &str,
    claimed_at: i64,
    deadline: Deadline,
) -> Result<Grant, Exchange> {
    let outcome = client.exchange_code(code, deadline).await;
    let (status, result) = match &outcome {
        Ok(grant) => ("done", serde_json::to_string(grant)),
        Err(WechatError::Api { errcode, errmsg }) if is_final_for_code(*errcode) => (
            "failed",
            serde_json::to_string(&Failure {
                errcode: *errcode,
                errmsg: errmsg.clone(),
            }),
        ),
        // A transient answer (busy, quota, the server's own configuration): WeChat did
        // not use the code. No answer: it may have. Either way nothing is remembered, and
        // a resubmission asks WeChat again, which tells (40163 if the code was used).
        Err(_) => {
            sqlx::query(
                "DELETE FROM code_exchanges WHERE code_hash = $1 AND status = 'pending' AND created_at = $2",
            )
            .bind(key)
            .bind(claimed_at)
            .execute(&db.pool)
            .await?;
            return outcome.map_err(Exchange::Wechat);
        }
    };
    let result = result.map_err(|e| Exchange::Db(sqlx::Error::Encode(Box::new(e))))?;
    sqlx::query(
        "UPDATE code_exchanges SET status = $1, result = $2 WHERE code_hash = $3 AND status = 'pending' AND created_at = $4",
    )
    .bind(status)
    .bind(result)
    .bind(key)
    .bind(claimed_at)
    .execute(&db.pool)
    .await?;
    outcome.map_err(Exchange::Wechat)
}

/// WeChat's verdicts about the code itself (invalid, used, expired, missing): asking
/// again with the same code cannot give another answer.
fn is_final_for_code(errcode: i64) -> bool {
    matches!(errcode, 40029 | 40163 | 42003 | 41008)
}

/// Why an exchange failed: WeChat's answer, or the server's own database.
#[derive(Debug, thiserror::Error)]
pub enum Exchange {
    #[error(transparent)]
    Wechat(WechatError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}
