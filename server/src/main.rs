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
    // Signals are caught from before the ready line on: a script that sends SIGTERM as
    // soon as it reads the line must get a graceful shutdown, not the default kill.
    let shutdown = match shutdown_signal() {
        Ok(shutdown) => shutdown,
        Err(err) => {
            tracing::error!("cannot listen for signals: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
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
    shutdown.await;
    tracing::info!("shutting down");
    handle.shutdown().await;
    std::process::ExitCode::SUCCESS
}

/// Resolves on Ctrl-C or SIGTERM. The handlers are installed by this call, not when the
/// future is first polled.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {}
            _ = interrupt.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
