//! Password logins: Argon2 checks bounded in number, and attempt limits in the database.
//!
//! Each Argon2 check takes ~19 MiB for its duration. Unbounded, a burst of password
//! logins (they need no account: unknown ones are checked against a dummy hash) ran
//! hundreds at once on the blocking pool and took the process past 12 GB. Here at most
//! `concurrency` run at once (by default the number of cores, fewer if memory is short:
//! more than one per core only adds memory, not throughput); a login waits a short,
//! bounded time for a slot and is otherwise answered `503` with `Retry-After`.
//!
//! The checks run on `concurrency` threads of their own, not on tokio's blocking pool:
//! the pool starts a new thread whenever none is idle at the instant of the call, and
//! every thread's malloc arena keeps Argon2-sized blocks after the check: with two
//! checks at a time and 500 queued, peak RSS was 796 MiB on the pool and 359 MiB on two
//! threads of our own (scripts/bench-passwords.sh).

pub mod attempts;
mod hashing;

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{oneshot, OwnedSemaphorePermit, Semaphore};

use crate::config::PasswordPolicy;

/// No Argon2 slot freed within the wait.
#[derive(Debug, thiserror::Error)]
#[error("password checks saturated")]
pub struct Busy;

/// The password hasher shared by every request.
#[derive(Clone)]
pub struct Passwords {
    slots: Arc<Semaphore>,
    wait: Duration,
    /// A hash of the real parameters, checked for unknown accounts.
    dummy: Arc<str>,
    /// Work for the hashing threads; at most one job per slot is ever queued.
    jobs: mpsc::Sender<Job>,
}

type Job = Box<dyn FnOnce() + Send>;

/// The right to run one Argon2 check.
pub struct Slot {
    _permit: OwnedSemaphorePermit,
}

impl Passwords {
    pub async fn new(policy: &PasswordPolicy) -> Result<Self, String> {
        let concurrency = match policy.hash_concurrency {
            0 => auto_concurrency(),
            n => n,
        };
        let dummy = tokio::task::spawn_blocking(|| hashing::hash("no account has this password"))
            .await
            .map_err(|e| e.to_string())??;
        tracing::info!(concurrency, "password checks at once");
        Ok(Self {
            slots: Arc::new(Semaphore::new(concurrency)),
            wait: Duration::from_millis(policy.hash_wait_ms),
            dummy: dummy.into(),
            jobs: hashing_threads(concurrency)?,
        })
    }

    /// Runs `work` on a hashing thread, holding `slot` until it is done.
    async fn run<T: Send + 'static>(
        &self,
        slot: Slot,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _slot = slot;
            let _ = done.send(work());
        });
        self.jobs.send(job).ok()?;
        result.await.ok()
    }

    /// Waits (at most the configured time) for a free Argon2 slot.
    pub async fn slot(&self) -> Result<Slot, Busy> {
        match tokio::time::timeout(self.wait, self.slots.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Slot { _permit: permit }),
            _ => Err(Busy),
        }
    }

    /// Checks `password` against `stored` (or the dummy hash) on the blocking pool,
    /// holding `slot` until done.
    pub async fn verify(&self, slot: Slot, password: String, stored: Option<String>) -> bool {
        let dummy = self.dummy.clone();
        self.run(slot, move || {
            hashing::verify(&password, stored.as_deref(), &dummy)
        })
        .await
        .unwrap_or(false)
    }

    /// Hashes a new password, in a slot like a check.
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        let slot = self.slot().await?;
        self.run(slot, move || hashing::hash(&password))
            .await
            .ok_or_else(|| HashError::Failed("hashing thread gone".into()))?
            .map_err(HashError::Failed)
    }
}

/// `count` threads that run hashing jobs until every sender is gone.
fn hashing_threads(count: usize) -> Result<mpsc::Sender<Job>, String> {
    let (jobs, queue) = mpsc::channel::<Job>();
    let queue = Arc::new(Mutex::new(queue));
    for n in 0..count {
        let queue = queue.clone();
        std::thread::Builder::new()
            .name(format!("argon2-{n}"))
            .spawn(move || loop {
                let job = match queue.lock() {
                    Ok(queue) => queue.recv(),
                    Err(_) => return,
                };
                match job {
                    Ok(job) => job(),
                    Err(_) => return,
                }
            })
            .map_err(|e| format!("cannot start a hashing thread: {e}"))?;
    }
    Ok(jobs)
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error(transparent)]
    Busy(#[from] Busy),
    #[error("hashing failed: {0}")]
    Failed(String),
}

/// One check per core (more only adds memory), fewer if a quarter of the available
/// memory cannot hold that many.
fn auto_concurrency() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let by_memory =
        available_memory_bytes().map_or(cores, |bytes| bytes / 4 / hashing::BYTES_PER_HASH);
    cores.min(by_memory).max(1)
}

/// `MemAvailable` of /proc/meminfo (Linux); `None` elsewhere.
fn available_memory_bytes() -> Option<usize> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
