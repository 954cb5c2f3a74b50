//! Stored responses by idempotency key.

use super::Conn;

/// What a key holds.
pub enum Record {
    /// The first request with this key is still being handled.
    InFlight { request_hash: String, created_at: i64 },
    /// Its response.
    Done { request_hash: String, status: u16, content_type: String, body: String },
}

/// request_hash, status, content_type, body, created_at
type Row = (String, Option<i64>, Option<String>, Option<String>, i64);

pub async fn find(conn: &mut Conn, scope: &str, key: &str) -> Result<Option<Record>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT request_hash, status, content_type, body, created_at FROM idempotency_keys WHERE scope = $1 AND key = $2",
    )
    .bind(scope)
    .bind(key)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(request_hash, status, content_type, body, created_at)| match (status, content_type, body) {
        (Some(status), Some(content_type), Some(body)) => {
            Record::Done { request_hash, status: status as u16, content_type, body }
        }
        _ => Record::InFlight { request_hash, created_at },
    }))
}

/// Marks the key in flight; false if the key exists.
pub async fn claim(conn: &mut Conn, scope: &str, key: &str, hash: &str, at: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (scope, key) DO NOTHING",
    )
    .bind(scope)
    .bind(key)
    .bind(hash)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes over a key whose first request was abandoned (its `created_at` is `stale_at`).
pub async fn take_over(
    conn: &mut Conn,
    scope: &str,
    key: &str,
    stale_at: i64,
    hash: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE idempotency_keys SET request_hash = $1, created_at = $2 \
         WHERE scope = $3 AND key = $4 AND status IS NULL AND created_at = $5",
    )
    .bind(hash)
    .bind(at)
    .bind(scope)
    .bind(key)
    .bind(stale_at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn complete(
    conn: &mut Conn,
    scope: &str,
    key: &str,
    status: u16,
    content_type: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE idempotency_keys SET status = $1, content_type = $2, body = $3 WHERE scope = $4 AND key = $5")
        .bind(i64::from(status))
        .bind(content_type)
        .bind(body)
        .bind(scope)
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn forget(conn: &mut Conn, scope: &str, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2")
        .bind(scope)
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}
