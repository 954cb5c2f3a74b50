//! Command line and environment configuration (the names are fixed by the
//! public contract: `TREU_PORT`, `TREU_DATABASE_URL`, …).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "treu-host",
    version,
    about = "The treu host API: an authoritative loyalty ledger on SQLite or PostgreSQL."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Runs the HTTP API until Ctrl-C or SIGTERM.
    // Boxed: the server's many settings would make every command as large.
    Serve(Box<ServeArgs>),
    /// Prints a customer token (JWT, HS256) signed with the shop secret, as a shop backend would mint it.
    MintToken(MintArgs),
    /// Fills the database with a demo shop: the program and a few customers with history.
    SeedDemo(SeedArgs),
    /// Feeds the orders a platform modified since the last sync through the webhooks' mapping.
    Sync(SyncArgs),
    /// Copies every row of a SQLite database into a new, empty PostgreSQL one (stop the host first).
    MigrateData(MigrateDataArgs),
}

#[derive(Args, Clone)]
pub struct MigrateDataArgs {
    /// The database to copy, e.g. `sqlite://data/treu.sqlite`; it is only read.
    #[arg(long)]
    pub from: String,
    /// The PostgreSQL database to fill, e.g. `postgres://treu@db/treu_shop`; created if missing, must be empty.
    #[arg(long)]
    pub to: String,
}

#[derive(Args, Clone)]
pub struct SyncArgs {
    /// The platform to read orders from.
    #[arg(long, value_enum)]
    pub platform: crate::platforms::Platform,
    /// Read orders modified since this time (RFC 3339) instead of since the last sync.
    #[arg(long, value_parser = parse_time)]
    pub since: Option<treu::engine::time::Timestamp>,
    /// The database, `sqlite://data/treu.sqlite` or `postgres://user@host/treu`; created if missing.
    #[arg(long, env = "TREU_DATABASE_URL", default_value = "sqlite://treu.sqlite")]
    pub database_url: String,
    #[command(flatten)]
    pub platforms: crate::platforms::PlatformArgs,
}

fn parse_time(value: &str) -> Result<treu::engine::time::Timestamp, String> {
    treu::engine::time::Timestamp::parse(value)
}

#[derive(Args, Clone)]
pub struct MintArgs {
    /// The customer id (the token's `sub`).
    #[arg(long)]
    pub customer: String,
    /// How long the token is valid: seconds, or with a unit: `90s`, `30m`, `12h`, `7d`.
    #[arg(long, default_value = "1h", value_parser = parse_duration)]
    pub ttl: i64,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub name: Option<String>,
    /// The shop secret that signs customer tokens.
    #[arg(long, env = "TREU_SHOP_SECRET", hide_env_values = true)]
    pub shop_secret: String,
}

#[derive(Args, Clone)]
pub struct SeedArgs {
    /// The database, `sqlite://data/treu.sqlite` or `postgres://user@host/treu`; created if missing.
    #[arg(long, env = "TREU_DATABASE_URL", default_value = "sqlite://treu.sqlite")]
    pub database_url: String,
    /// The demo program (JSON).
    #[arg(long, default_value = "www/demo-program.json")]
    pub program: PathBuf,
}

