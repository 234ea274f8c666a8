//! Exchanging a code exactly once, however often it is submitted.
//!
//! A client that timed out resubmits the same code; WeChat would answer the second
//! exchange with 40163 "code been used" and the login would fail although it worked.
//! So the first exchange's result is kept (by the code's digest, for the code's ten
//! minutes) and handed to every resubmission. Two submissions racing each other are
//! serialised by the table's primary key: the second waits for the first's result.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Grant, WechatClient, WechatError};
use crate::db::{is_unique_violation, now, Db};
use crate::secrets::digest;

/// WeChat's mobile code lifetime; a code older than this is dead anyway.
const CODE_LIFETIME_S: i64 = 600;
const WAIT_STEP: Duration = Duration::from_millis(50);
/// How long a resubmission waits for the first exchange (which has a 5 s HTTP timeout).
const WAIT_STEPS: u32 = 200;

#[derive(Serialize, Deserialize)]
struct Failure {
    errcode: i64,
    errmsg: String,
}

pub async fn exchange_code(db: &Db, client: &WechatClient, code: &str) -> Result<Grant, Exchange> {
    let key = digest(code);
    sqlx::query("DELETE FROM code_exchanges WHERE created_at < $1")
        .bind(now() - CODE_LIFETIME_S)
        .execute(&db.pool)
        .await?;
    for _ in 0..WAIT_STEPS {
        let claimed = sqlx::query(
            "INSERT INTO code_exchanges (code_hash, status, result, created_at) VALUES ($1, 'pending', NULL, $2)",
        )
        .bind(&key)
        .bind(now())
        .execute(&db.pool)
        .await;
        match claimed {
            Ok(_) => return exchange_claimed(db, client, code, &key).await,
            Err(err) if is_unique_violation(&err) => {
                if let Some(result) = finished(db, &key).await? {
                    return result;
                }
                tokio::time::sleep(WAIT_STEP).await;
            }
            Err(err) => return Err(err.into()),
        }
    }
    Err(Exchange::Wechat(WechatError::Transport(
        "the first submission of this code is still being exchanged".into(),
    )))
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

async fn exchange_claimed(
    db: &Db,
    client: &WechatClient,
    code: &str,
    key: &str,
) -> Result<Grant, Exchange> {
    let outcome = client.exchange_code(code).await;
    let (status, result) = match &outcome {
        Ok(grant) => ("done", serde_json::to_string(grant)),
        Err(WechatError::Api { errcode, errmsg }) if is_final_for_code(*errcode) => (
            "failed",
            serde_json::to_string(&Failure {
                errcode: *errcode,
                errmsg: errmsg.clone(),
            }),
        ),
        // No answer, or a transient one (busy, quota, the server's own configuration):
        // WeChat did not use the code, so nothing is remembered and a resubmission asks
        // WeChat again.
        Err(_) => {
            sqlx::query("DELETE FROM code_exchanges WHERE code_hash = $1")
                .bind(key)
                .execute(&db.pool)
                .await?;
            return outcome.map_err(Exchange::Wechat);
        }
    };
    let result = result.map_err(|e| Exchange::Db(sqlx::Error::Encode(Box::new(e))))?;
    sqlx::query("UPDATE code_exchanges SET status = $1, result = $2 WHERE code_hash = $3")
        .bind(status)
        .bind(result)
        .bind(key)
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
