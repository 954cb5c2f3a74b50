//! `./x bench`: the host under load, as a shop platform and its storefronts use it.
//!
//! Starts the real `treu-host` binary (built with this bench's profile; `./x
//! bench` uses `--profile server`) on a free loopback port with a fresh SQLite
//! file under `target/`, the demo program in force, then measures
//! 1. **webhooks**: `TREU_BENCH_CONNECTIONS` (default 8) connections send
//!    correctly signed `order.paid` events back to back for `TREU_BENCH_SECONDS`
//!    (default 10), once with `TREU_SQLITE_SYNCHRONOUS=normal` (the default)
//!    and once with `full`, each on a fresh database. Every event and order id is new; two orders in three come
//!    from returning customers. An answer 200 means the event is committed;
//!    after the run the host is stopped and the events in the SQLite file are
//!    counted, so "durable" is checked, not assumed.
//! 2. **storefront latency**: one connection, one request at a time:
//!    `GET /v1/program`, `GET /v1/me` of a member with history, and `POST
//!    /v1/quote` of a 20-line cart with a new `Idempotency-Key` each time.
//!
//! Targets (docs/benchmarks.md): ≥ 1,000 durable webhooks/s and p99 < 20 ms
//! at 8 connections on 2 cores. The load generator runs on the same cores.
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use treu::engine::time::Timestamp;

const SHOP_SECRET: &str = "bench-shop-secret-0123456789";
const ADMIN_TOKEN: &str = "bench-admin-token";
/// Requests per endpoint in the single-connection part.
const LATENCY_SAMPLES: usize = 500;
/// Returning customers: orders from them pick one of this many members.
const MEMBERS: usize = 500;

/// Events sent before the measured run.
const WARM_UP: usize = 50;

fn main() {
    let seconds: u64 = setting("TREU_BENCH_SECONDS", 10);
    let connections: usize = setting("TREU_BENCH_CONNECTIONS", 8);
    let load = load_average();
    let mut runs = Vec::new();
    let mut latency = Vec::new();
    // The default first; then with the log synced at every commit, for comparison.
    for synchronous in ["normal", "full"] {
        let host = Host::start(synchronous);
        let warm_up = Agent::new(&host.url);
        for n in 0..WARM_UP {
            warm_up.webhook(&paid_event("warm", n)).expect("warm-up webhook");
        }
        let run = webhooks(&host.url, connections, Duration::from_secs(seconds));
        if synchronous == "normal" {
            latency = storefront_latency(&host);
        }
        let database = host.database();
        host.stop();
        let durable = count_events(&database) - WARM_UP as i64;
        runs.push((synchronous, durable, run));
    }

    println!();
    println!("host load: {connections} connections, {seconds} s of signed order.paid webhooks for each mode");
    println!("  (treu-host {PROFILE}, SQLite in WAL mode; load average before: {load})");
    let line = |label: &str, cell: &dyn Fn(i64, &Run, &Percentiles) -> String| {
        let cells: Vec<String> = runs
            .iter()
            .map(|(_, durable, run)| format!("{:>10}", cell(*durable, run, &Percentiles::of(run.latencies.clone()))))
            .collect();
        println!("  {label:<40}{}", cells.concat());
    };
    let header: String = runs.iter().map(|(synchronous, _, _)| format!("{synchronous:>10}")).collect();
    println!("  {:<40}{header}", "TREU_SQLITE_SYNCHRONOUS");
    line("answered 200", &|_, run, _| run.ok.to_string());
    line("in the database after the host stopped", &|durable, _, _| durable.to_string());
    line("errors", &|_, run, _| run.errors.to_string());
    line("durable webhooks/s", &|durable, run, _| format!("{:.0}", durable as f64 / run.elapsed));
    line("latency p50 (ms)", &|_, _, p| format!("{:.2}", p.p50));
    line("latency p95 (ms)", &|_, _, p| format!("{:.2}", p.p95));
    line("latency p99 (ms)", &|_, _, p| format!("{:.2}", p.p99));
    line("latency max (ms)", &|_, _, p| format!("{:.2}", p.max));
    for (synchronous, durable, run) in &runs {
        let rate = *durable as f64 / run.elapsed;
        let p99 = Percentiles::of(run.latencies.clone()).p99;
        println!(
            "  {synchronous}: ≥ 1000 durable webhooks/s {}, p99 < 20 ms {}",
            verdict(rate >= 1000.0),
            verdict(p99 < 20.0)
        );
        if let Some(error) = &run.first_error {
            println!("  {synchronous}: first error: {error}");
        }
    }
    println!();
    println!("host latency, one connection, {LATENCY_SAMPLES} requests each: p50 / p95 / p99 / max");
    for (name, samples) in latency {
        println!("  {name:<40} {}", Percentiles::of(samples).row());
    }
}

