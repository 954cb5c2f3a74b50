//! What the platform connections remember: reconciliation cursors and each
//! order's totals in both of a platform's moneys.

use super::Conn;

/// Orders modified before this instant (Unix seconds) have been fed by `sync`.
pub async fn synced_until(conn: &mut Conn, platform: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT synced_until FROM platform_sync WHERE platform = $1")
        .bind(platform)
        .fetch_optional(conn)
        .await
}

pub async fn set_synced_until(conn: &mut Conn, platform: &str, until: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO platform_sync (platform, synced_until, ran_at) VALUES ($1, $2, $3) \
         ON CONFLICT (platform) DO UPDATE SET synced_until = excluded.synced_until, ran_at = excluded.ran_at",
    )
    .bind(platform)
    .bind(until)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// An order's totals: (currency, total) as recorded and in the other money.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct OrderTotals {
    pub currency: String,
    pub total: i64,
    pub other_currency: String,
    pub other_total: i64,
}

pub async fn order_totals(conn: &mut Conn, platform: &str, order: &str) -> Result<Option<OrderTotals>, sqlx::Error> {
    sqlx::query_as(
        "SELECT currency, total, other_currency, other_total FROM platform_orders WHERE platform = $1 AND order_id = $2",
    )
    .bind(platform)
    .bind(order)
    .fetch_optional(conn)
    .await
}

pub async fn save_order_totals(
    conn: &mut Conn,
    platform: &str,
    order: &str,
    totals: &OrderTotals,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO platform_orders (platform, order_id, currency, total, other_currency, other_total, seen_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (platform, order_id) DO UPDATE SET currency = excluded.currency, \
         total = excluded.total, other_currency = excluded.other_currency, other_total = excluded.other_total, \
         seen_at = excluded.seen_at",
    )
    .bind(platform)
    .bind(order)
    .bind(&totals.currency)
    .bind(totals.total)
    .bind(&totals.other_currency)
    .bind(totals.other_total)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Keeps a refund that came before its order (a second delivery is a no-op).
pub async fn save_waiting_refund(
    conn: &mut Conn,
    platform: &str,
    order: &str,
    refund: &str,
    currency: &str,
    amount: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO platform_refunds_waiting (platform, order_id, refund_id, currency, amount, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(platform)
    .bind(order)
    .bind(refund)
    .bind(currency)
    .bind(amount)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes and returns the refunds waiting for `order`, as (refund id, currency, amount).
pub async fn take_waiting_refunds(
    conn: &mut Conn,
    platform: &str,
    order: &str,
) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    let waiting = sqlx::query_as(
        "SELECT refund_id, currency, amount FROM platform_refunds_waiting WHERE platform = $1 AND order_id = $2 \
         ORDER BY received_at, refund_id",
    )
    .bind(platform)
    .bind(order)
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM platform_refunds_waiting WHERE platform = $1 AND order_id = $2")
        .bind(platform)
        .bind(order)
        .execute(conn)
        .await?;
    Ok(waiting)
}
