//! Password attempt limits, stored in the database so that every instance shares them.
//!
//! An attempt is counted *before* its password is checked, in one transaction over its
//! three buckets (the (account, address) pair, the account, the address): an insert or
//! update of each bucket's row that only happens while the bucket is not locked, so
//! concurrent guesses cannot slip past the count, on SQLite (the first write takes the
//! database lock) as on PostgreSQL (the upsert locks the row until commit; buckets are
//! always taken in the same order, so two logins cannot deadlock). If any bucket is
//! locked the transaction is rolled back and nothing is counted.
//!
//! Buckets are keyed by digests: unknown account names cost a row like known ones (the
//! answers cannot tell them apart) and the table holds no account name or address.

use std::net::IpAddr;

use sqlx::Any;

use crate::config::PasswordPolicy;
use crate::db::{now_ms, Db};
use crate::secrets::digest;

#[derive(Debug, thiserror::Error)]
pub enum AttemptError {
    #[error("too many wrong attempts; retry in {0} s")]
    Locked(u32),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

#[derive(Clone, Copy)]
enum Kind {
    Pair,
    Account,
    Address,
}

/// The buckets one attempt counts in, in locking order.
pub struct Attempt {
    buckets: [(Kind, String); 3],
}

impl Attempt {
    pub fn new(account: &str, client: &str) -> Self {
        let network = network_of(client);
        Self {
            buckets: [
                (Kind::Account, digest(&format!("account\n{account}"))),
                (Kind::Pair, digest(&format!("pair\n{network}\n{account}"))),
                (Kind::Address, digest(&format!("address\n{network}"))),
            ],
        }
    }
}

/// The unit an address is limited by: an IPv4 address, or an IPv6 /64 (one subscriber
/// usually holds a whole /64, so single IPv6 addresses cost an attacker nothing).
fn network_of(client: &str) -> String {
    match client.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => client.to_owned(),
    }
}

/// How long a bucket is locked after its `failures`-th wrong attempt, in ms.
fn lock_ms(policy: &PasswordPolicy, kind: Kind, failures: i64) -> Option<i64> {
    let (free, cap_s) = match kind {
        Kind::Pair => (policy.free_per_pair, policy.max_lock_pair_s),
        Kind::Account => (policy.free_per_account, policy.max_lock_account_s),
        Kind::Address => (policy.free_per_address, policy.max_lock_address_s),
    };
    let beyond = failures.checked_sub(i64::from(free.max(1)))?;
    if beyond < 0 {
        return None;
    }
    let doubled = i64::from(policy.backoff_base_s).saturating_mul(1 << beyond.min(30));
    Some(doubled.min(i64::from(cap_s)).saturating_mul(1000))
}

fn seconds_until(until_ms: i64, now_ms: i64) -> u32 {
    u32::try_from((until_ms - now_ms + 999) / 1000)
        .unwrap_or(u32::MAX)
        .max(1)
}

/// Refuses at once, without counting, while any bucket is locked: a locked attacker
/// does not even queue for an Argon2 slot.
pub async fn check(db: &Db, attempt: &Attempt) -> Result<(), AttemptError> {
    let now = now_ms();
    let until = locked_until(&db.pool, attempt).await?;
    match until {
        Some(until) if until > now => Err(AttemptError::Locked(seconds_until(until, now))),
        _ => Ok(()),
    }
}

/// Counts the attempt in every bucket and sets the backoff its count calls for; refuses
/// (counting nothing) when a bucket is locked.
pub async fn admit(
    db: &Db,
    policy: &PasswordPolicy,
    attempt: &Attempt,
) -> Result<(), AttemptError> {
    let now = now_ms();
    let forget_before = now - i64::from(policy.forget_s) * 1000;
    sqlx::query("DELETE FROM login_attempts WHERE updated_ms < $1 AND locked_until_ms < $2")
        .bind(forget_before)
        .bind(now)
        .execute(&db.pool)
        .await?;
    let mut tx = db.pool.begin().await?;
    for (kind, bucket) in &attempt.buckets {
        let counted: Option<(i64,)> = sqlx::query_as(
            "INSERT INTO login_attempts (bucket, failures, locked_until_ms, updated_ms) VALUES ($1, 1, 0, $2) \
             ON CONFLICT (bucket) DO UPDATE SET \
               failures = CASE WHEN login_attempts.updated_ms < $3 THEN 1 ELSE login_attempts.failures + 1 END, \
               updated_ms = $2 \
             WHERE login_attempts.locked_until_ms <= $2 \
             RETURNING failures",
        )
        .bind(bucket)
        .bind(now)
        .bind(forget_before)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((failures,)) = counted else {
            let until = locked_until(&mut *tx, attempt).await?.unwrap_or(now);
            tx.rollback().await?;
            return Err(AttemptError::Locked(seconds_until(until, now)));
        };
        if let Some(lock) = lock_ms(policy, *kind, failures) {
            sqlx::query("UPDATE login_attempts SET locked_until_ms = $1 WHERE bucket = $2")
                .bind(now + lock)
                .bind(bucket)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// A successful login clears the account's and the pair's count; the address keeps
/// its own (one good account must not launder an address's guesses at others).
pub async fn clear(db: &Db, attempt: &Attempt) -> Result<(), sqlx::Error> {
    let [(_, account), (_, pair), _] = &attempt.buckets;
    sqlx::query("DELETE FROM login_attempts WHERE bucket = $1 OR bucket = $2")
        .bind(account)
        .bind(pair)
        .execute(&db.pool)
        .await?;
    Ok(())
}

async fn locked_until<'e, E: sqlx::Executor<'e, Database = Any>>(
    db: E,
    attempt: &Attempt,
) -> Result<Option<i64>, sqlx::Error> {
    let [(_, a), (_, b), (_, c)] = &attempt.buckets;
    let (until,): (Option<i64>,) = sqlx::query_as(
        "SELECT MAX(locked_until_ms) FROM login_attempts WHERE bucket = $1 OR bucket = $2 OR bucket = $3",
    )
    .bind(a)
    .bind(b)
    .bind(c)
    .fetch_one(db)
    .await?;
    Ok(until)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_starts_after_the_free_attempts_doubles_and_stops_at_the_cap() {
        let policy = PasswordPolicy::default();
        assert_eq!(lock_ms(&policy, Kind::Pair, 4), None);
        assert_eq!(lock_ms(&policy, Kind::Pair, 5), Some(1000));
        assert_eq!(lock_ms(&policy, Kind::Pair, 6), Some(2000));
        assert_eq!(lock_ms(&policy, Kind::Pair, 500), Some(900_000));
        assert_eq!(lock_ms(&policy, Kind::Account, 9), None);
        assert_eq!(lock_ms(&policy, Kind::Account, 100), Some(60_000));
    }

    #[test]
    fn ipv6_addresses_count_by_their_64() {
        assert_eq!(
            network_of("2001:db8:1:2:aaaa::1"),
            network_of("2001:db8:1:2:bbbb::2")
        );
        assert_ne!(network_of("2001:db8:1:2::1"), network_of("2001:db8:1:3::1"));
        assert_eq!(network_of("::ffff:10.0.0.1"), "10.0.0.1");
    }
}
