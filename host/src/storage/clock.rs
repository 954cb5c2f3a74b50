//! The clock's offset from real time (one row).

use super::Conn;

/// Seconds the host's clock runs ahead of real time.
pub async fn offset(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT offset_seconds FROM clock WHERE id = 1").fetch_one(conn).await
}

/// Moves the clock `seconds` further ahead; returns the new offset.
pub async fn advance(conn: &mut Conn, seconds: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("UPDATE clock SET offset_seconds = offset_seconds + $1 WHERE id = 1 RETURNING offset_seconds")
        .bind(seconds)
        .fetch_one(conn)
        .await
}
