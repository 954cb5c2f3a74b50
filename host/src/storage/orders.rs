//! Orders and their refunds (a refund may be recorded before its order).

use super::Conn;

/// A paid order as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrderRow {
    pub id: String,
    pub customer_id: String,
    pub placed_at: i64,
    pub currency: String,
    pub total: i64,
    pub eligible_spend: i64,
    pub refunded: i64,
    pub status: String,
    pub paid_at: i64,
}

pub async fn order(conn: &mut Conn, id: &str) -> Result<Option<OrderRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM orders WHERE id = $1").bind(id).fetch_optional(conn).await
}

/// The orders of `customer`, oldest first.
pub async fn orders_of(conn: &mut Conn, customer: &str) -> Result<Vec<OrderRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM orders WHERE customer_id = $1 ORDER BY placed_at, id")
        .bind(customer)
        .fetch_all(conn)
        .await
}

/// Every order, grouped by customer (for reports).
pub async fn all_orders(conn: &mut Conn) -> Result<Vec<OrderRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM orders ORDER BY customer_id, placed_at").fetch_all(conn).await
}

pub async fn insert(conn: &mut Conn, order: &OrderRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO orders (id, customer_id, placed_at, currency, total, eligible_spend, refunded, status, paid_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&order.id)
    .bind(&order.customer_id)
    .bind(order.placed_at)
    .bind(&order.currency)
    .bind(order.total)
    .bind(order.eligible_spend)
    .bind(order.refunded)
    .bind(&order.status)
    .bind(order.paid_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_refunded(conn: &mut Conn, id: &str, refunded: i64, status: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orders SET refunded = $1, status = $2 WHERE id = $3")
        .bind(refunded)
        .bind(status)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Refunds recorded for `order` (also before it was paid), oldest first, as (refund id, amount).
pub async fn refunds(conn: &mut Conn, order: &str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT refund_id, amount FROM order_refunds WHERE order_id = $1 ORDER BY received_at, refund_id")
        .bind(order)
        .fetch_all(conn)
        .await
}

/// Records a refund; false if this refund id was recorded before.
pub async fn insert_refund(
    conn: &mut Conn,
    order: &str,
    refund: &str,
    amount: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO order_refunds (order_id, refund_id, amount, received_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (order_id, refund_id) DO NOTHING",
    )
    .bind(order)
    .bind(refund)
    .bind(amount)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
