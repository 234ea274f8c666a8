//! `wxlogin-server --listen ADDR --database-url URL --wechat-api-base URL
//!  --wechat-app-id ID --wechat-app-secret S [--dev]`; every flag also reads an
//! environment variable (`--help` lists them).

use clap::Parser;
use wxlogin_server::{Config, Server};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // Logs go to stderr, so stdout carries only the ready line that scripts wait for;
    // colours only on a terminal, so captured logs stay plain text.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let config = Config::parse();
    tracing::info!(?config, "starting");
    let server = match Server::new(config).await {
        Ok(server) => server,
        Err(err) => {
            tracing::error!("cannot start: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let handle = match server.spawn().await {
        Ok(handle) => handle,
        Err(err) => {
            tracing::error!("cannot start: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("wxlogin-server listening on {}", handle.base_url());
    shutdown_signal().await;
    tracing::info!("shutting down");
    handle.shutdown().await;
    std::process::ExitCode::SUCCESS
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}
