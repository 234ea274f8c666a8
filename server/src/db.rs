//! The database: SQLite by default, PostgreSQL with a `postgres://` URL, behind sqlx's
//! `Any` driver so that every query is written once.
//!
//! Queries use `$1`-style placeholders, which both backends accept, in ascending order.
//! Booleans are stored as integers 0/1 and times as Unix seconds, so the same column
//! decodes the same way from both.

use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::AnyPool;

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    /// PostgreSQL rather than SQLite, for the few statements whose best form differs.
    pub postgres: bool,
}

impl Db {
    /// Connects and brings the schema up to date.
    ///
    /// SQLite gets a single connection: its writers lock the whole file, and a
    /// transaction that reads then writes can otherwise fail with "database is locked"
    /// under concurrency. PostgreSQL gets a real pool and row-level locking.
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let options = AnyConnectOptions::from_str(url)?;
        let sqlite = url.starts_with("sqlite:");
        let mut pool = AnyPoolOptions::new().max_connections(if sqlite { 1 } else { 16 });
        if sqlite {
            pool = pool.after_connect(|conn, _| Box::pin(tune_sqlite(conn)));
        }
        let pool = pool.connect_with(options).await?;
        let migrator = if sqlite { &SQLITE } else { &POSTGRES };
        migrator.run(&pool).await?;
        Ok(Self {
            pool,
            postgres: !sqlite,
        })
    }
}

/// SQLite's defaults (rollback journal, `synchronous=FULL`) make every one of a login's
/// few writes wait for the disk; measured with `scripts/bench-server.sh`, WAL alone made
/// new-identity logins ~10x faster. `synchronous=NORMAL` in WAL mode can lose the last
/// commits on power loss but never corrupts the file. The busy timeout lets a second
/// process on the same file wait for the lock instead of failing at once.
async fn tune_sqlite(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    use sqlx::Executor;
    conn.execute("PRAGMA journal_mode = WAL").await?;
    conn.execute("PRAGMA synchronous = NORMAL").await?;
    conn.execute("PRAGMA busy_timeout = 5000").await?;
    Ok(())
}

/// Whether a write failed on a UNIQUE constraint: the binding rules' last line of
/// defence when two requests race.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Unix time in milliseconds, for locks shorter than a few seconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
