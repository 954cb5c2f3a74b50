//! The real `treu-host` binary on a free loopback port with a real SQLite file,
//! or, with `TREU_TEST_DATABASE=postgres://user@host:port` (as `./x test` sets
//! for its second run), a fresh database of its own on that PostgreSQL server;
//! an HTTP client, customer tokens, webhook signatures, and the OpenAPI
//! document that every response is checked against.
#![allow(dead_code)]

pub mod admin;
pub mod clock;
pub mod contract;
pub mod data;
pub mod offers;

pub use data::*;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The shop secret every test host runs with.
pub const SHOP_SECRET: &str = "test-shop-secret-0123456789";
/// The admin token every test host runs with.
pub const ADMIN_TOKEN: &str = "test-admin-token";

/// A running host; stopped with SIGTERM when dropped.
pub struct Host {
    child: Child,
    pub url: String,
    _dir: tempfile::TempDir,
}

/// The repository root, where `www/` and `docs/` are.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("host/ is inside the repo").to_path_buf()
}

/// The PostgreSQL server the tests run against, if any (`TREU_TEST_DATABASE`).
pub fn postgres() -> Option<String> {
    std::env::var("TREU_TEST_DATABASE")
        .ok()
        .filter(|url| !url.is_empty())
        .map(|url| url.trim_end_matches('/').to_owned())
}

/// The database of the test folder `dir`: its SQLite file, or on PostgreSQL a
/// database named once per folder (kept in the folder, so a restart on the same
/// folder opens the same database); the host creates it on first start.
pub fn database_url(dir: &Path) -> String {
    let Some(server) = postgres() else {
        return format!("sqlite://{}", dir.join("treu.sqlite").display());
    };
    let name_file = dir.join("postgres-database");
    let name = std::fs::read_to_string(&name_file).unwrap_or_else(|_| {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        let next = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("treu_test_{}_{nanos}_{next}", std::process::id());
        std::fs::write(&name_file, &name).expect("write the database name");
        name
    });
    format!("{server}/{name}")
}

/// A fresh folder whose host opens the same database as the host of `dir`.
pub fn folder_beside(dir: &Path) -> tempfile::TempDir {
    let other = tempfile::tempdir().expect("temporary folder");
    database_url(dir);
    std::fs::copy(dir.join("postgres-database"), other.path().join("postgres-database"))
        .expect("the first host's folder names a PostgreSQL database");
    other
}

/// A `treu-host` command with a fresh database in a temporary folder.
pub fn command(dir: &tempfile::TempDir) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_treu-host"));
    command
        .current_dir(repo_root())
        .env("TREU_DATABASE_URL", database_url(dir.path()))
        .env("TREU_SHOP_SECRET", SHOP_SECRET)
        .env("TREU_ADMIN_TOKEN", ADMIN_TOKEN)
        // `TREU_TEST_LOG=debug` shows what the hosts of a failing test did.
        .env("RUST_LOG", std::env::var("TREU_TEST_LOG").unwrap_or_else(|_| "warn".to_owned()));
    command
}

impl Host {
    /// Starts `treu-host serve --port 0 <args>` and waits until it listens.
    pub fn start(args: &[&str]) -> Host {
        let dir = tempfile::tempdir().expect("temporary folder");
        Host::start_in(dir, args)
    }

    /// As `start`, with the database in `dir` (to restart on the same file).
    pub fn start_in(dir: tempfile::TempDir, args: &[&str]) -> Host {
        let url = database_url(dir.path());
        Host::start_on(dir, &url, args)
    }

