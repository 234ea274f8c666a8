//! How the server sets up its database.

mod common;

#[tokio::test]
async fn sqlite_files_run_in_wal_mode() {
    let env = common::start().await;
    if !env.database_url.starts_with("sqlite:") {
        return;
    }
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&env.database_url).await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
}

#[tokio::test]
async fn migrations_are_recorded_and_idempotent() {
    let env = common::start().await;
    // A second server over the same database must start without re-running them.
    let second = common::second_instance(&env).await;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&env.database_url).await.unwrap();
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
        .unwrap()
        .count();
    assert_eq!(count as usize, files);
    second.shutdown().await;
}
