//! `./x bench`: the host under load, as a shop platform and its storefronts use it.
//!
//! Starts the real `treu-host` binary (built with this bench's profile; `./x
//! bench` uses `--profile server`) on free loopback ports with the demo program
//! in force, then measures
//! 1. **webhooks**: `TREU_BENCH_CONNECTIONS` (default 8) connections send
//!    correctly signed `order.paid` events back to back for `TREU_BENCH_SECONDS`
//!    (default 10), each setup on a fresh database: SQLite with
//!    `TREU_SQLITE_SYNCHRONOUS=normal` (the default) and `full`, then, when
//!    `TREU_BENCH_POSTGRES=postgres://user@host:port` names a server (`./x
//!    bench` starts one), PostgreSQL with one host and with two hosts on one
//!    database (the connections split between them). Every event and order id
//!    is new; two orders in three come from returning customers. An answer 200
//!    means the event is committed; after the run the hosts are stopped and
//!    the events in the database are counted, so "durable" is checked, not
//!    assumed. Beside each figure: the raw single-row insert rate of the same
//!    database with the same durability setting, measured in the same run
//!    (SQLite: one writer, as SQLite has one; PostgreSQL: as many clients as
//!    connections, as pgbench would).
//! 2. **storefront latency**: one connection, one request at a time:
//!    `GET /v1/program`, `GET /v1/me` of a member with history, and `POST
//!    /v1/quote` of a 20-line cart with a new `Idempotency-Key` each time.
//!
//! Targets (docs/benchmarks.md): ≥ 1,000 durable webhooks/s and p99 < 20 ms
//! at 8 connections on 2 cores. The load generator runs on the same cores.

#[path = "load/raw.rs"]
mod raw;

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
/// How long the raw insert rate is measured.
const RAW_SECONDS: u64 = 5;

/// One setup's figures: a column of the table.
struct Column {
    database: String,
    durability: String,
    hosts: usize,
    durable: i64,
    run: Run,
    raw: f64,
    raw_clients: usize,
}

fn main() {
    let seconds: u64 = setting("TREU_BENCH_SECONDS", 10);
    let connections: usize = setting("TREU_BENCH_CONNECTIONS", 8);
    let duration = Duration::from_secs(seconds);
    let raw_duration = Duration::from_secs(RAW_SECONDS);
    let load = load_average();
    let mut columns = Vec::new();
    let mut latency = Vec::new();
    // The default first; then with the log synced at every commit, for comparison.
    for (synchronous, pragma) in [("normal", "PRAGMA synchronous = NORMAL"), ("full", "PRAGMA synchronous = FULL")] {
        let dir = fresh_folder();
        let url = format!("sqlite://{}", dir.join("treu.sqlite").display());
        let host = Host::start(&dir, 0, &url, &[("TREU_SQLITE_SYNCHRONOUS", synchronous)]);
        warm_up(&host);
        let run = webhooks(std::slice::from_ref(&host.url), connections, duration);
        if synchronous == "normal" {
            latency = storefront_latency(&host);
        }
        host.stop();
        let durable = raw::count_events(&url) - WARM_UP as i64;
        let raw_url = format!("sqlite://{}?mode=rwc", dir.join("raw.sqlite").display());
        let pragmas: &'static [&'static str] = match synchronous {
            "normal" => &["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA busy_timeout = 10000"],
            _ => &["PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA busy_timeout = 10000"],
        };
        let raw = raw::inserts_per_second(&raw_url, pragmas, 1, raw_duration);
        let durability = format!("WAL, {}", pragma.trim_start_matches("PRAGMA ").replace(" = ", "="));
        columns.push(Column { database: "SQLite".into(), durability, hosts: 1, durable, run, raw, raw_clients: 1 });
    }
    match std::env::var("TREU_BENCH_POSTGRES").ok().filter(|server| !server.is_empty()) {
        Some(server) => {
            let server = server.trim_end_matches('/').to_owned();
            raw::on_server(&server, "DROP DATABASE IF EXISTS treu_bench_raw");
            raw::on_server(&server, "CREATE DATABASE treu_bench_raw");
            let raw_url = format!("{server}/treu_bench_raw");
            let durability = raw::durability(&raw_url);
            let raw = raw::inserts_per_second(&raw_url, &[], connections, raw_duration);
            for hosts in [1, 2] {
                let name = format!("treu_bench_{hosts}_hosts");
                raw::on_server(&server, &format!("DROP DATABASE IF EXISTS {name}"));
                let url = format!("{server}/{name}");
                let dir = fresh_folder();
                let started: Vec<Host> = (0..hosts).map(|n| Host::start(&dir, n, &url, &[])).collect();
                warm_up(&started[0]);
                let urls: Vec<String> = started.iter().map(|host| host.url.clone()).collect();
                let run = webhooks(&urls, connections, duration);
                started.into_iter().for_each(Host::stop);
                let durable = raw::count_events(&url) - WARM_UP as i64;
                let database = "PostgreSQL".to_owned();
                let durability = durability.clone();
                columns.push(Column { database, durability, hosts, durable, run, raw, raw_clients: connections });
            }
        }
        None => println!("(no PostgreSQL columns: TREU_BENCH_POSTGRES names no server; ./x bench starts one)"),
    }
    report(&columns, connections, seconds, &load);
    println!();
    println!("host latency, one connection, {LATENCY_SAMPLES} requests each: p50 / p95 / p99 / max");
    for (name, samples) in latency {
        println!("  {name:<40} {}", Percentiles::of(samples).row());
    }
}

