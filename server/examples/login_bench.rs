//! Login benchmark: full WeChat logins against an in-process server, compared with the
//! server's trivial endpoint. It prints figures and asserts nothing about timing.
//!
//! ```sh
//! cargo run --release -p wxlogin-server --example login_bench -- --concurrency 16 --count 2000
//! cargo run --release -p wxlogin-server --example login_bench -- --postgres-admin-url postgres://wxlogin@127.0.0.1/postgres
//! ```
//!
//! Everything runs in this one process on 127.0.0.1:0 sockets and one tokio runtime: the
//! WeChat simulator, the server and the load generator share the machine's cores. The
//! server's calls to WeChat (`/sns/oauth2/access_token`, `/sns/userinfo`, avatar
//! downloads) go to the simulator, so its HTTP work is part of what a login costs here,
//! as WeChat's round trips are in production. Those are far slower than loopback:
//! `--wechat-latency-ms 30` holds every WeChat answer back 30 ms, as from a server in
//! China. Each phase prints its WeChat calls per operation (from the simulator's
//! counters, including calls the server makes after answering).
//!
//! Phases, each with `--concurrency` workers and `--count` operations after a warm-up:
//!
//! 1. new identity: the WeChat app authorizes (simulator control API, timed apart), then
//!    `POST /v1/auth/wechat` answers `is_bind: false` and a bind ticket;
//! 2. forced phone binding of those identities (captcha, dev SMS read-back, bind-phone),
//!    which makes them bound users; the two server calls are timed;
//! 3. returning bound user: authorize again, `POST /v1/auth/wechat` answers
//!    `is_bind: true` and a session;
//! 4. `GET /v1/health`.
//!
//! With `--tsv`, each phase also prints one `tsv<TAB>…` line for scripts/bench-server.sh.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::{json, Value};
use sqlx::Connection;
use wxlogin_server::{CaptchaPolicy, Config, Server, ServerHandle};
use wxlogin_sim::control::{Calls, ControlClient, Fault, FaultTarget, Scope};
use wxlogin_sim::{AppConfig, SimConfig, Simulator};

const APP_ID: &str = "wxbench0123456789";
const SECRET: &str = "bench-app-secret-0123456789";

