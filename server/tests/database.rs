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
    assert_eq!(count, migration_files(&env.database_url).len() as i64);
    second.shutdown().await;
}

fn migration_dir(database_url: &str) -> std::path::PathBuf {
    let backend = if database_url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend)
}

fn migration_files(database_url: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(migration_dir(database_url))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "sql"))
        .collect()
}

/// A database of the previous schema (migrations 1 and 2) with a signed-in user who has
/// an avatar: after the upgrade the session still works, and the avatar moved to a
/// random URL (its old one, the user id, is gone).
#[tokio::test]
async fn upgrading_keeps_sessions_and_gives_avatars_random_ids() {
    use sha2::Digest;

    sqlx::any::install_default_drivers();
    let dir = tempfile::tempdir().unwrap();
    let url = common::fresh_database(&dir).await;
    let pool = sqlx::AnyPool::connect(&url).await.unwrap();
    let mut previous = sqlx::migrate::Migrator::new(migration_dir(&url))
        .await
        .unwrap();
    previous.migrations.to_mut().retain(|m| m.version <= 2);
    previous.run(&pool).await.unwrap();
    let token = "previous-schema-token-0123456789abcdef";
    let digest: String = sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    sqlx::query("INSERT INTO users (id, mobile, is_bind_avatar, created_at, updated_at) VALUES (7, '13700137000', 1, 0, 0)")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO avatars (user_id, content_type, data, fetched_at) VALUES (7, 'image/png', $1, 0)")
        .bind(b"png".to_vec())
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at, revoked_at) VALUES ($1, 7, 0, 99999999999, NULL)")
        .bind(&digest)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let env = common::start_with(|config| config.database_url = url.clone()).await;
    let me = env.get("/v1/me", Some(token)).await;
    let avatar = me.ok()["user"]["wechat_avatar"]
        .as_str()
        .unwrap()
        .to_owned();
    let id = avatar.strip_prefix("/v1/avatars/").unwrap();
    assert_eq!(id.len(), 32);
    assert_ne!(id, "7");
    let image = env.http.get(env.url(&avatar)).send().await.unwrap();
    assert_eq!(image.status(), 200);
    assert_eq!(image.bytes().await.unwrap().as_ref(), b"png");
    env.get("/v1/avatars/7", None).await.fails(400, 40001);
    env.post("/v1/auth/logout", serde_json::json!({}), Some(token))
        .await
        .ok();
    env.get("/v1/me", Some(token)).await.fails(401, 40101);
}
