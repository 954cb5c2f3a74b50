//! Every program the merchant saved, with who saved it and why.

use super::{from_json, to_json, Conn};
use treu::engine::program::Program;

/// A stored program with its version number.
#[derive(Clone)]
pub struct StoredProgram {
    pub version: i64,
    pub created_at: i64,
    pub program: Program,
    /// Who saved it: a dashboard user's name, `API`, or `treu-host --program`.
    pub author: Option<String>,
    /// Why, e.g. `restored:3` for a restore of version 3.
    pub note: Option<String>,
}

/// A version in the list of versions.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VersionRow {
    pub version: i64,
    pub created_at: i64,
    pub author: Option<String>,
    pub note: Option<String>,
}

type Row = (i64, String, i64, Option<String>, Option<String>);

/// Program `version`, or the newest with `None`.
pub async fn program_version(conn: &mut Conn, version: Option<i64>) -> Result<Option<StoredProgram>, sqlx::Error> {
    let row: Option<Row> = match version {
        None => {
            sqlx::query_as("SELECT version, body, created_at, author, note FROM programs ORDER BY version DESC LIMIT 1")
                .fetch_optional(&mut *conn)
                .await?
        }
        Some(version) => {
            sqlx::query_as("SELECT version, body, created_at, author, note FROM programs WHERE version = $1")
                .bind(version)
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    row.map(|(version, body, created_at, author, note)| {
        Ok(StoredProgram { version, created_at, program: from_json(&body)?, author, note })
    })
    .transpose()
}

/// The newest version's number, without reading the program.
pub async fn newest_version(conn: &mut Conn) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(version) FROM programs").fetch_one(conn).await
}

/// Every saved version, newest first.
pub async fn program_versions(conn: &mut Conn) -> Result<Vec<VersionRow>, sqlx::Error> {
    sqlx::query_as("SELECT version, created_at, author, note FROM programs ORDER BY version DESC").fetch_all(conn).await
}

/// Saves `program` as a new version unless it equals the one in force.
pub async fn save_program(
    conn: &mut Conn,
    program: &Program,
    author: &str,
    note: Option<&str>,
) -> Result<StoredProgram, sqlx::Error> {
    if let Some(current) = program_version(conn, None).await? {
        if &current.program == program {
            return Ok(current);
        }
    }
    let created_at = crate::clock::now().unix();
    // The next number, taken inside the write transaction rather than from a
    // sequence: versions have no gaps even when a concurrent save on another
    // host makes this transaction run again (a sequence is not rolled back).
    let version = sqlx::query_scalar(
        "INSERT INTO programs (version, body, created_at, author, note) \
         VALUES ((SELECT COALESCE(MAX(version), 0) + 1 FROM programs), $1, $2, $3, $4) RETURNING version",
    )
    .bind(to_json(program)?)
    .bind(created_at)
    .bind(author)
    .bind(note)
    .fetch_one(conn)
    .await?;
    Ok(StoredProgram {
        version,
        created_at,
        program: program.clone(),
        author: Some(author.to_owned()),
        note: note.map(str::to_owned),
    })
}