#[derive(Parser)]
#[command(about = "Benchmark WeChat logins against an in-process wxlogin-server")]
struct Args {
    /// Requests in flight at once.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Timed operations per phase (after the warm-up).
    #[arg(long, default_value_t = 2000)]
    count: usize,
    /// Untimed operations per phase before the timed ones.
    #[arg(long, default_value_t = 100)]
    warmup: usize,
    /// Database to use as is (`sqlite://…` or `postgres://…`). Default: a SQLite file
    /// in a temp dir. User names and phones are unique per run, so a used database works.
    #[arg(long, conflicts_with = "postgres_admin_url")]
    database_url: Option<String>,
    /// A PostgreSQL admin URL (as WXLOGIN_TEST_POSTGRES_URL): a fresh database is
    /// created on it for the run and dropped afterwards.
    #[arg(long)]
    postgres_admin_url: Option<String>,
    /// Authorize every code on the simulator before a login phase starts, so that the
    /// phase's throughput is the server's alone (the server still calls the simulator).
    #[arg(long)]
    premint: bool,
    /// A label for the `tsv` lines (default: the backend).
    #[arg(long)]
    label: Option<String>,
    /// Also print machine-readable `tsv` lines.
    #[arg(long)]
    tsv: bool,
    /// Extra latency of every WeChat API call, in milliseconds (the simulator holds each
    /// answer back this long), to model the round trip from a server in China to
    /// api.weixin.qq.com (tens of milliseconds) instead of loopback.
    #[arg(long, default_value_t = 0)]
    wechat_latency_ms: u64,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    if let Err(err) = run(args).await {
        eprintln!("login_bench: {err}");
        std::process::exit(1);
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The simulator, the server and an HTTP client for both.
struct Bench {
    control: ControlClient,
    http: reqwest::Client,
    base: String,
    run_id: String,
    mobile_base: u64,
}

async fn run(args: Args) -> Result<(), BoxError> {
    if args.concurrency == 0 || args.count == 0 {
        return Err("--concurrency and --count must be at least 1".into());
    }
    let sim = Simulator::new(SimConfig::default().with_app(AppConfig::new(APP_ID, SECRET, "acme")))
        .spawn("127.0.0.1:0")
        .await?;
    let dir = tempfile::tempdir()?;
    let db = Database::prepare(&args, &dir).await?;

    let mut config = Config::for_testing(&db.url, &sim.base_url(), APP_ID, SECRET);
    config.captcha = CaptchaPolicy {
        cooldown_s: 0,
        per_phone_hour: 1_000_000,
        per_ip_hour: 1_000_000_000,
        ..CaptchaPolicy::default()
    };
    let server: ServerHandle = Server::new(config).await?.spawn().await?;

    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.concurrency * 2)
        .build()?;
    let seed = random_seed();
    let bench = Arc::new(Bench {
        control: ControlClient::with_http(http.clone(), &sim.base_url())?,
        http,
        base: server.base_url(),
        run_id: format!("{:x}", seed & 0xffff_ffff),
        // 11-digit Chinese mobiles 13x..19x; a random base keeps runs over one database apart.
        mobile_base: 13_000_000_000 + (seed % 5_000_000) * 1000,
    });
    let label = args.label.clone().unwrap_or_else(|| db.backend.to_owned());
    if args.wechat_latency_ms > 0 {
        bench
            .control
            .inject_fault(
                FaultTarget::Any,
                Fault::latency(args.wechat_latency_ms),
                u32::MAX,
            )
            .await?;
    }

    println!("wxlogin login benchmark");
    println!(
        "  backend     {} ({})",
        db.backend,
        db.note.as_deref().unwrap_or("")
    );
    println!(
        "  concurrency {}, count {} per phase, warm-up {}, codes {}",
        args.concurrency,
        args.count,
        args.warmup,
        if args.premint {
            "pre-authorized before each login phase"
        } else {
            "authorized inline by each worker (its time is not in the latency)"
        }
    );
    println!(
        "  one process, {} tokio worker threads (= cores): simulator, server and load generator share them.",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("  A login includes the server's own HTTP calls to the in-process WeChat simulator");
    println!(
        "  over loopback, each held back {} ms more (--wechat-latency-ms).",
        args.wechat_latency_ms
    );
    if cfg!(debug_assertions) {
        println!("  WARNING: debug build; use --release for meaningful figures.");
    }
    println!();

    let total = args.warmup + args.count;
    let users: Vec<String> = (0..total)
        .map(|i| format!("bench-{}-{i}", bench.run_id))
        .collect();
    let users = Arc::new(users);

    // Phase 1: new identities, each gets a bind ticket.
    let tickets: Arc<Vec<Mutex<Option<String>>>> =
        Arc::new((0..total).map(|_| Mutex::new(None)).collect());
    let new_login = {
        let tickets = tickets.clone();
        let users = users.clone();
        move |bench: Arc<Bench>, i: usize, code: Option<String>| {
            let tickets = tickets.clone();
            let user = users[i].clone();
            async move {
                let (sample, data) = bench.wechat_login(&user, code).await?;
                if data["is_bind"] != false {
                    return Err(
                        format!("new identity {user}: expected is_bind false: {data}").into(),
                    );
                }
                let ticket = data["bind_ticket"]
                    .as_str()
                    .ok_or_else(|| format!("no bind_ticket: {data}"))?;
                *tickets[i].lock().unwrap() = Some(ticket.to_owned());
                Ok(sample)
            }
        }
    };
    let codes = if args.premint {
        Some(bench.mint_codes(&users, args.concurrency).await?)
    } else {
        None
    };
    let new_stats = phase(&bench, &args, codes, new_login).await;
    new_stats.print(
        "POST /v1/auth/wechat, new identity -> is_bind false + bind ticket",
        "authorize on the simulator (the WeChat app), before it",
    );

    // Phase 2: the forced phone binding makes every identity a bound user.
    let bind = {
        let tickets = tickets.clone();
        move |bench: Arc<Bench>, i: usize, _code: Option<String>| {
            let ticket = tickets[i].lock().unwrap().take();
            async move {
                let ticket = ticket.ok_or("no ticket (its login failed)")?;
                bench.bind_phone(i, &ticket).await
            }
        }
    };
    let bind_stats = phase(&bench, &args, None, bind).await;
    bind_stats.print(
        "POST /v1/auth/wechat/bind-phone (forced phone binding; makes the users bound)",
        "POST /v1/captcha before it",
    );

    // Phase 3: the same people come back; they are bound now.
    let returning = {
        let users = users.clone();
        move |bench: Arc<Bench>, i: usize, code: Option<String>| {
            let user = users[i].clone();
            async move {
                let (sample, data) = bench.wechat_login(&user, code).await?;
                if data["is_bind"] != true || !data["token"].is_string() {
                    return Err(format!("returning {user}: expected a session: {data}").into());
                }
                Ok(sample)
            }
        }
    };
    let codes = if args.premint {
        Some(bench.mint_codes(&users, args.concurrency).await?)
    } else {
        None
    };
    let returning_stats = phase(&bench, &args, codes, returning).await;
    returning_stats.print(
        "POST /v1/auth/wechat, returning bound user -> is_bind true + session",
        "authorize on the simulator (the WeChat app), before it",
    );

    // Phase 4: the trivial endpoint, same concurrency and count.
    let health = |bench: Arc<Bench>, _i: usize, _code: Option<String>| async move {
        let started = Instant::now();
        let response = bench
            .http
            .get(format!("{}/v1/health", bench.base))
            .send()
            .await?;
        let status = response.status();
        response.bytes().await?;
        if !status.is_success() {
            return Err(format!("health answered {status}").into());
        }
        Ok(Sample::server(started.elapsed()))
    };
    let health_stats = phase(&bench, &args, None, health).await;
    health_stats.print("GET /v1/health", "");

    println!("ratios (login / health)");
    for (name, stats) in [
        ("new identity", &new_stats),
        ("returning user", &returning_stats),
    ] {
        println!(
            "  {name:<15} p50 x{:.1}, p99 x{:.1}, throughput x{:.3} ({:.0} vs {:.0} /s)",
            ratio(stats.p(0.5), health_stats.p(0.5)),
            ratio(stats.p(0.99), health_stats.p(0.99)),
            stats.rate() / health_stats.rate(),
            stats.rate(),
            health_stats.rate()
        );
    }
    if !args.premint {
        println!("  (login throughput includes each worker's authorize call on the simulator;");
        println!("   --premint authorizes all codes before the phase instead)");
    }

    if args.tsv {
        for (phase, stats) in [
            ("login-new", &new_stats),
            ("bind-phone", &bind_stats),
            ("login-returning", &returning_stats),
            ("health", &health_stats),
        ] {
            println!(
                "tsv\t{label}\t{phase}\t{:.0}\t{:.2}\t{:.2}\t{}\t{:.2}",
                stats.rate(),
                ms(stats.p(0.5)),
                ms(stats.p(0.99)),
                stats.errors,
                stats.wechat_calls_per_op()
            );
        }
        for (phase, stats) in [
            ("login-new", &new_stats),
            ("login-returning", &returning_stats),
        ] {
            println!(
                "tsv\t{label}\t{phase}/health\tx{:.3}\tx{:.1}\tx{:.1}\t-\t-",
                stats.rate() / health_stats.rate(),
                ratio(stats.p(0.5), health_stats.p(0.5)),
                ratio(stats.p(0.99), health_stats.p(0.99))
            );
        }
    }

    server.shutdown().await;
    sim.shutdown().await?;
    db.cleanup().await;
    let errors =
        new_stats.errors + bind_stats.errors + returning_stats.errors + health_stats.errors;
    if errors > 0 {
        return Err(format!("{errors} operations failed (see above)").into());
    }
    Ok(())
}

impl Bench {
    /// The WeChat app's part: the user taps "allow"; the code the app gets.
    async fn authorize(&self, user: &str) -> Result<String, BoxError> {
        Ok(self
            .control
            .authorize(APP_ID, user, Scope::SnsapiUserinfo)
            .await?)
    }

    async fn mint_codes(
        self: &Arc<Self>,
        users: &Arc<Vec<String>>,
        concurrency: usize,
    ) -> Result<Arc<Vec<String>>, BoxError> {
        let slots: Arc<Vec<Mutex<Option<String>>>> =
            Arc::new(users.iter().map(|_| Mutex::new(None)).collect());
        let stats = drive(self, concurrency, 0..users.len(), None, {
            let slots = slots.clone();
            let users = users.clone();
            move |bench: Arc<Bench>, i: usize, _: Option<String>| {
                let slots = slots.clone();
                let user = users[i].clone();
                async move {
                    let code = bench.authorize(&user).await?;
                    *slots[i].lock().unwrap() = Some(code);
                    Ok(Sample::server(Duration::ZERO))
                }
            }
        })
        .await;
        if stats.errors > 0 {
            return Err(format!(
                "authorizing codes: {}",
                stats.first_error.unwrap_or_default()
            )
            .into());
        }
        Ok(Arc::new(
            slots
                .iter()
                .map(|s| s.lock().unwrap().take().unwrap_or_default())
                .collect(),
        ))
    }

    /// Authorize (unless a code is given), then `POST /v1/auth/wechat`; only the
    /// server call is in `Sample::server`.
    async fn wechat_login(
        &self,
        user: &str,
        code: Option<String>,
    ) -> Result<(Sample, Value), BoxError> {
        let (code, authorize) = match code {
            Some(code) => (code, None),
            None => {
                let started = Instant::now();
                let code = self.authorize(user).await?;
                (code, Some(started.elapsed()))
            }
        };
        let started = Instant::now();
        let body = self
            .post("/v1/auth/wechat", json!({ "code": code }))
            .await?;
        let server = started.elapsed();
        Ok((
            Sample {
                server,
                aside: authorize,
            },
            body,
        ))
    }

    /// Captcha (timed as `aside`), dev SMS read-back (untimed), bind-phone (timed).
    async fn bind_phone(&self, i: usize, ticket: &str) -> Result<Sample, BoxError> {
        let mobile = (self.mobile_base + i as u64).to_string();
        let started = Instant::now();
        self.post("/v1/captcha", json!({"mobile": mobile, "purpose": "bind"}))
            .await?;
        let captcha_time = started.elapsed();
        let sms: Value = self
            .http
            .get(format!("{}/dev/sms?mobile={mobile}", self.base))
            .send()
            .await?
            .json()
            .await?;
        let captcha = sms["captcha"]
            .as_str()
            .ok_or_else(|| format!("no dev sms for {mobile}: {sms}"))?;
        let started = Instant::now();
        let data = self
            .post(
                "/v1/auth/wechat/bind-phone",
                json!({"bind_ticket": ticket, "mobile": mobile, "captcha": captcha}),
            )
            .await?;
        let bind_time = started.elapsed();
        if !data["token"].is_string() {
            return Err(format!("bind-phone gave no session: {data}").into());
        }
        Ok(Sample {
            server: bind_time,
            aside: Some(captcha_time),
        })
    }

    /// The simulator's call counters once they stop moving: work a server does after
    /// answering (none, or a background refresh) is counted with the phase that caused it.
    async fn settled_calls(&self) -> Calls {
        let mut last = self.control.calls().await.unwrap_or_default();
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let now = self.control.calls().await.unwrap_or_default();
            if now == last {
                break;
            }
            last = now;
        }
        last
    }

    /// A contract call that must succeed (`code` 0); its `data`.
    async fn post(&self, path: &str, body: Value) -> Result<Value, BoxError> {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await?;
        let status = response.status();
        let text = response.text().await?;
        let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if !status.is_success() || body["code"] != 0 {
            return Err(format!("{path} answered {status}: {text}").into());
        }
        Ok(body["data"].clone())
    }
}

/// One operation: the timed server call, and a second figure beside it (the authorize
/// call on the simulator, or the captcha request of a binding).
struct Sample {
    server: Duration,
    aside: Option<Duration>,
}

impl Sample {
    fn server(server: Duration) -> Self {
        Self {
            server,
            aside: None,
        }
    }
}

struct Stats {
    /// Server-call latencies in completion order.
    latencies: Vec<Duration>,
    aside: Vec<Duration>,
    wall: Duration,
    errors: usize,
    first_error: Option<String>,
    /// The simulator's call counters over the phase (warm-up included) and the number
    /// of operations they were made for.
    wechat: Calls,
    operations: usize,
}

impl Stats {
    /// WeChat API calls (`/sns/…` and avatar downloads) per operation.
    fn wechat_calls_per_op(&self) -> f64 {
        let c = &self.wechat;
        let total = c.access_token + c.refresh_token + c.auth + c.userinfo + c.avatar;
        total as f64 / self.operations.max(1) as f64
    }

