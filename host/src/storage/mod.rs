//! All SQL lives here. SQLite (WAL) through sqlx; the schema (`host/migrations/`)
//! uses plain types so a Postgres backend can follow without changing the API.
//!
//! Functions take a `&mut Conn`, so the same query runs on a pooled
//! connection for reads or inside a write transaction ([`Store::write`]).

pub mod clock;
pub mod customers;
pub mod demo_orders;
pub mod guest_orders;
pub mod idempotency;
pub mod ledger;
pub mod orders;
pub mod platforms;
pub mod programs;
pub mod reports;
pub mod rewards;
pub mod sessions;
pub mod shares;

pub use programs::StoredProgram;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;
use treu::engine::program::Program;

/// One database connection.
pub type Conn = sqlx::SqliteConnection;
/// A write transaction: every mutation of the API is exactly one. It holds
/// the process's write lock until it is committed or dropped (rolled back).
pub struct Tx {
    transaction: sqlx::Transaction<'static, sqlx::Sqlite>,
    _turn: tokio::sync::OwnedMutexGuard<()>,
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
    pool: SqlitePool,
    /// Writers take turns here, in order, rather than in SQLite's busy handler,
    /// whose sleeps and retries make a long tail of slow requests.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// Reads a JSON column, reporting bad data as a decode error.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, sqlx::Error> {
    serde_json::from_str(text).map_err(|error| sqlx::Error::Decode(Box::new(error)))
}

/// Writes a JSON column.
pub fn to_json<T: serde::Serialize>(value: &T) -> Result<String, sqlx::Error> {
    serde_json::to_string(value).map_err(|error| sqlx::Error::Encode(Box::new(error)))
}

impl Store {
    /// Opens (creating if needed) the database at `url`, e.g.
    /// `sqlite://data/treu.sqlite`, and brings its schema up to date.
    /// `synchronous` says when the write-ahead log is synced to disk.
    pub async fn open(url: &str, synchronous: SqliteSynchronous) -> Result<Store, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(synchronous)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        // No ping before each use: the database is a file in this process, there
        // is no link to go stale, and the ping costs a round trip to sqlx's
        // connection thread on every request.
        let pool = SqlitePoolOptions::new().max_connections(8).test_before_acquire(false).connect_with(options).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store { pool, writer: Default::default() })
    }

    /// A connection for reads.
    pub async fn read(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Sqlite>, sqlx::Error> {
        self.pool.acquire().await
    }

    /// Starts a write transaction. `BEGIN IMMEDIATE` takes SQLite's write lock
    /// up front, so two writers never both read a balance and then both spend it:
    /// the second waits (busy timeout) and reads what the first wrote.
    pub async fn write(&self) -> Result<Tx, sqlx::Error> {
        let turn = self.writer.clone().lock_owned().await;
        let transaction = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Tx { transaction, _turn: turn })
    }

    /// The program in force: the newest saved version.
    pub async fn current_program(&self) -> Result<Option<StoredProgram>, sqlx::Error> {
        programs::program_version(&mut *self.read().await?, None).await
    }

    /// Saves `program` as a new version by `author` unless it equals the one
    /// in force. Returns the version in force afterwards.
    pub async fn save_program(&self, program: &Program, author: &str) -> Result<StoredProgram, sqlx::Error> {
        let mut transaction = self.write().await?;
        let stored = programs::save_program(&mut transaction, program, author, None).await?;
        transaction.commit().await?;
        Ok(stored)
    }

    /// Deletes idempotency records older than `cutoff` (Unix seconds).
    pub async fn prune_idempotency_keys(&self, cutoff: i64) -> Result<u64, sqlx::Error> {
        let done =
            sqlx::query("DELETE FROM idempotency_keys WHERE created_at < ?").bind(cutoff).execute(&self.pool).await?;
        Ok(done.rows_affected())
    }

    /// Releases the keys whose first request was still being handled when an
    /// earlier process stopped (killed, crashed, powered off): its transaction
    /// was rolled back with it, so nothing answers for them, and a retry would
    /// otherwise get 409 until they are taken to be abandoned. Sound because one
    /// host process serves one database; called at start, before listening.
    pub async fn release_in_flight_keys(&self) -> Result<u64, sqlx::Error> {
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE status IS NULL").execute(&self.pool).await?;
        Ok(done.rows_affected())
    }

    /// Waits for every connection to finish and closes the database cleanly.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
