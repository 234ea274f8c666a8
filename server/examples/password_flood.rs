//! Password-login flood: N concurrent `POST /v1/auth/password` against a running
//! wxlogin-server process, sampling that process's memory. It prints the answers it got,
//! their latency and the server's peak RSS (`VmHWM` of /proc/PID/status, Linux); it
//! asserts nothing. `scripts/bench-passwords.sh` starts the processes and runs it.
//!
//! ```sh
//! cargo run --release -p wxlogin-server --example password_flood -- \
//!     --base http://127.0.0.1:8080 --server-pid 12345 --concurrency 500
//! ```
//!
//! Each attempt names a different account that does not exist, the case that needs no
//! knowledge of the service at all (unknown accounts are checked against a dummy hash,
//! so they cost the server as much as real ones).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::json;

#[derive(Parser)]
#[command(about = "Concurrent password logins against a running wxlogin-server")]
struct Args {
    /// The server's base URL.
    #[arg(long)]
    base: String,
    /// The server's process id, for its memory figures.
    #[arg(long)]
    server_pid: u32,
    /// Attempts sent at once.
    #[arg(long, default_value_t = 500)]
    concurrency: usize,
    /// A label for the printed figures.
    #[arg(long, default_value = "server")]
    label: String,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let status_path = format!("/proc/{}/status", args.server_pid);
    let rss_before = kib(&status_path, "VmRSS:");

    let sampling = Arc::new(AtomicBool::new(true));
    let peak_sampled = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (sampling, peak, path) = (sampling.clone(), peak_sampled.clone(), status_path.clone());
        tokio::spawn(async move {
            while sampling.load(Ordering::Relaxed) {
                if let Some(rss) = kib(&path, "VmRSS:") {
                    peak.fetch_max(rss, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };

    // One client per attempt: one connection each, all open at once.
    let started = Instant::now();
    let mut attempts = tokio::task::JoinSet::new();
    for i in 0..args.concurrency {
        let url = format!("{}/v1/auth/password", args.base);
        attempts.spawn(async move {
            let sent = Instant::now();
            let answer = reqwest::Client::new()
                .post(url)
                .timeout(Duration::from_secs(600))
                .json(&json!({"account": format!("flood-{i}"), "password": "guess"}))
                .send()
                .await;
            let status = match answer {
                Ok(response) => response.status().to_string(),
                Err(err) => format!("error: {err}"),
            };
            (status, sent.elapsed())
        });
    }
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let mut latencies = Vec::new();
    while let Some(done) = attempts.join_next().await {
        let (status, latency) = done.expect("attempt task");
        *tally.entry(status).or_default() += 1;
        latencies.push(latency);
    }
    let wall = started.elapsed();
    sampling.store(false, Ordering::Relaxed);
    let _ = sampler.await;
    latencies.sort();
    let at = |q: f64| latencies[((q * latencies.len() as f64) as usize).min(latencies.len() - 1)];

    println!(
        "{}: {} concurrent password logins (unknown accounts) in {:.1} s",
        args.label,
        args.concurrency,
        wall.as_secs_f64()
    );
    for (status, count) in &tally {
        println!("  {count:>5} × {status}");
    }
    println!(
        "  latency p50 {:.2} s, p99 {:.2} s, max {:.2} s",
        at(0.5).as_secs_f64(),
        at(0.99).as_secs_f64(),
        latencies.last().copied().unwrap_or_default().as_secs_f64()
    );
    println!(
        "  server RSS before {} MiB, peak sampled {} MiB, peak (VmHWM) {} MiB",
        mib(rss_before),
        mib(Some(peak_sampled.load(Ordering::Relaxed))),
        mib(kib(&status_path, "VmHWM:"))
    );
}

/// A `kB` field of /proc/PID/status.
fn kib(path: &str, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(path).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "?".into(), |k| format!("{:.0}", k as f64 / 1024.0))
}
