//! The demo shop's own order records (`serve --demo-shop` and `seed-demo`).

use super::Conn;

/// An order as the demo shop keeps it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct DemoOrderRow {
    pub id: String,
    pub customer_id: Option<String>,
    pub email: Option<String>,
    pub placed_at: i64,
    pub currency: String,
    pub cart: String,
    pub subtotal: i64,
    pub discount: i64,
    pub shipping: i64,
    pub total: i64,
    pub discount_code: Option<String>,
    pub refunded: i64,
}

pub async fn insert(conn: &mut Conn, order: &DemoOrderRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO demo_orders (id, customer_id, email, placed_at, currency, cart, subtotal, discount, shipping, \
         total, discount_code, refunded) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&order.id)
    .bind(&order.customer_id)
    .bind(&order.email)
    .bind(order.placed_at)
    .bind(&order.currency)
    .bind(&order.cart)
    .bind(order.subtotal)
    .bind(order.discount)
    .bind(order.shipping)
    .bind(order.total)
    .bind(&order.discount_code)
    .bind(order.refunded)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn order(conn: &mut Conn, id: &str) -> Result<Option<DemoOrderRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM demo_orders WHERE id = $1").bind(id).fetch_optional(conn).await
}

/// The order that used discount code `code`, if one did.
pub async fn order_with_code(conn: &mut Conn, code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM demo_orders WHERE discount_code = $1").bind(code).fetch_optional(conn).await
}

/// The orders of `customer`, newest first.
pub async fn orders_of(conn: &mut Conn, customer: &str) -> Result<Vec<DemoOrderRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM demo_orders WHERE customer_id = $1 ORDER BY placed_at DESC, id DESC")
        .bind(customer)
        .fetch_all(conn)
        .await
}

/// How many orders the shop has taken: the next order number follows it.
pub async fn count(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM demo_orders").fetch_one(conn).await
}

pub async fn set_refunded(conn: &mut Conn, id: &str, refunded: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE demo_orders SET refunded = $1 WHERE id = $2").bind(refunded).bind(id).execute(conn).await?;
    Ok(())
}
