//! Issuing and checking captchas against the database.

use sqlx::{Any, Transaction};
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
///
/// The limits are checked and the send recorded in one transaction ([`reserve`]), so
/// that simultaneous requests cannot all pass the check before any of them is recorded
/// (SMS bombing). The SMS goes out after the commit: no lock is held during the
/// provider's call. A send that fails is taken back out of the phone's hourly quota
/// ([`release`]); it keeps the phone's cooldown and its place in the address's limit,
/// which bound how often one client can make the server call a failing provider.
pub async fn issue(
    db: &Db,
    policy: &CaptchaPolicy,
    sender: &dyn SmsSender,
    mobile: &str,
    purpose: CaptchaPurpose,
    client: &str,
) -> Result<CaptchaResponse, CaptchaError> {
    let now = now();
    sweep(db, policy, now).await?;
    let captcha = random_digits(6);
    let buckets = Buckets::new(mobile, client);
    let id = reserve(db, policy, &buckets, purpose, &captcha, now).await?;
    if let Err(err) = sender.send(mobile, &captcha).await {
        release(db, &buckets, id).await?;
        return Err(CaptchaError::Send(err));
    }
    Ok(CaptchaResponse {
        cooldown_s: policy.cooldown_s,
        expires_in_s: policy.ttl_s,
    })
}

/// The rate-limit buckets of one request: its phone and its client address.
struct Buckets<'a> {
    mobile: &'a str,
    phone: String,
    address: String,
}

impl<'a> Buckets<'a> {
    fn new(mobile: &'a str, client: &str) -> Self {
        Self {
            mobile,
            phone: format!("phone:{mobile}"),
            address: format!("ip:{client}"),
        }
    }
}

type Tx = Transaction<'static, Any>;

/// Checks the limits and records the captcha and its rate events, atomically.
async fn reserve(
    db: &Db,
    policy: &CaptchaPolicy,
    buckets: &Buckets<'_>,
    purpose: CaptchaPurpose,
    captcha: &str,
    now: i64,
) -> Result<i64, CaptchaError> {
    let mut tx = db.pool.begin().await?;
    match reserve_in(&mut tx, policy, buckets, purpose, captcha, now).await {
        Ok(id) => {
            tx.commit().await?;
            Ok(id)
        }
        Err(err) => {
            tx.rollback().await?;
            Err(err)
        }
    }
}

/// The first statement takes the phone's row, and only if its cooldown has passed: on
/// PostgreSQL the conditional upsert waits for a concurrent holder of the row and then
/// re-evaluates the condition on the committed row, so one request of a burst wins and
/// the others see its cooldown; the later statements of a READ COMMITTED transaction
/// see everything committed before the row was taken. On SQLite the first write takes
/// the database's write lock, and the pool's single connection serialises the rest.
/// Rows are always taken phone first, then address, so two requests never wait on
/// each other in a cycle.
async fn reserve_in(
    tx: &mut Tx,
    policy: &CaptchaPolicy,
    buckets: &Buckets<'_>,
    purpose: CaptchaPurpose,
    captcha: &str,
    now: i64,
) -> Result<i64, CaptchaError> {
    let cooldown = i64::from(policy.cooldown_s);
    // Without a cooldown the row is taken unconditionally: a request whose `now` was
    // read a second before another's must not see that one's send as a cooldown.
    let ready_before = if cooldown == 0 {
        i64::MAX
    } else {
        now - cooldown
    };
    let taken = take_bucket(tx, &buckets.phone, now, ready_before).await?;
    if !taken {
        let (last,): (i64,) = sqlx::query_as("SELECT last_at FROM rate_buckets WHERE bucket = $1")
            .bind(&buckets.phone)
            .fetch_one(&mut **tx)
            .await?;
        return Err(CaptchaError::Cooldown(seconds(last + cooldown - now)));
    }
    check_rate(tx, &buckets.phone, policy.per_phone_hour, now).await?;
    take_bucket(tx, &buckets.address, now, i64::MAX).await?;
    check_rate(tx, &buckets.address, policy.per_ip_hour, now).await?;

    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO captchas (mobile, purpose, code_hash, created_at, expires_at, attempts, used_at) \
         VALUES ($1, $2, $3, $4, $5, 0, NULL) RETURNING id",
    )
    .bind(buckets.mobile)
    .bind(purpose_name(purpose))
    .bind(captcha_hash(buckets.mobile, purpose, captcha))
    .bind(now)
    .bind(now + i64::from(policy.ttl_s))
    .fetch_one(&mut **tx)
    .await?;
    for bucket in [&buckets.phone, &buckets.address] {
        sqlx::query("INSERT INTO rate_events (bucket, at, captcha_id) VALUES ($1, $2, $3)")
            .bind(bucket)
            .bind(now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

/// Takes `bucket`'s row (creating it) and sets its time to `now`, if its time is at or
/// before `ready_before`; whether it did. The row stays locked to this transaction.
async fn take_bucket(
    tx: &mut Tx,
    bucket: &str,
    now: i64,
    ready_before: i64,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query(
        "INSERT INTO rate_buckets (bucket, last_at) VALUES ($1, $2) \
         ON CONFLICT (bucket) DO UPDATE SET last_at = excluded.last_at WHERE rate_buckets.last_at <= $3",
    )
    .bind(bucket)
    .bind(now)
    .bind(ready_before)
    .execute(&mut **tx)
    .await?;
    Ok(taken.rows_affected() == 1)
}

/// Sliding one-hour window per bucket (a phone, a client address); the caller holds
/// the bucket's row.
async fn check_rate(
    tx: &mut Tx,
    bucket: &str,
    per_hour: u32,
    now: i64,
) -> Result<(), CaptchaError> {
    let (count, oldest): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MIN(at) FROM rate_events WHERE bucket = $1 AND at > $2")
            .bind(bucket)
            .bind(now - HOUR_S)
            .fetch_one(&mut **tx)
            .await?;
    if count >= i64::from(per_hour) {
        let retry = oldest.map_or(HOUR_S, |t| t + HOUR_S - now);
        return Err(CaptchaError::RateLimited(seconds(retry)));
    }
    Ok(())
}

/// A captcha that was not sent: it is deleted and leaves the phone's hourly count.
async fn release(db: &Db, buckets: &Buckets<'_>, id: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("DELETE FROM rate_events WHERE captcha_id = $1 AND bucket = $2")
        .bind(id)
        .bind(&buckets.phone)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM captchas WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Forgets rate events older than the window and buckets whose cooldown and window
/// have both passed (a bucket row is recreated on its next use).
///
/// On PostgreSQL the sweep skips bucket rows a reservation holds: a DELETE that waited
/// for one while holding another row the reservation wants next would deadlock with it.
async fn sweep(db: &Db, policy: &CaptchaPolicy, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_events WHERE at <= $1")
        .bind(now - HOUR_S)
        .execute(&db.pool)
        .await?;
    let buckets = if db.postgres {
        "DELETE FROM rate_buckets WHERE bucket IN \
         (SELECT bucket FROM rate_buckets WHERE last_at <= $1 FOR UPDATE SKIP LOCKED)"
    } else {
        "DELETE FROM rate_buckets WHERE last_at <= $1"
    };
    sqlx::query(buckets)
        .bind(now - HOUR_S.max(i64::from(policy.cooldown_s)))
        .execute(&db.pool)
        .await?;
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
