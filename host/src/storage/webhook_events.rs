//! The webhook events handled, each with the answer it got: a redelivery
//! (same id) is answered from here and changes nothing.

use super::Conn;

/// The response sent for webhook event `id`, if it was handled before.
pub async fn webhook_response(conn: &mut Conn, id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT response FROM webhook_events WHERE id = $1").bind(id).fetch_optional(conn).await
}

pub async fn record_webhook(
    conn: &mut Conn,
    id: &str,
    kind: &str,
    order: &str,
    at: i64,
    response: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO webhook_events (id, type, order_id, received_at, response) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(kind)
        .bind(order)
        .bind(at)
        .bind(response)
        .execute(conn)
        .await?;
    Ok(())
}
