//! `wxlogin-qa [--out DIR] [--only 1,5,17] [--server URL --sim URL [--app-id ID]
//! [--mp-verify-token T]]`
//!
//! Without `--server` it starts the WeChat simulator and the reference server in this
//! process (SQLite in a temp dir, random loopback ports) and runs the seed's 18 cases
//! against them, then the web channels' section W1… (not with `--only`). Exit status 1
//! when a case fails, 2 when the run cannot start.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use wxlogin_qa::env::QaEnv;
use wxlogin_qa::selection::select;

#[derive(Parser)]
#[command(
    name = "wxlogin-qa",
    about = "The seed's 18-case login/bind QA matrix, and its web channels' section"
)]
struct Args {
    /// Folder for report.md, junit.xml and report.html.
    #[arg(long, default_value = "qa-report")]
    out: PathBuf,
    /// Only these case ids, comma-separated, each once.
    #[arg(long, value_delimiter = ',')]
    only: Vec<i32>,
    /// A running wxlogin-server, by its http:// address, started with --dev, instead of
    /// the embedded one.
    #[arg(long, requires = "sim")]
    server: Option<String>,
    /// The wxlogin-sim that server talks to (the runner drives its control API).
    #[arg(long, requires = "server")]
    sim: Option<String>,
    /// The AppID the external server and simulator share.
    #[arg(long, default_value = wxlogin_qa::env::APP_ID)]
    app_id: String,
    /// The official account's domain-verification token the external server serves
    /// (its --mp-verify-token), for web case W10.
    #[arg(long, requires = "server")]
    mp_verify_token: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    // Before anything starts: a wrong selection is the tester's typo, not a run.
    let ids = match select(&args.only) {
        Ok(ids) => ids,
        Err(err) => {
            eprintln!("wxlogin-qa: {err}");
            return ExitCode::from(2);
        }
    };
    let env = match (&args.server, &args.sim) {
        (Some(server), Some(sim)) => {
            QaEnv::external(server, sim, &args.app_id, args.mp_verify_token.as_deref()).await
        }
        _ => QaEnv::embedded().await,
    };
    let env = match env {
        Ok(env) => env,
        Err(err) => {
            eprintln!("wxlogin-qa: cannot start: {err}");
            return ExitCode::from(2);
        }
    };
    println!(
        "wxlogin-qa: {} 个用例 / {} cases; server {}, simulator {}, AppID {}",
        ids.len(),
        ids.len(),
        env.server_name,
        env.sim_url,
        env.app_id
    );
    let report = match wxlogin_qa::run::run(&env, &ids, args.only.is_empty(), true).await {
        Ok(report) => report,
        Err(err) => {
            eprintln!("wxlogin-qa: {err}");
            return ExitCode::from(2);
        }
    };
    if let Err(err) = report.write(&args.out) {
        eprintln!(
            "wxlogin-qa: cannot write the report to {}: {err}",
            args.out.display()
        );
        return ExitCode::from(2);
    }
    let summary = report.summary();
    println!(
        "{}\n{}\n报告 / report: {}/report.html, report.md, junit.xml",
        summary.zh,
        summary.en,
        args.out.display()
    );
    if report.failed() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
