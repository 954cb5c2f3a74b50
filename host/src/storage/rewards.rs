//! Discount codes issued for redemptions, and actions waiting for proof.

use super::Conn;

/// The option id of win-back codes (one per absence of a lapsed member).
pub const WIN_BACK: &str = "win-back";

/// A discount code as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RedemptionRow {
    pub code: String,
    pub customer_id: String,
    pub option_id: String,
    pub points: i64,
    pub body: String,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub status: String,
}

pub async fn insert_redemption(conn: &mut Conn, row: &RedemptionRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO redemptions (code, customer_id, option_id, points, body, created_at, expires_at, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&row.code)
    .bind(&row.customer_id)
    .bind(&row.option_id)
    .bind(row.points)
    .bind(&row.body)
    .bind(row.created_at)
    .bind(row.expires_at)
    .bind(&row.status)
    .execute(conn)
    .await?;
    Ok(())
}

/// Codes of `customer` still issued (not used, not returned), oldest first.
pub async fn issued(conn: &mut Conn, customer: &str) -> Result<Vec<RedemptionRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM redemptions WHERE customer_id = $1 AND status = 'issued' ORDER BY created_at, code")
        .bind(customer)
        .fetch_all(conn)
        .await
}

/// The newest code of `option` issued to `customer` at or after `since` (unix seconds), in any status.
pub async fn latest_since(
    conn: &mut Conn,
    customer: &str,
    option: &str,
    since: i64,
) -> Result<Option<RedemptionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT * FROM redemptions WHERE customer_id = $1 AND option_id = $2 AND created_at >= $3 \
         ORDER BY created_at DESC, code LIMIT 1",
    )
    .bind(customer)
    .bind(option)
    .bind(since)
    .fetch_optional(conn)
    .await
}

pub async fn set_status(conn: &mut Conn, code: &str, status: &str, order: Option<&str>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE redemptions SET status = $1, used_order = $2 WHERE code = $3 AND status = 'issued'")
        .bind(status)
        .bind(order)
        .bind(code)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn insert_pending_action(
    conn: &mut Conn,
    id: &str,
    customer: &str,
    action: &str,
    reference: Option<&str>,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO pending_actions (id, customer_id, action, reference, created_at, status) \
         VALUES ($1, $2, $3, $4, $5, 'pending')",
    )
    .bind(id)
    .bind(customer)
    .bind(action)
    .bind(reference)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Pending actions of `customer`, as (id, action, reference, created_at).
pub async fn pending_actions(
    conn: &mut Conn,
    customer: &str,
) -> Result<Vec<(String, String, Option<String>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, action, reference, created_at FROM pending_actions WHERE customer_id = $1 AND status = 'pending' \
         ORDER BY created_at, id",
    )
    .bind(customer)
    .fetch_all(conn)
    .await
}

/// The customer and action of pending action `id`, if it is still pending.
pub async fn pending_action(conn: &mut Conn, id: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT customer_id, action FROM pending_actions WHERE id = $1 AND status = 'pending'")
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn settle_pending_action(conn: &mut Conn, id: &str, status: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE pending_actions SET status = $1 WHERE id = $2").bind(status).bind(id).execute(conn).await?;
    Ok(())
}

/// Every code of `customer`, in any status, oldest first.
pub async fn codes_of(conn: &mut Conn, customer: &str) -> Result<Vec<RedemptionRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM redemptions WHERE customer_id = $1 ORDER BY created_at, code")
        .bind(customer)
        .fetch_all(conn)
        .await
}

/// The discount code `code`, in any status.
pub async fn redemption(conn: &mut Conn, code: &str) -> Result<Option<RedemptionRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM redemptions WHERE code = $1").bind(code).fetch_optional(conn).await
}