/// The profile this bench (and so the binary) was built with.
const PROFILE: &str = if cfg!(debug_assertions) { "debug build" } else { "optimized build" };

/// The 1-minute load average: other work on the machine skews every figure.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "MISSED"
    }
}

fn setting<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

/// What the webhook run measured.
struct Run {
    ok: u64,
    errors: u64,
    first_error: Option<String>,
    elapsed: f64,
    latencies: Vec<Duration>,
}

/// `connections` threads, each with its own keep-alive connection, send
/// webhooks back to back until `duration` has passed.
fn webhooks(url: &str, connections: usize, duration: Duration) -> Run {
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..connections)
        .map(|worker| {
            let agent = Agent::new(url);
            std::thread::spawn(move || {
                let mut run = Run { ok: 0, errors: 0, first_error: None, elapsed: 0.0, latencies: Vec::new() };
                let mut n = 0;
                while Instant::now() < deadline {
                    let event = paid_event(&format!("w{worker}"), n);
                    n += 1;
                    let sent = Instant::now();
                    match agent.webhook(&event) {
                        Ok(()) => {
                            run.latencies.push(sent.elapsed());
                            run.ok += 1;
                        }
                        Err(error) => {
                            run.errors += 1;
                            run.first_error.get_or_insert(error);
                        }
                    }
                }
                run
            })
        })
        .collect();
    let mut total = Run { ok: 0, errors: 0, first_error: None, elapsed: 0.0, latencies: Vec::new() };
    for worker in workers {
        let run = worker.join().expect("load thread");
        total.ok += run.ok;
        total.errors += run.errors;
        total.first_error = total.first_error.or(run.first_error);
        total.latencies.extend(run.latencies);
    }
    total.elapsed = started.elapsed().as_secs_f64();
    total
}

/// `order.paid` number `n` of `stream`: a new order, two in three from a
/// returning member, three lines (one with double points, one excluded).
fn paid_event(stream: &str, n: usize) -> Value {
    let customer = if n.is_multiple_of(3) {
        format!("new-{stream}-{n}")
    } else {
        format!("member-{}", (n * 7 + stream.len() * 31) % MEMBERS)
    };
    let placed_at = Timestamp::from_unix(unix_now() - 3600).expect("a valid time").to_string();
    let price = 1000 + (n as i64 * 37) % 4000;
    let lines = json!([
        { "productId": "espresso-beans", "quantity": 1 + n % 2, "unitPrice": 1490, "collections": ["coffee"] },
        { "productId": "mug", "quantity": 1, "unitPrice": price, "collections": ["gear"] },
        { "productId": "gift-wrap", "quantity": 1, "unitPrice": 300 }
    ]);
    let total = 1490 * (1 + n as i64 % 2) + price + 300 + 490;
    json!({
        "id": format!("evt-{stream}-{n}"), "type": "order.paid",
        "order": { "id": format!("order-{stream}-{n}"), "customerId": customer, "total": total,
                   "placedAt": placed_at, "cart": { "currency": "EUR", "shipping": 490, "lines": lines } }
    })
}

/// Single requests on one connection: the storefront's reads and its quote.
fn storefront_latency(host: &Host) -> Vec<(&'static str, Vec<Duration>)> {
    let agent = Agent::new(&host.url);
    let token = host.mint_token("member-1");
    let bearer = format!("Bearer {token}");
    let collections = ["coffee", "tea", "gear"];
    let lines: Vec<Value> = (0..20)
        .map(|i| {
            json!({ "productId": format!("p{i}"), "quantity": 1 + i % 3, "unitPrice": 499 + (i * 137) % 5000,
                    "collections": [collections[i % 3]] })
        })
        .collect();
    let quote = json!({ "cart": { "currency": "EUR", "shipping": 490, "lines": lines } }).to_string();
    let mut key = 0;
    let mut program = Vec::new();
    let mut me = Vec::new();
    let mut quotes = Vec::new();
    for _ in 0..LATENCY_SAMPLES {
        program.push(agent.timed("GET", "/v1/program", &[], None));
        me.push(agent.timed("GET", "/v1/me", &[("authorization", &bearer)], None));
        key += 1;
        let key = format!("bench-quote-{key}");
        let headers =
            [("authorization", bearer.as_str()), ("idempotency-key", &key), ("content-type", "application/json")];
        quotes.push(agent.timed("POST", "/v1/quote", &headers, Some(&quote)));
    }
    vec![
        ("GET  /v1/program", program),
        ("GET  /v1/me (member, ~20 orders)", me),
        ("POST /v1/quote (20 lines, member)", quotes),
    ]
}

/// One HTTP/1.1 keep-alive connection to the host.
struct Agent {
    agent: ureq::Agent,
    url: String,
}