    /// As `start_in`, on the database at `url`.
    pub fn start_on(dir: tempfile::TempDir, url: &str, args: &[&str]) -> Host {
        let mut child = command(&dir)
            .env("TREU_DATABASE_URL", url)
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("treu-host starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("treu-host prints its address");
        let url = line.trim().strip_prefix("treu-host listening on ").unwrap_or_else(|| panic!("{line:?}")).to_owned();
        Host { child, url, _dir: dir }
    }

    /// Another host on this host's database (PostgreSQL: several hosts share
    /// one database), with its own folder.
    pub fn beside(&self, args: &[&str]) -> Host {
        Host::start_in(folder_beside(self._dir.path()), args)
    }

    /// Sends SIGTERM and returns how the process exited.
    pub fn stop(mut self) -> (ExitStatus, tempfile::TempDir) {
        let status = self.terminate();
        let dir = std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temporary folder"));
        (status, dir)
    }

    fn terminate(&mut self) -> ExitStatus {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for treu-host") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("treu-host did not stop within 10 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kills the process with SIGKILL (no chance to finish anything) and
    /// returns its folder, to start again on the same database.
    pub fn kill(mut self) -> tempfile::TempDir {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temporary folder"))
    }

    /// The path of the SQLite file.
    pub fn database(&self) -> PathBuf {
        self._dir.path().join("treu.sqlite")
    }

    /// The URL of the host's database, SQLite or PostgreSQL.
    pub fn database_url(&self) -> String {
        database_url(self._dir.path())
    }

    /// `GET path` → (status, content type, body).
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().new_agent();
        let mut response = agent.get(&format!("{}{path}", self.url)).call().expect("HTTP request");
        let content_type =
            response.headers().get("content-type").and_then(|value| value.to_str().ok()).unwrap_or_default().to_owned();
        let body = response.body_mut().read_to_string().expect("body");
        (response.status().as_u16(), content_type, body)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.terminate();
        }
    }
}

/// A response: status, headers we look at, and the body as JSON (`Null` if none).
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub replayed: bool,
    pub retry_after: Option<String>,
    pub body: Value,
    pub text: String,
    /// The body as sent (a compressed file's bytes, for instance).
    pub bytes: Vec<u8>,
    /// Every response header as (lower-case name, value).
    pub headers: Vec<(String, String)>,
}

impl Reply {
    /// The first value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
    }
}

use serde_json::{json, Value};

/// A test program: points available at once (no return window), every section used.
pub fn test_program() -> Value {
    json!({
        "version": 1, "currency": "EUR",
        "earning": { "rates": [{ "currency": "EUR", "points": 1, "per": 100 }], "excludedProducts": ["gift-wrap"] },
        "actions": [
            { "action": "newsletter", "points": 50 },
            { "action": "review", "points": 20, "cap": "perDay", "limit": 2 },
            { "action": "referral", "points": 300, "cap": "unlimited" }
        ],
        "redemptions": [
            { "id": "5-off", "name": "€5 off", "kind": "amountOff", "points": 500, "amount": 500, "codeValidDays": 30 },
            { "id": "ship", "name": "Free shipping", "kind": "freeShipping", "points": 100 }
        ],
        "tiers": { "basis": "spend", "period": "lifetime", "levels": [
            { "id": "silver", "name": "Silver", "threshold": 20000, "earnPercent": 150 } ] },
        "freeShipping": { "thresholds": [{ "currency": "EUR", "minimum": 5000 }] },
        "referral": { "friendDiscount": { "kind": "amountOff", "amount": 1000 }, "attributionDays": 30 },
        "lifecycle": { "atRiskAfterDays": 90, "lapsedAfterDays": 180,
                       "winBack": { "name": "Welcome back", "discount": { "kind": "percentOff", "percent": 15 } } }
    })
}

impl Host {
    /// A host with [`test_program`] in force.
    pub fn with_program() -> Host {
        Host::with(&test_program(), &[])
    }

    /// A host with `program` in force and extra serve arguments.
    pub fn with(program: &Value, args: &[&str]) -> Host {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("program.json");
        std::fs::write(&file, program.to_string()).expect("program file");
        let file = file.display().to_string();
        let mut all = vec!["--program", file.as_str()];
        all.extend_from_slice(args);
        Host::start_in(dir, &all)
    }