    fn sorted(values: &[Duration]) -> Vec<Duration> {
        let mut v = values.to_vec();
        v.sort_unstable();
        v
    }

    fn percentile(sorted: &[Duration], q: f64) -> Duration {
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        sorted[rank - 1]
    }

    fn p(&self, q: f64) -> Duration {
        Self::percentile(&Self::sorted(&self.latencies), q)
    }

    /// Completed operations per second of wall time.
    fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.wall.as_secs_f64().max(1e-9)
    }

    /// `aside`: what the second figure of each sample is, when there is one.
    fn print(&self, title: &str, aside: &str) {
        let sorted = Self::sorted(&self.latencies);
        println!("{title}");
        println!(
            "  {:>6} ok in {:.2} s: {:>7.0} /s   p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
            self.latencies.len(),
            self.wall.as_secs_f64(),
            self.rate(),
            ms(Self::percentile(&sorted, 0.5)),
            ms(Self::percentile(&sorted, 0.99)),
            ms(sorted.last().copied().unwrap_or_default()),
        );
        if !self.aside.is_empty() {
            let sorted = Self::sorted(&self.aside);
            println!(
                "  {aside}: p50 {:.2} ms, p99 {:.2} ms",
                ms(Self::percentile(&sorted, 0.5)),
                ms(Self::percentile(&sorted, 0.99)),
            );
        }
        // p50 of each quarter of the run, in completion order: does it drift as tables grow?
        if self.latencies.len() >= 40 {
            let quarter = self.latencies.len() / 4;
            let drift: Vec<String> = (0..4)
                .map(|k| {
                    let part = Self::sorted(&self.latencies[k * quarter..(k + 1) * quarter]);
                    format!("{:.2}", ms(Self::percentile(&part, 0.5)))
                })
                .collect();
            println!("  p50 by quarter of the run (ms): {}", drift.join(" | "));
        }
        let per_op = |n: u64| n as f64 / self.operations.max(1) as f64;
        let c = &self.wechat;
        println!(
            "  WeChat calls per operation: {:.2} (access_token {:.2}, userinfo {:.2}, avatar {:.2}, other {:.2})",
            self.wechat_calls_per_op(),
            per_op(c.access_token),
            per_op(c.userinfo),
            per_op(c.avatar),
            per_op(c.refresh_token + c.auth),
        );
        if self.errors > 0 {
            println!(
                "  {} FAILED, first: {}",
                self.errors,
                self.first_error.as_deref().unwrap_or("")
            );
        }
        println!();
    }
}