impl Agent {
    fn new(url: &str) -> Agent {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .new_agent();
        Agent { agent, url: url.to_owned() }
    }

    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Result<(u16, String), String> {
        let mut request = ureq::http::Request::builder().method(method).uri(format!("{}{path}", self.url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body.unwrap_or("").to_owned()).map_err(|error| error.to_string())?;
        let mut response = self.agent.run(request).map_err(|error| error.to_string())?;
        let text = response.body_mut().read_to_string().map_err(|error| error.to_string())?;
        Ok((response.status().as_u16(), text))
    }

    /// Sends a signed order event; Ok only for a 200 that recorded it.
    fn webhook(&self, event: &Value) -> Result<(), String> {
        let body = event.to_string();
        let signature = sign(&body, unix_now());
        let headers = [("content-type", "application/json"), ("treu-signature", signature.as_str())];
        match self.send("POST", "/v1/webhooks/orders", &headers, Some(&body))? {
            (200, text) if text.contains(r#""outcome":"recorded""#) => Ok(()),
            (status, text) => Err(format!("{status}: {text}")),
        }
    }

    /// The time of one request that must answer 200.
    fn timed(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Duration {
        let sent = Instant::now();
        match self.send(method, path, headers, body) {
            Ok((200, _)) => sent.elapsed(),
            Ok((status, text)) => panic!("{method} {path}: {status} {text}"),
            Err(error) => panic!("{method} {path}: {error}"),
        }
    }
}

/// `Treu-Signature` for `body` at `t`, as a platform sends it.
fn sign(body: &str, t: i64) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SHOP_SECRET.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).expect("a clock after 1970").as_secs() as i64
}

/// p50, p95, p99 and max in milliseconds.
struct Percentiles {
    p50: f64,
    p95: f64,
    p99: f64,
    max: f64,
}

impl Percentiles {
    fn of(mut samples: Vec<Duration>) -> Percentiles {
        samples.sort_unstable();
        let at = |q: f64| {
            let index = ((samples.len() as f64 * q).ceil() as usize).clamp(1, samples.len().max(1)) - 1;
            samples.get(index).map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
        };
        Percentiles { p50: at(0.50), p95: at(0.95), p99: at(0.99), max: at(1.0) }
    }

    fn row(&self) -> String {
        format!("{:.2} / {:.2} / {:.2} / {:.2} ms", self.p50, self.p95, self.p99, self.max)
    }
}

/// The `treu-host` binary of this build, serving with a fresh database.
struct Host {
    child: Child,
    url: String,
    dir: PathBuf,
}

impl Host {
    /// This build's binary, or `TREU_HOST_BIN` (to compare two builds).
    fn binary() -> PathBuf {
        std::env::var_os("TREU_HOST_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_treu-host")), PathBuf::from)
    }

    /// Serves with `TREU_SQLITE_SYNCHRONOUS=synchronous` and a fresh database.
    fn start(synchronous: &str) -> Host {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("host/ is inside the repo");
        // Beside the binary, under target/: a fresh file for every run.
        let dir = Path::new(env!("CARGO_BIN_EXE_treu-host")).parent().expect("the binary's folder").join("bench-host");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("bench folder under target/");
        let log = std::fs::File::create(dir.join("treu-host.log")).expect("log file");
        let mut child = Command::new(Host::binary())
            .current_dir(root)
            .args(["serve", "--port", "0", "--program", "www/demo-program.json"])
            .env("TREU_DATABASE_URL", format!("sqlite://{}", dir.join("treu.sqlite").display()))
            .env("TREU_SHOP_SECRET", SHOP_SECRET)
            .env("TREU_ADMIN_TOKEN", ADMIN_TOKEN)
            .env("TREU_SQLITE_SYNCHRONOUS", synchronous)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("treu-host starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("treu-host prints its address");
        let url = line.trim().strip_prefix("treu-host listening on ").unwrap_or_else(|| panic!("{line:?}")).to_owned();
        Host { child, url, dir }
    }

    fn database(&self) -> PathBuf {
        self.dir.join("treu.sqlite")
    }

    fn mint_token(&self, customer: &str) -> String {
        let output = Command::new(Host::binary())
            .args(["mint-token", "--customer", customer])
            .env("TREU_SHOP_SECRET", SHOP_SECRET)
            .output()
            .expect("treu-host mint-token");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("a token").trim().to_owned()
    }

    /// SIGTERM, then waits for a clean exit.
    fn stop(mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let status = self.child.wait().expect("treu-host exits");
        assert!(status.success(), "treu-host exited with {status}");
    }
}

/// Order events recorded in the SQLite file.
fn count_events(database: &Path) -> i64 {
    let url = format!("sqlite://{}", database.display());
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("open the bench database");
        sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events").fetch_one(&mut conn).await.expect("count events")
    })
}