    /// Any request. `headers` are (name, value); a `body` is sent as JSON text.
    pub fn call(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().new_agent();
        let mut request = ureq::http::Request::builder().method(method).uri(format!("{}{path}", self.url));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body.unwrap_or("").to_owned()).expect("request");
        let mut response = agent.run(request).expect("HTTP request");
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let content_type = header("content-type").unwrap_or_default();
        let replayed = header("idempotent-replayed").is_some();
        let retry_after = header("retry-after");
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), value.to_str().unwrap_or_default().to_owned()))
            .collect();
        // Bytes first: the dashboard's files include the Wasm engine, which is not text.
        let bytes = response.body_mut().with_config().limit(50 * 1024 * 1024).read_to_vec().expect("body");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status: response.status().as_u16(), content_type, replayed, retry_after, body, text, bytes, headers }
    }

    /// `POST path` as a customer (`token`, or a guest with `None`) with an idempotency key.
    pub fn post(&self, path: &str, token: Option<&str>, key: &str, body: &Value) -> Reply {
        let bearer = token.map(|token| format!("Bearer {token}"));
        let mut headers = vec![("content-type", "application/json"), ("idempotency-key", key)];
        if let Some(bearer) = &bearer {
            headers.push(("authorization", bearer));
        }
        self.call("POST", path, &headers, Some(&body.to_string()))
    }

    /// `GET path` with a bearer token.
    pub fn get_as(&self, path: &str, token: &str) -> Reply {
        self.call("GET", path, &[("authorization", &format!("Bearer {token}"))], None)
    }

    /// `GET /v1/me` for `customer`, checked against the contract.
    pub fn me(&self, customer: &str) -> Value {
        let reply = self.get_as("/v1/me", &token(customer));
        assert_eq!(reply.status, 200, "{}", reply.text);
        contract::check("Me", &reply.body);
        reply.body
    }

    /// Sends a signed order webhook.
    pub fn webhook(&self, event: &Value) -> Reply {
        let body = event.to_string();
        let signature = sign(&body, now());
        self.call(
            "POST",
            "/v1/webhooks/orders",
            &[("content-type", "application/json"), ("treu-signature", &signature)],
            Some(&body),
        )
    }

    /// `order.paid` for `customer`: one line of `price` (minor units, EUR).
    pub fn pay(&self, order: &str, customer: &str, price: i64) -> Reply {
        let reply = self.webhook(&paid_event(order, customer, price, &days_ago(1)));
        assert_eq!(reply.status, 200, "{}", reply.text);
        contract::check("OrderEventResult", &reply.body);
        reply
    }

    /// `POST /v1/admin/customers/{id}/adjustments`.
    pub fn adjust(&self, customer: &str, points: i64) -> Reply {
        let reply = self.call(
            "POST",
            &format!("/v1/admin/customers/{customer}/adjustments"),
            &[
                ("content-type", "application/json"),
                ("authorization", &format!("Bearer {ADMIN_TOKEN}")),
                ("idempotency-key", &format!("adjust-{customer}-{points}-{}", unique())),
            ],
            Some(&json!({ "points": points, "reason": "goodwill" }).to_string()),
        );
        assert_eq!(reply.status, 201, "{}", reply.text);
        contract::check("AdjustmentResult", &reply.body);
        reply
    }
}

/// Runs SQL statements on the host's real database (to set up states that
/// take time in real life: a request in flight, a code past its expiry).
pub fn sql(host: &Host, statements: &[&str]) {
    let url = host.database_url();
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&url).await.expect("open the test database");
        for statement in statements {
            sqlx::query(statement).execute(&mut conn).await.expect(statement);
        }
    });
}

/// One number from the host's database, e.g. `SELECT COUNT(*) FROM …`.
pub fn sql_number(host: &Host, query: &str) -> i64 {
    let url = host.database_url();
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&url).await.expect("open the test database");
        sqlx::query_scalar(query).fetch_one(&mut conn).await.expect(query)
    })
}

/// Text columns of `query`'s rows, from the host's database.
pub fn sql_texts(host: &Host, query: &str) -> Vec<String> {
    let url = host.database_url();
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&url).await.expect("open the test database");
        sqlx::query_scalar(query).fetch_all(&mut conn).await.expect(query)
    })
}