/// Warm-up (indices `0..warmup`, untimed), then the timed run (`warmup..warmup+count`).
async fn phase<F, Fut>(
    bench: &Arc<Bench>,
    args: &Args,
    codes: Option<Arc<Vec<String>>>,
    op: F,
) -> Stats
where
    F: Fn(Arc<Bench>, usize, Option<String>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Sample, BoxError>> + Send + 'static,
{
    let total = args.warmup + args.count;
    let before = bench.settled_calls().await;
    if args.warmup > 0 {
        let warm = drive(
            bench,
            args.concurrency,
            0..args.warmup,
            codes.clone(),
            op.clone(),
        )
        .await;
        if warm.errors > 0 {
            println!(
                "  (warm-up: {} failed, first: {})",
                warm.errors,
                warm.first_error.unwrap_or_default()
            );
        }
    }
    let mut stats = drive(bench, args.concurrency, args.warmup..total, codes, op).await;
    let after = bench.settled_calls().await;
    stats.wechat = Calls {
        access_token: after.access_token - before.access_token,
        refresh_token: after.refresh_token - before.refresh_token,
        auth: after.auth - before.auth,
        userinfo: after.userinfo - before.userinfo,
        avatar: after.avatar - before.avatar,
    };
    stats.operations = total;
    stats
}

/// Runs `op` over `range` with `concurrency` workers pulling the next index.
async fn drive<F, Fut>(
    bench: &Arc<Bench>,
    concurrency: usize,
    range: std::ops::Range<usize>,
    codes: Option<Arc<Vec<String>>>,
    op: F,
) -> Stats
where
    F: Fn(Arc<Bench>, usize, Option<String>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Sample, BoxError>> + Send + 'static,
{
    let next = Arc::new(AtomicUsize::new(range.start));
    let end = range.end;
    let started = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (bench, next, codes, op) = (bench.clone(), next.clone(), codes.clone(), op.clone());
        workers.spawn(async move {
            let mut done: Vec<(Instant, Result<Sample, String>)> = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= end {
                    break;
                }
                let code = codes.as_ref().map(|c| c[i].clone());
                let result = op(bench.clone(), i, code).await.map_err(|e| e.to_string());
                done.push((Instant::now(), result));
            }
            done
        });
    }
    let mut all = Vec::with_capacity(range.len());
    while let Some(done) = workers.join_next().await {
        all.extend(done.expect("worker panicked"));
    }
    let wall = started.elapsed();
    all.sort_by_key(|(at, _)| *at);
    let mut stats = Stats {
        latencies: Vec::with_capacity(all.len()),
        aside: Vec::new(),
        wall,
        errors: 0,
        first_error: None,
        wechat: Calls::default(),
        operations: 0,
    };
    for (_, result) in all {
        match result {
            Ok(sample) => {
                stats.latencies.push(sample.server);
                stats.aside.extend(sample.aside);
            }
            Err(err) => {
                stats.errors += 1;
                stats.first_error.get_or_insert(err);
            }
        }
    }
    stats
}