/// The table: one column per setup.
fn report(columns: &[Column], connections: usize, seconds: u64, load: &str) {
    println!();
    println!("host load: {connections} connections, {seconds} s of signed order.paid webhooks for each setup");
    println!("  (treu-host {PROFILE}; load average before: {load})");
    let rate = |column: &Column| column.durable as f64 / column.run.elapsed;
    let mut rows: Vec<(&str, Vec<String>)> = Vec::new();
    let mut line = |label: &'static str, cell: &dyn Fn(&Column, &Percentiles) -> String| {
        let cells = columns.iter().map(|column| cell(column, &Percentiles::of(column.run.latencies.clone()))).collect();
        rows.push((label, cells));
    };
    line("database", &|column, _| column.database.clone());
    line("durability", &|column, _| column.durability.clone());
    line("hosts", &|column, _| column.hosts.to_string());
    line("answered 200", &|column, _| column.run.ok.to_string());
    line("in the database after the stop", &|column, _| column.durable.to_string());
    line("errors", &|column, _| column.run.errors.to_string());
    line("durable webhooks/s", &|column, _| format!("{:.0}", rate(column)));
    line("raw single-row inserts/s", &|column, _| {
        format!(
            "{:.0} ({} {})",
            column.raw,
            column.raw_clients,
            if column.raw_clients == 1 { "writer" } else { "clients" }
        )
    });
    line("webhooks / raw inserts", &|column, _| format!("{:.0} %", 100.0 * rate(column) / column.raw));
    line("latency p50 (ms)", &|_, p| format!("{:.2}", p.p50));
    line("latency p95 (ms)", &|_, p| format!("{:.2}", p.p95));
    line("latency p99 (ms)", &|_, p| format!("{:.2}", p.p99));
    line("latency max (ms)", &|_, p| format!("{:.2}", p.max));
    let width = rows.iter().flat_map(|(_, cells)| cells.iter().map(|cell| cell.chars().count())).max().unwrap_or(0) + 3;
    for (label, cells) in &rows {
        let cells: String = cells.iter().map(|cell| format!("{cell:>width$}")).collect();
        println!("  {label:<32}{cells}");
    }
    for column in columns {
        let name = format!(
            "{} ({}, {} host{})",
            column.database,
            column.durability,
            column.hosts,
            if column.hosts > 1 { "s" } else { "" }
        );
        let p99 = Percentiles::of(column.run.latencies.clone()).p99;
        println!(
            "  {name}: ≥ 1000 durable webhooks/s {}, p99 < 20 ms {}",
            verdict(rate(column) >= 1000.0),
            verdict(p99 < 20.0)
        );
        if let Some(error) = &column.run.first_error {
            println!("  {name}: first error: {error}");
        }
    }
}

/// Events before the measured run: connections opened, caches warm.
fn warm_up(host: &Host) {
    let agent = Agent::new(&host.url);
    for n in 0..WARM_UP {
        agent.webhook(&paid_event("warm", n)).expect("warm-up webhook");
    }
}

/// Beside the binary, under target/: a fresh folder for every setup.
fn fresh_folder() -> PathBuf {
    let dir = Path::new(env!("CARGO_BIN_EXE_treu-host")).parent().expect("the binary's folder").join("bench-host");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench folder under target/");
    dir
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

/// `connections` threads, each with its own keep-alive connection to one of
/// `urls` in turn, send webhooks back to back until `duration` has passed.
fn webhooks(urls: &[String], connections: usize, duration: Duration) -> Run {
    let started = Instant::now();
    let deadline = started + duration;
    let workers: Vec<_> = (0..connections)
        .map(|worker| {
            let agent = Agent::new(&urls[worker % urls.len()]);
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
}

impl Host {
    /// This build's binary, or `TREU_HOST_BIN` (to compare two builds).
    fn binary() -> PathBuf {
        std::env::var_os("TREU_HOST_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_treu-host")), PathBuf::from)
    }

    /// Serves the database at `url` with `env` set; its log is `treu-host-<n>.log` in `dir`.
    fn start(dir: &Path, n: usize, url: &str, env: &[(&str, &str)]) -> Host {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("host/ is inside the repo");
        let log = std::fs::File::create(dir.join(format!("treu-host-{n}.log"))).expect("log file");
        let mut child = Command::new(Host::binary())
            .current_dir(root)
            .args(["serve", "--port", "0", "--program", "www/demo-program.json"])
            .env("TREU_DATABASE_URL", url)
            .env("TREU_SHOP_SECRET", SHOP_SECRET)
            .env("TREU_ADMIN_TOKEN", ADMIN_TOKEN)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("treu-host starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut line)
            .expect("treu-host prints its address");
        let url = line.trim().strip_prefix("treu-host listening on ").unwrap_or_else(|| panic!("{line:?}")).to_owned();
        Host { child, url }
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