/// Seconds from `3600`, `90s`, `30m`, `12h` or `7d`.
fn parse_duration(value: &str) -> Result<i64, String> {
    let value = value.trim();
    let (number, unit) = match value.char_indices().last() {
        Some((index, unit @ ('s' | 'm' | 'h' | 'd'))) => (&value[..index], unit),
        _ => (value, 's'),
    };
    let number: i64 =
        number.parse().map_err(|_| format!("\"{value}\" is not a duration such as 3600, 30m, 12h or 7d"))?;
    let seconds = match unit {
        'm' => number.checked_mul(60),
        'h' => number.checked_mul(3600),
        'd' => number.checked_mul(86_400),
        _ => Some(number),
    };
    seconds
        .filter(|s| (1..=10 * 365 * 86_400).contains(s))
        .ok_or_else(|| "the duration must be from 1 s to 10 years".to_owned())
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "TREU_HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on; 0 picks a free one (the address is printed on start).
    #[arg(long, env = "TREU_PORT", default_value_t = 8080)]
    pub port: u16,
    /// The database, `sqlite://data/treu.sqlite` or `postgres://user@host/treu`; created if missing.
    #[arg(long, env = "TREU_DATABASE_URL", default_value = "sqlite://treu.sqlite")]
    pub database_url: String,
    /// Database connections the host keeps open at most (see docs/host.md).
    #[arg(long, env = "TREU_DATABASE_CONNECTIONS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub database_connections: u32,
    /// When SQLite syncs its write-ahead log to disk (see docs/host.md).
    #[arg(long, env = "TREU_SQLITE_SYNCHRONOUS", value_enum, default_value_t = Synchronous::Normal)]
    pub sqlite_synchronous: Synchronous,
    /// Shop origins allowed to call the API from a browser, comma-separated.
    #[arg(long, env = "TREU_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,
    /// A program file (JSON) to put in force at start, if it differs from the current one.
    #[arg(long, env = "TREU_PROGRAM")]
    pub program: Option<PathBuf>,
    /// The shop secret: verifies customer tokens and webhook signatures.
    #[arg(long, env = "TREU_SHOP_SECRET", hide_env_values = true)]
    pub shop_secret: Option<String>,
    /// Verifies `Treu-Signature` on `/v1/webhooks/*` instead of the shop secret,
    /// so whoever holds it (the platform's side) cannot mint customer tokens.
    #[arg(long, env = "TREU_WEBHOOK_SECRET", hide_env_values = true)]
    pub webhook_secret: Option<String>,
    /// The bearer token of the admin endpoints; without one they answer 401.
    #[arg(long, env = "TREU_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// The storefront URL that referral links point to (`?treu_ref=CODE` is added).
    #[arg(long, env = "TREU_SHOP_URL", default_value = "http://127.0.0.1:8080/")]
    pub shop_url: String,
    /// Requests per minute to actions, referral claims and redemptions, per
    /// client IP and per customer; 0 turns the limit off.
    #[arg(long, env = "TREU_RATE_LIMIT", default_value_t = 30)]
    pub rate_limit: u32,
    /// Seconds a request may take, from its first byte to the answer's headers
    /// (a slow client's body included); then 503. Bounds what one connection holds.
    #[arg(long, env = "TREU_REQUEST_TIMEOUT", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub request_timeout: u64,
    /// Requests handled at once; more wait for a turn (within their timeout).
    #[arg(long, env = "TREU_MAX_CONCURRENT_REQUESTS", default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_concurrent_requests: u64,
    /// Serve a folder of static files: `URL_PATH=DIR`, e.g. `/=www/demo` or
    /// `/treu=dist`. Repeatable. Used by the demo shop.
    #[arg(long = "static", value_name = "URL_PATH=DIR", value_parser = parse_static_dir)]
    pub static_dirs: Vec<StaticDir>,
    /// Shopify and WooCommerce: secrets, money, and the REST credentials of sync.
    #[command(flatten)]
    pub platforms: crate::platforms::PlatformArgs,
    /// While serving, sync every configured platform this often (`15m`, `1h`); off when absent.
    #[arg(long, env = "TREU_SYNC_INTERVAL", value_parser = parse_duration)]
    pub sync_interval: Option<i64>,
    /// Outbound events: retries, polling and the time-driven scan (docs/events.md).
    #[command(flatten)]
    pub events: crate::events::delivery::EventArgs,
    /// E-mails treu sends itself: SMTP, sender, link URL (docs/mail.md).
    #[command(flatten)]
    pub mail: crate::mail::MailArgs,
    /// Lets the merchant move the host's clock forward (`POST /v1/admin/clock`),
    /// for demos and tests. Never in production: points would mature early.
    #[arg(long, env = "TREU_MOVABLE_CLOCK")]
    pub movable_clock: bool,
    /// Serves the demo shop's backend under `/demo/` (accounts, checkout, orders,
    /// refunds). Demo only: it mints customer tokens for anyone who asks.
    #[arg(long)]
    pub demo_shop: bool,
}

/// When SQLite syncs its write-ahead log to disk; every answered write is
/// committed either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Synchronous {
    /// At checkpoints: answered writes survive a crash of the host; the last
    /// ones before a power loss or kernel crash may be rolled back.
    Normal,
    /// At every commit: answered writes survive a power loss too.
    Full,
}

impl From<Synchronous> for sqlx::sqlite::SqliteSynchronous {
    fn from(mode: Synchronous) -> Self {
        match mode {
            Synchronous::Normal => sqlx::sqlite::SqliteSynchronous::Normal,
            Synchronous::Full => sqlx::sqlite::SqliteSynchronous::Full,
        }
    }
}

/// A folder served at a URL path.
#[derive(Clone, Debug)]
pub struct StaticDir {
    pub path: String,
    pub dir: PathBuf,
}

fn parse_static_dir(value: &str) -> Result<StaticDir, String> {
    let (path, dir) = value.split_once('=').ok_or("expected URL_PATH=DIR, e.g. /treu=dist")?;
    if !path.starts_with('/') {
        return Err(format!("URL path \"{path}\" must start with /"));
    }
    let path = if path == "/" { path.to_owned() } else { path.trim_end_matches('/').to_owned() };
    Ok(StaticDir { path, dir: PathBuf::from(dir) })
}
