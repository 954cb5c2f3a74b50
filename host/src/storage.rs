//! All SQL lives here. SQLite (WAL) through sqlx; the schema is plain enough
//! for a Postgres backend to follow without changing the API.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use treu::engine::program::Program;

/// The host's database.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
}

/// A stored program with its version number.
pub struct StoredProgram {
    pub version: i64,
    pub program: Program,
}

impl Store {
    /// Opens (creating if needed) the database at `url`, e.g.
    /// `sqlite://data/treu.sqlite`, and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Store, sqlx::Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store { pool })
    }

    /// The program in force: the newest saved version.
    pub async fn current_program(&self) -> Result<Option<StoredProgram>, sqlx::Error> {
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT version, body FROM programs ORDER BY version DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        row.map(|(version, body)| {
            let program = serde_json::from_str(&body).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
            Ok(StoredProgram { version, program })
        })
        .transpose()
    }

    /// Saves `program` as a new version unless it equals the one in force.
    /// Returns the version in force afterwards.
    pub async fn save_program(&self, program: &Program) -> Result<i64, sqlx::Error> {
        let mut transaction = self.pool.begin().await?;
        let current: Option<(i64, String)> =
            sqlx::query_as("SELECT version, body FROM programs ORDER BY version DESC LIMIT 1")
                .fetch_optional(&mut *transaction)
                .await?;
        if let Some((version, body)) = current {
            if serde_json::from_str::<Program>(&body).ok().as_ref() == Some(program) {
                return Ok(version);
            }
        }
        let body = serde_json::to_string(program).map_err(|error| sqlx::Error::Encode(Box::new(error)))?;
        let version = sqlx::query_scalar("INSERT INTO programs (body, created_at) VALUES (?, ?) RETURNING version")
            .bind(body)
            .bind(unix_now())
            .fetch_one(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(version)
    }

    /// Waits for every connection to finish and closes the database cleanly.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}
