//! Latency of the core's WeChat login, `WxLogin::login_with_code`, beside a plain HTTP
//! POST of the same request with the same client library (reqwest). It prints figures
//! and asserts nothing about timing. `scripts/bench-core.sh` runs it in release mode.
//!
//! ```sh
//! cargo run --release -p wxlogin-qa --example core_latency -- --count 500 --concurrency 1,8
//! ```
//!
//! The WeChat simulator and the reference server run in this process
//! (`QaEnv::embedded()`: SQLite in a temp dir, 127.0.0.1:0), on the same tokio runtime
//! as the load: they share the machine's cores. Before the timed part, a few WeChat
//! users are made bound users through the core (login, captcha, forced phone binding),
//! so that every timed login is a returning bound user's: the server answers
//! `is_bind: true` with a session, after calling the simulator twice (access_token,
//! userinfo). Every login, core or plain, uses a fresh code from the simulator's control
//! API; authorizing is not timed.
//!
//! - core: `login_with_code(code)` on one shared `WxLogin` (server_url set, in-memory
//!   secure store): the once-per-code guard, the flow state, the request through the
//!   core's `ApiClient` (reqwest), reading the envelope, saving the session.
//! - plain: `POST /v1/auth/wechat {"code"}` with a `reqwest::Client` built like the
//!   core's (same timeouts), the body read and parsed as JSON, `is_bind` checked.
//!
//! Each worker alternates the two (core first on even iterations, plain first on odd),
//! so that drift in the machine's load affects both alike. The core is driven directly
//! from Rust on this runtime; through UniFFI the foreign side polls the future and the
//! I/O runs on async-compat's runtime instead (one more thread hop, not measured here).

use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::Value;
use wxlogin_core::{
    in_memory_store, CaptchaPurpose, LoginResult, Platform, WxLogin, WxLoginConfig,
};
use wxlogin_qa::env::QaEnv;
use wxlogin_sim::control::Scope;

const TIMEOUT: Duration = Duration::from_secs(15);
/// `wxlogin_contract::AUTH_WECHAT` (the contract crate is not a dependency of qa).
const AUTH_WECHAT: &str = "/v1/auth/wechat";

