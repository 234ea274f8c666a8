//! `wxlogin-sim`: the WeChat simulator as a process, for manual runs, other languages' tests
//! and device QA against a desktop.

use std::process::ExitCode;

use clap::{ArgGroup, Parser};
use wxlogin_sim::{AppConfig, SimConfig, Simulator};

/// A WeChat open-platform simulator (the /sns/ OAuth endpoints, the web authorization pages
/// plus a /sim/ control API).
#[derive(Debug, Parser)]
#[command(name = "wxlogin-sim", version)]
#[command(group(
    ArgGroup::new("registered")
        .required(true)
        .multiple(true)
        .args(["apps", "website_apps", "official_accounts"])
))]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    listen: String,

    /// A registered mobile app, APPID:SECRET[:ACCOUNT]; repeatable. Apps without an ACCOUNT
    /// share the account "default" (so they share unionids); ACCOUNT "-" means not bound to
    /// the open platform (no unionid).
    #[arg(
        long = "app",
        value_name = "APPID:SECRET[:ACCOUNT]",
        env = "WXLOGIN_SIM_APPS",
        value_delimiter = ',',
        hide_env_values = true
    )]
    apps: Vec<AppConfig>,

    /// An open-platform website app (QR login, snsapi_login) whose redirect_uri must be on
    /// DOMAIN; repeatable. ACCOUNT as for --app.
    #[arg(
        long = "website-app",
        value_name = "APPID:SECRET:DOMAIN[:ACCOUNT]",
        env = "WXLOGIN_SIM_WEBSITE_APPS",
        value_delimiter = ',',
        hide_env_values = true,
        value_parser = AppConfig::parse_website
    )]
    website_apps: Vec<AppConfig>,

    /// An official account (web authorization, snsapi_base / snsapi_userinfo) whose
    /// redirect_uri must be on DOMAIN; repeatable. ACCOUNT as for --app.
    #[arg(
        long = "official-account",
        value_name = "APPID:SECRET:DOMAIN[:ACCOUNT]",
        env = "WXLOGIN_SIM_OFFICIAL_ACCOUNTS",
        value_delimiter = ',',
        hide_env_values = true,
        value_parser = AppConfig::parse_official_account
    )]
    official_accounts: Vec<AppConfig>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let config = args
        .apps
        .into_iter()
        .chain(args.website_apps)
        .chain(args.official_accounts)
        .fold(SimConfig::default(), SimConfig::with_app);
    // Signals are caught from before the ready line on: a script that sends SIGTERM as
    // soon as it reads the line must get a clean shutdown, not the default kill.
    let terminated = match terminated() {
        Ok(terminated) => terminated,
        Err(e) => {
            eprintln!("wxlogin-sim: cannot listen for signals: {e}");
            return ExitCode::FAILURE;
        }
    };
    let handle = match Simulator::new(config).spawn(&args.listen).await {
        Ok(handle) => handle,
        Err(e) => {
            eprintln!("wxlogin-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("wxlogin-sim listening on {}", handle.base_url());
    terminated.await;
    match handle.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wxlogin-sim: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM. The handlers are installed by this call, not when the
/// future is first polled.
#[cfg(unix)]
fn terminated() -> std::io::Result<impl std::future::Future<Output = ()>> {
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
fn terminated() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}
