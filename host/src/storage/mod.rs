//! All SQL lives here, one query set for SQLite and PostgreSQL through sqlx's
//! `Any` driver: plain types (TEXT, BIGINT), `$1` parameters (SQLite reads them
//! too) and `ON CONFLICT`, both databases' dialect. Each has its migrations
//! (`host/migrations/sqlite`, `host/migrations/postgres`) with the same tables.
//! The host test suite runs against both, so every query is checked on both.
//!
//! Functions take a `&mut Conn`, so the same query runs on a pooled
//! connection for reads or inside a write transaction ([`Store::write`]).

pub mod clock;
pub mod copy;
pub mod customers;
pub mod demo_orders;
pub mod events;
pub mod guest_orders;
pub mod idempotency;
pub mod ledger;
pub mod mail;
pub mod orders;
pub mod platforms;
pub mod programs;
pub mod purchases;
pub mod reports;
pub mod rewards;
pub mod sessions;
pub mod shares;
pub mod webhook_events;

pub use programs::StoredProgram;
use sqlx::any::AnyPoolOptions;
use sqlx::migrate::Migrator;
use sqlx::postgres::PgConnectOptions;
use sqlx::sqlite::SqliteSynchronous;
use sqlx::{AnyPool, ConnectOptions, Connection, Executor};
use std::str::FromStr;
use treu::engine::program::Program;

/// One database connection, SQLite or PostgreSQL.
pub type Conn = sqlx::AnyConnection;

static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database the host runs on, from the URL's scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite://…`: one file, one host process (the default).
    Sqlite,
    /// `postgres://…`: one database, any number of host processes.
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Result<Backend, sqlx::Error> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(sqlx::Error::Configuration("the database URL must start with sqlite:// or postgres://".into()))
        }
    }
}

/// How the database is opened.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// SQLite only: when the write-ahead log is synced to disk.
    pub synchronous: SqliteSynchronous,
    /// Connections the host keeps open at most.
    pub connections: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options { synchronous: SqliteSynchronous::Full, connections: 8 }
    }
}

/// A write transaction: every mutation of the API is exactly one. On SQLite it
/// holds the process's write turn until it is committed or dropped (rolled back).
pub struct Tx {
    transaction: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.transaction.commit().await
    }
}

impl std::ops::Deref for Tx {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        &self.transaction
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Conn {
        &mut self.transaction
    }
}

/// The host's database.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite: writers take turns here, in order, rather than in SQLite's busy
    /// handler, whose sleeps and retries make a long tail of slow requests.
    /// PostgreSQL has no such turn: its transactions run side by side (see `write`).
    writer: Option<std::sync::Arc<tokio::sync::Mutex<()>>>,
}

/// Reads a JSON column, reporting bad data as a decode error.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(text).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

/// Writes a JSON column.
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|error| sqlx::Error::Encode(Box::new(error)))
}

/// Whether `error` is PostgreSQL refusing a transaction because a concurrent
/// one won: a serialization failure (40001), a deadlock (40P01), or a key
/// another transaction inserted first (23505). Run again, the transaction
/// sees what the winner committed.
pub fn is_conflict(error: &sqlx::Error) -> bool {
    let code = error.as_database_error().and_then(|error| error.code());
    matches!(code.as_deref(), Some("40001" | "40P01" | "23505"))
}

/// Runs `attempt` again while it loses to a concurrent transaction, for the
/// writes that are not requests (those `retry.rs` runs again).
pub async fn again_on_conflict<T, F, Fut>(mut attempt: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let mut failures = 0;
    loop {
        match attempt().await {
            Err(error) if is_conflict(&error) && failures < 20 => {
                failures += 1;
                tokio::time::sleep(std::time::Duration::from_millis(5 * failures)).await;
            }
            outcome => return outcome,
        }
    }
}

