//! Paid orders of guests: no account, no points, only revenue.

use super::Conn;

/// A guest's order as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct GuestOrderRow {
    pub id: String,
    pub placed_at: i64,
    pub currency: String,
    pub total: i64,
    pub refunded: i64,
    pub status: String,
    pub paid_at: i64,
}

pub async fn guest_order(conn: &mut Conn, id: &str) -> Result<Option<GuestOrderRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM guest_orders WHERE id = $1").bind(id).fetch_optional(conn).await
}

pub async fn insert(conn: &mut Conn, order: &GuestOrderRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO guest_orders (id, placed_at, currency, total, refunded, status, paid_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&order.id)
    .bind(order.placed_at)
    .bind(&order.currency)
    .bind(order.total)
    .bind(order.refunded)
    .bind(&order.status)
    .bind(order.paid_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_refunded(conn: &mut Conn, id: &str, refunded: i64, status: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE guest_orders SET refunded = $1, status = $2 WHERE id = $3")
        .bind(refunded)
        .bind(status)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Every guest order (for reports).
pub async fn all(conn: &mut Conn) -> Result<Vec<GuestOrderRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM guest_orders ORDER BY placed_at, id").fetch_all(conn).await
}
