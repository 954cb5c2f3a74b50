//! The rows the reports read besides orders and ledger entries.

use super::Conn;

/// Every member as (id, enrolled at).
pub async fn members(conn: &mut Conn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT id, created_at FROM customers ORDER BY id").fetch_all(conn).await
}

/// Every referral as (claimed at, status, when the friend's first order was placed).
pub async fn referrals(conn: &mut Conn) -> Result<Vec<(i64, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.claimed_at, r.status, o.placed_at FROM referrals r LEFT JOIN orders o ON o.id = r.order_id \
         ORDER BY r.claimed_at",
    )
    .fetch_all(conn)
    .await
}

/// Every time a member shared their referral link, as (customer id, at).
pub async fn shares(conn: &mut Conn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT customer_id, at FROM referral_shares ORDER BY at").fetch_all(conn).await
}