impl Store {
    /// Opens the database at `url` and brings its schema up to date:
    /// `sqlite://data/treu.sqlite` (the file is created if missing) or
    /// `postgres://user@host/treu` (the database is created if missing and the
    /// user may). Several hosts starting at once migrate once: sqlx's migrator
    /// holds an advisory lock on PostgreSQL while it runs (docs/host.md).
    pub async fn open(url: &str, options: Options) -> Result<Store, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url)?;
        let pool = match backend {
            Backend::Sqlite => open_sqlite(url, options).await?,
            Backend::Postgres => open_postgres(url, options).await?,
        };
        let migrator = match backend {
            Backend::Sqlite => &SQLITE,
            Backend::Postgres => &POSTGRES,
        };
        migrator.run(&pool).await?;
        let writer = (backend == Backend::Sqlite).then(Default::default);
        Ok(Store { pool, backend, writer })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A connection for reads.
    pub async fn read(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// Starts a write transaction.
    ///
    /// SQLite: `BEGIN IMMEDIATE` takes the write lock up front, so two writers
    /// never both read a balance and then both spend it: the second waits and
    /// reads what the first wrote.
    ///
    /// PostgreSQL: a serializable transaction. Writers on other hosts run at
    /// the same time; when two would have read what the other wrote, one of
    /// them fails at its next statement or at commit ([`is_conflict`]), rolls
    /// back, and its request is run again (`retry.rs`).
    pub async fn write(&self) -> Result<Tx, sqlx::Error> {
        match &self.writer {
            Some(writer) => {
                let turn = writer.clone().lock_owned().await;
                let transaction = begin(&self.pool, "BEGIN IMMEDIATE").await?;
                Ok(Tx { transaction, _turn: Some(turn) })
            }
            None => {
                let transaction = begin(&self.pool, "BEGIN ISOLATION LEVEL SERIALIZABLE").await?;
                Ok(Tx { transaction, _turn: None })
            }
        }
    }

    /// The program in force: the newest saved version.
    pub async fn current_program(&self) -> Result<Option<StoredProgram>, sqlx::Error> {
        programs::program_version(&mut *self.read().await?, None).await
    }

    /// Saves `program` as a new version by `author` unless it equals the one
    /// in force. Returns the version in force afterwards. Hosts started at once
    /// with the same `--program` race here; the loser runs again and finds it saved.
    pub async fn save_program(&self, program: &Program, author: &str) -> Result<StoredProgram, sqlx::Error> {
        again_on_conflict(|| async {
            let mut transaction = self.write().await?;
            let stored = programs::save_program(&mut transaction, program, author, None).await?;
            transaction.commit().await?;
            Ok(stored)
        })
        .await
    }

    /// Deletes idempotency records older than `cutoff` (Unix seconds).
    pub async fn prune_idempotency_keys(&self, cutoff: i64) -> Result<u64, sqlx::Error> {
        let done =
            sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1").bind(cutoff).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }

    /// Releases the keys whose first request was still being handled when an
    /// earlier process stopped (killed, crashed, powered off): its transaction
    /// was rolled back with it, so nothing answers for them, and a retry would
    /// otherwise get 409 until they are taken to be abandoned. Sound because one
    /// host process serves a SQLite file; called at start, before listening. On
    /// PostgreSQL a key is claimed inside its request's transaction, so a dead
    /// host leaves none behind, and other hosts' keys are not this one's to release.
    pub async fn release_in_flight_keys(&self) -> Result<u64, sqlx::Error> {
        if self.backend == Backend::Postgres {
            return Ok(0);
        }
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE status IS NULL").execute(&self.pool).await?;
        Ok(done.rows_affected())
    }

    /// Waits for every connection to finish and closes the database cleanly.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// `pool.begin_with(statement)` run to its end even when the request that
/// asked goes away (a shopper closes the page: hyper drops the handler's
/// future at its next `.await`). sqlx 0.8.6's `begin_with` is not
/// cancel-safe: on SQLite it awaits the connection's handle once more after
/// the database began the transaction and before a `Transaction` exists to
/// roll it back when dropped; on PostgreSQL the same window is
/// <https://github.com/transact-rs/sqlx/issues/4393>. A future dropped there
/// left the pooled connection inside its transaction: on SQLite holding the
/// write lock, so every other writer failed with "database is locked", and
/// the connection's next write with "attempted to call begin_with at
/// non-zero transaction depth" (`host/tests/cancelled_writes.rs`). In a task
/// of its own the transaction always becomes a `Transaction`; one nobody
/// waits for any more is dropped there, which rolls it back.
async fn begin(pool: &AnyPool, statement: &'static str) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    let pool = pool.clone();
    tokio::spawn(async move { pool.begin_with(statement).await })
        .await
        .map_err(|error| sqlx::Error::Protocol(format!("beginning a transaction: {error}")))?
}

/// SQLite in WAL mode. The settings go in as pragmas on each new connection:
/// the `Any` driver takes only a URL.
async fn open_sqlite(url: &str, options: Options) -> Result<AnyPool, sqlx::Error> {
    let create = if url.contains("mode=") {
        url.to_owned()
    } else {
        format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
    };
    let synchronous = match options.synchronous {
        SqliteSynchronous::Off => "OFF",
        SqliteSynchronous::Normal => "NORMAL",
        SqliteSynchronous::Full => "FULL",
        SqliteSynchronous::Extra => "EXTRA",
    };
    // No ping before each use: the database is a file in this process, there
    // is no link to go stale, and the ping costs a round trip to sqlx's
    // connection thread on every request.
    AnyPoolOptions::new()
        .max_connections(options.connections)
        .test_before_acquire(false)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                conn.execute("PRAGMA journal_mode = WAL").await?;
                conn.execute(format!("PRAGMA synchronous = {synchronous}").as_str()).await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA busy_timeout = 10000").await?;
                Ok(())
            })
        })
        .connect(&create)
        .await
}

/// PostgreSQL, creating the database first if it does not exist (as SQLite
/// creates its file), so a fresh server needs no setup beyond a user.
async fn open_postgres(url: &str, options: Options) -> Result<AnyPool, sqlx::Error> {
    let target = PgConnectOptions::from_str(url)?;
    if let Err(error) = target.connect().await {
        let missing = error.as_database_error().and_then(|error| error.code()).as_deref() == Some("3D000");
        if !missing {
            return Err(error);
        }
        let name = target.get_database().unwrap_or_default().replace('"', "\"\"");
        let mut maintenance = target.clone().database("postgres").connect().await?;
        // Two hosts starting at once both try; the loser's "already exists"
        // (42P04, or 23505 from the catalog) is the outcome it wanted.
        if let Err(error) = maintenance.execute(format!("CREATE DATABASE \"{name}\"").as_str()).await {
            let code = error.as_database_error().and_then(|error| error.code());
            if !matches!(code.as_deref(), Some("42P04" | "23505")) {
                return Err(error);
            }
        }
        maintenance.close().await?;
    }
    AnyPoolOptions::new().max_connections(options.connections).connect(url).await
}
