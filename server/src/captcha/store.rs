//! Issuing and checking captchas against the database.

use wxlogin_contract::{CaptchaPurpose, CaptchaResponse};

use super::sender::SmsSender;
use crate::config::CaptchaPolicy;
use crate::db::{now, Db};
use crate::secrets::{digest, digests_match, random_digits};

const HOUR_S: i64 = 3600;

#[derive(Debug, thiserror::Error)]
pub enum CaptchaError {
    #[error("captcha wrong, expired or used")]
    Invalid,
    #[error("too many wrong attempts")]
    TooManyAttempts,
    #[error("resend cooldown, {0} s left")]
    Cooldown(u32),
    #[error("rate limited, retry in {0} s")]
    RateLimited(u32),
    #[error("SMS not sent: {0}")]
    Send(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn purpose_name(purpose: CaptchaPurpose) -> &'static str {
    match purpose {
        CaptchaPurpose::Login => "login",
        CaptchaPurpose::Bind => "bind",
    }
}

/// The stored form: bound to phone and purpose, so a login captcha cannot bind a phone.
fn captcha_hash(mobile: &str, purpose: CaptchaPurpose, captcha: &str) -> String {
    digest(&format!("{mobile}:{}:{captcha}", purpose_name(purpose)))
}

/// Sends a new captcha to `mobile`, unless the cooldown or a rate limit says no.
pub async fn issue(
    db: &Db,
    policy: &CaptchaPolicy,
    sender: &dyn SmsSender,
    mobile: &str,
    purpose: CaptchaPurpose,
    client: &str,
) -> Result<CaptchaResponse, CaptchaError> {
    let now = now();
    let last: Option<(i64,)> = sqlx::query_as(
        "SELECT MAX(created_at) FROM captchas WHERE mobile = $1 HAVING MAX(created_at) IS NOT NULL",
    )
    .bind(mobile)
    .fetch_optional(&db.pool)
    .await?;
    if let Some((last,)) = last {
        let ready_at = last + i64::from(policy.cooldown_s);
        if ready_at > now {
            return Err(CaptchaError::Cooldown(seconds(ready_at - now)));
        }
    }
    check_rate(db, &format!("phone:{mobile}"), policy.per_phone_hour, now).await?;
    check_rate(db, &format!("ip:{client}"), policy.per_ip_hour, now).await?;

    let captcha = random_digits(6);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO captchas (mobile, purpose, code_hash, created_at, expires_at, attempts, used_at) \
         VALUES ($1, $2, $3, $4, $5, 0, NULL) RETURNING id",
    )
    .bind(mobile)
    .bind(purpose_name(purpose))
    .bind(captcha_hash(mobile, purpose, &captcha))
    .bind(now)
    .bind(now + i64::from(policy.ttl_s))
    .fetch_one(&db.pool)
    .await?;
    for bucket in [format!("phone:{mobile}"), format!("ip:{client}")] {
        sqlx::query("INSERT INTO rate_events (bucket, at) VALUES ($1, $2)")
            .bind(bucket)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    if let Err(err) = sender.send(mobile, &captcha).await {
        // Not sent means not issued: drop it, so the cooldown does not block a retry.
        sqlx::query("DELETE FROM captchas WHERE id = $1")
            .bind(id)
            .execute(&db.pool)
            .await?;
        return Err(CaptchaError::Send(err));
    }
    Ok(CaptchaResponse {
        cooldown_s: policy.cooldown_s,
        expires_in_s: policy.ttl_s,
    })
}

/// Sliding one-hour window per bucket (a phone, a client address).
async fn check_rate(db: &Db, bucket: &str, per_hour: u32, now: i64) -> Result<(), CaptchaError> {
    sqlx::query("DELETE FROM rate_events WHERE at <= $1")
        .bind(now - HOUR_S)
        .execute(&db.pool)
        .await?;
    let (count, oldest): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(at) FROM rate_events WHERE bucket = $1")
            .bind(bucket)
            .fetch_one(&db.pool)
            .await?;
    if count >= i64::from(per_hour) {
        let retry = oldest.map_or(HOUR_S, |t| t + HOUR_S - now);
        return Err(CaptchaError::RateLimited(seconds(retry)));
    }
    Ok(())
}

/// Uses up the latest captcha for (`mobile`, `purpose`) if `captcha` matches it.
///
/// The attempt is counted *before* the comparison, atomically, so even concurrent
/// guesses get at most `max_attempts` comparisons per captcha.
pub async fn verify(
    db: &Db,
    policy: &CaptchaPolicy,
    mobile: &str,
    purpose: CaptchaPurpose,
    captcha: &str,
) -> Result<(), CaptchaError> {
    let now = now();
    let row: Option<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, code_hash, expires_at, used_at FROM captchas WHERE mobile = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(mobile)
    .bind(purpose_name(purpose))
    .fetch_optional(&db.pool)
    .await?;
    let Some((id, stored, expires_at, None)) = row else {
        return Err(CaptchaError::Invalid);
    };
    if expires_at <= now {
        return Err(CaptchaError::Invalid);
    }
    let counted = sqlx::query("UPDATE captchas SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2 AND used_at IS NULL")
        .bind(id)
        .bind(i64::from(policy.max_attempts))
        .execute(&db.pool)
        .await?;
    if counted.rows_affected() == 0 {
        return Err(CaptchaError::TooManyAttempts);
    }
    if !digests_match(&stored, &captcha_hash(mobile, purpose, captcha)) {
        return Err(CaptchaError::Invalid);
    }
    let used = sqlx::query("UPDATE captchas SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(id)
        .execute(&db.pool)
        .await?;
    if used.rows_affected() == 1 {
        Ok(())
    } else {
        Err(CaptchaError::Invalid)
    }
}

fn seconds(value: i64) -> u32 {
    u32::try_from(value.max(1)).unwrap_or(u32::MAX)
}