#[derive(Parser)]
#[command(about = "Latency of WxLogin::login_with_code vs a plain reqwest POST, on loopback")]
struct Args {
    /// Timed logins per client and concurrency level (after the warm-up).
    #[arg(long, default_value_t = 500)]
    count: usize,
    /// Untimed logins per client before the timed ones.
    #[arg(long, default_value_t = 50)]
    warmup: usize,
    /// Concurrency levels to run, comma-separated (1 = sequential).
    #[arg(long, value_delimiter = ',', default_value = "1,8")]
    concurrency: Vec<usize>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    if let Err(err) = run(args).await {
        eprintln!("core_latency: {err}");
        std::process::exit(1);
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

struct Bench {
    env: QaEnv,
    core: Arc<WxLogin>,
    plain: reqwest::Client,
    login_url: String,
    users: Vec<String>,
}

async fn run(args: Args) -> Result<(), BoxError> {
    if args.count == 0 || args.concurrency.contains(&0) {
        return Err("--count and every --concurrency must be at least 1".into());
    }
    let env = QaEnv::embedded().await?;
    let core = WxLogin::new(
        WxLoginConfig {
            app_id: env.app_id.clone(),
            platform: Platform::Android,
            state_ttl_ms: 600_000,
            grace_period_ms: 2_000,
            server_url: Some(env.server_url()),
            request_timeout_ms: TIMEOUT.as_millis() as i64,
        },
        in_memory_store(),
    )?;
    // As the core's ApiClient builds its client (core/src/api/client.rs).
    let plain = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT.min(Duration::from_secs(10)))
        .build()?;
    let max_concurrency = args.concurrency.iter().copied().max().unwrap_or(1);
    let nonce = std::process::id() % 10_000;
    let users: Vec<String> = (0..max_concurrency.min(8))
        .map(|i| format!("lat{nonce}-{i}"))
        .collect();
    let bench = Arc::new(Bench {
        login_url: format!("{}{}", env.server_url(), AUTH_WECHAT),
        env,
        core,
        plain,
        users,
    });
    for (i, user) in bench.users.iter().enumerate() {
        bench
            .bind_user(user, &format!("139{nonce:04}{i:04}"))
            .await?;
    }

    println!("wxlogin core login latency (loopback, in-process server + WeChat simulator)");
    println!(
        "  {} timed logins per client and level after {} warm-up; {} bound users; {} cores shared by server, simulator and clients",
        args.count,
        args.warmup,
        bench.users.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("  core  = WxLogin::login_with_code(code)");
    println!(
        "  plain = reqwest POST {} {{\"code\"}}, JSON parsed",
        AUTH_WECHAT
    );
    if cfg!(debug_assertions) {
        println!(
            "  WARNING: debug build; use --release (scripts/bench-core.sh) for meaningful figures."
        );
    }
    println!();
    println!(
        "{:>5}  {:<6} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "conc", "client", "p50 ms", "p90 ms", "p99 ms", "mean ms", "max ms"
    );
    let mut ratios = Vec::new();
    for &concurrency in &args.concurrency {
        bench.clone().round(concurrency, args.warmup).await?;
        let (core, plain) = bench.clone().round(concurrency, args.count).await?;
        for (name, stats) in [("core", &core), ("plain", &plain)] {
            println!(
                "{concurrency:>5}  {name:<6} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
                ms(stats.p(0.50)),
                ms(stats.p(0.90)),
                ms(stats.p(0.99)),
                ms(stats.mean()),
                ms(stats.p(1.0)),
            );
        }
        ratios.push((concurrency, core, plain));
    }
    println!();
    println!("core / plain");
    for (concurrency, core, plain) in &ratios {
        println!(
            "  concurrency {concurrency:>3}: p50 x{:.2} ({:+.3} ms), p99 x{:.2} ({:+.3} ms), mean x{:.2}",
            ratio(core.p(0.50), plain.p(0.50)),
            ms(core.p(0.50)) - ms(plain.p(0.50)),
            ratio(core.p(0.99), plain.p(0.99)),
            ms(core.p(0.99)) - ms(plain.p(0.99)),
            ratio(core.mean(), plain.mean()),
        );
    }
    println!(
        "(nearest-rank percentiles over {} logins per client and level)",
        args.count
    );
    Ok(())
}

impl Bench {
    /// A new WeChat identity, through the core: login (NeedsPhone), captcha, binding.
    async fn bind_user(&self, user: &str, mobile: &str) -> Result<(), BoxError> {
        let code = self.code(user).await?;
        let LoginResult::NeedsPhone { bind_ticket, .. } =
            self.core.login_with_code(code.into()).await?
        else {
            return Err(format!("{user}: expected the bind-phone answer").into());
        };
        self.core
            .request_captcha(mobile.into(), CaptchaPurpose::Bind)
            .await?;
        let captcha = self.env.last_sms(mobile).await?;
        self.core
            .bind_phone(bind_ticket.into(), mobile.into(), captcha.into())
            .await?;
        Ok(())
    }

    async fn code(&self, user: &str) -> Result<String, BoxError> {
        Ok(self
            .env
            .control
            .authorize(&self.env.app_id, user, Scope::SnsapiUserinfo)
            .await?)
    }

    async fn core_login(&self, code: String) -> Result<Duration, BoxError> {
        let started = Instant::now();
        let result = self.core.login_with_code(code.into()).await?;
        let elapsed = started.elapsed();
        match result {
            LoginResult::SignedIn { .. } => Ok(elapsed),
            other => Err(format!("core: expected SignedIn, got {other:?}").into()),
        }
    }

    async fn plain_login(&self, code: String) -> Result<Duration, BoxError> {
        let started = Instant::now();
        let response = self
            .plain
            .post(&self.login_url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(&serde_json::json!({ "code": code }))?)
            .send()
            .await?;
        let status = response.status();
        let body = response.bytes().await?;
        let answer: Value = serde_json::from_slice(&body)?;
        let elapsed = started.elapsed();
        if !status.is_success() || answer["data"]["is_bind"] != true {
            return Err(format!("plain: HTTP {status}: {answer}").into());
        }
        Ok(elapsed)
    }

    /// `count` logins per client spread over `concurrency` workers.
    async fn round(
        self: Arc<Self>,
        concurrency: usize,
        count: usize,
    ) -> Result<(Stats, Stats), BoxError> {
        let mut workers = Vec::new();
        for w in 0..concurrency {
            let bench = self.clone();
            let share = count / concurrency + usize::from(w < count % concurrency);
            workers.push(tokio::spawn(async move {
                let user = &bench.users[w % bench.users.len()];
                let (mut core, mut plain) = (Vec::new(), Vec::new());
                for i in 0..share {
                    let (first, second) = (bench.code(user).await?, bench.code(user).await?);
                    if i % 2 == 0 {
                        core.push(bench.core_login(first).await?);
                        plain.push(bench.plain_login(second).await?);
                    } else {
                        plain.push(bench.plain_login(first).await?);
                        core.push(bench.core_login(second).await?);
                    }
                }
                Ok::<_, BoxError>((core, plain))
            }));
        }
        let (mut core, mut plain) = (Vec::new(), Vec::new());
        for worker in workers {
            let (c, p) = worker.await??;
            core.extend(c);
            plain.extend(p);
        }
        Ok((Stats::new(core), Stats::new(plain)))
    }
}

struct Stats(Vec<Duration>);

impl Stats {
    fn new(mut samples: Vec<Duration>) -> Self {
        samples.sort_unstable();
        Self(samples)
    }

    /// Nearest-rank percentile.
    fn p(&self, q: f64) -> Duration {
        if self.0.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((q * self.0.len() as f64).ceil() as usize).clamp(1, self.0.len());
        self.0[rank - 1]
    }

    fn mean(&self) -> Duration {
        if self.0.is_empty() {
            return Duration::ZERO;
        }
        self.0.iter().sum::<Duration>() / self.0.len() as u32
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}
