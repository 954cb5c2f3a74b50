//! Members sharing their referral link (for the "shared" count of reports).

use super::Conn;

/// Records a share of `customer` by `channel` at `at` unless they shared on
/// the same UTC day (`day_start`..`day_start + 86400`); true if recorded.
pub async fn record(
    conn: &mut Conn,
    customer: &str,
    channel: &str,
    at: i64,
    day_start: i64,
) -> Result<bool, sqlx::Error> {
    let earlier: Option<i64> =
        sqlx::query_scalar("SELECT at FROM referral_shares WHERE customer_id = $1 AND at >= $2 AND at < $3 LIMIT 1")
            .bind(customer)
            .bind(day_start)
            .bind(day_start + 86_400)
            .fetch_optional(&mut *conn)
            .await?;
    if earlier.is_some() {
        return Ok(false);
    }
    sqlx::query("INSERT INTO referral_shares (customer_id, channel, at) VALUES ($1, $2, $3)")
        .bind(customer)
        .bind(channel)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(true)
}