/// The database of the run, and how to clean it up.
struct Database {
    url: String,
    backend: &'static str,
    note: Option<String>,
    /// (admin URL, database name) of a database this run created.
    created: Option<(String, String)>,
}

impl Database {
    async fn prepare(args: &Args, dir: &tempfile::TempDir) -> Result<Self, BoxError> {
        if let Some(url) = &args.database_url {
            let backend = if url.starts_with("postgres") {
                "postgres"
            } else {
                "sqlite"
            };
            return Ok(Self {
                url: url.clone(),
                backend,
                note: Some("--database-url, used as is".into()),
                created: None,
            });
        }
        if let Some(admin) = args.postgres_admin_url.as_deref().filter(|a| !a.is_empty()) {
            let name = format!("wxbench_{:x}", random_seed());
            let mut conn = sqlx::PgConnection::connect(admin).await?;
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await?;
            let mut settings = Vec::new();
            for name in ["server_version", "fsync", "synchronous_commit"] {
                let (value,): (String,) = sqlx::query_as(&format!("SHOW {name}"))
                    .fetch_one(&mut conn)
                    .await?;
                settings.push(value);
            }
            conn.close().await?;
            let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
            return Ok(Self {
                url: format!("{base}/{name}"),
                backend: "postgres",
                note: Some(format!(
                    "PostgreSQL {}, fsync={}, synchronous_commit={}, fresh database, server pool of 16",
                    settings[0], settings[1], settings[2]
                )),
                created: Some((admin.to_owned(), name)),
            });
        }
        let path = dir.path().join("wxlogin.db");
        let note = "temp file, server pool of 1 connection, WAL, synchronous=NORMAL".to_owned();
        Ok(Self {
            url: format!("sqlite://{}?mode=rwc", path.display()),
            backend: "sqlite",
            note: Some(note),
            created: None,
        })
    }

    async fn cleanup(self) {
        let Some((admin, name)) = self.created else {
            return;
        };
        let dropped = async {
            let mut conn = sqlx::PgConnection::connect(&admin).await?;
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn)
                .await?;
            conn.close().await
        };
        if let Err(err) = dropped.await {
            eprintln!("login_bench: could not drop database {name}: {err}");
        }
    }
}

fn random_seed() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    nanos ^ (u64::from(std::process::id()) << 32)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}
