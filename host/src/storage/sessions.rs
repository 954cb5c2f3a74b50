//! Dashboard sign-in sessions, stored by the hash of their cookie value.

use super::Conn;

/// A session as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id_hash: String,
    pub name: String,
    pub csrf_token: String,
    pub created_at: i64,
    pub expires_at: i64,
}

pub async fn insert(conn: &mut Conn, row: &SessionRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO admin_sessions (id_hash, name, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&row.id_hash)
    .bind(&row.name)
    .bind(&row.csrf_token)
    .bind(row.created_at)
    .bind(row.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The session whose cookie hashes to `id_hash`, if it has not expired at `now`.
pub async fn live(conn: &mut Conn, id_hash: &str, now: i64) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM admin_sessions WHERE id_hash = $1 AND expires_at > $2")
        .bind(id_hash)
        .bind(now)
        .fetch_optional(conn)
        .await
}

/// Ends a session; true if there was one.
pub async fn delete(conn: &mut Conn, id_hash: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM admin_sessions WHERE id_hash = $1").bind(id_hash).execute(conn).await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes sessions that expired before `now`.
pub async fn prune(conn: &mut Conn, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM admin_sessions WHERE expires_at <= $1").bind(now).execute(conn).await?;
    Ok(done.rows_affected())
}
