//! Ledger entries: the engine's `ledger::Entry`, one row each, append-only.

use super::{from_json, to_json, Conn};
use treu::engine::ledger::{Change, Entry};
use treu::engine::time::Timestamp;

/// Every entry of `customer`, in order.
pub async fn entries(conn: &mut Conn, customer: &str) -> Result<Vec<Entry>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, String)> = sqlx::query_as(
        "SELECT seq, idempotency_key, at, change FROM ledger_entries WHERE customer_id = $1 ORDER BY seq",
    )
    .bind(customer)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(|(seq, key, at, change)| entry(seq, key, at, &change)).collect()
}

/// Every entry of every member, grouped by member (for reports).
pub async fn all_entries(conn: &mut Conn) -> Result<Vec<(String, Entry)>, sqlx::Error> {
    let rows: Vec<(String, i64, String, i64, String)> = sqlx::query_as(
        "SELECT customer_id, seq, idempotency_key, at, change FROM ledger_entries ORDER BY customer_id, seq",
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(|(customer, seq, key, at, change)| Ok((customer, entry(seq, key, at, &change)?))).collect()
}

fn entry(seq: i64, key: String, at: i64, change: &str) -> Result<Entry, sqlx::Error> {
    let at = Timestamp::from_unix(at).ok_or_else(|| sqlx::Error::Decode(format!("entry {seq}: bad instant").into()))?;
    Ok(Entry { seq: seq as u64, key, at, change: from_json(change)? })
}

/// Appends entries the engine made for `customer`.
pub async fn append(conn: &mut Conn, customer: &str, entries: &[Entry]) -> Result<(), sqlx::Error> {
    for entry in entries {
        sqlx::query(
            "INSERT INTO ledger_entries (customer_id, seq, idempotency_key, at, kind, points, change) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(customer)
        .bind(entry.seq as i64)
        .bind(&entry.key)
        .bind(entry.at.unix())
        .bind(kind(&entry.change))
        .bind(entry.change.delta())
        .bind(to_json(&entry.change)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The `type` of a change as written in JSON.
pub fn kind(change: &Change) -> &'static str {
    match change {
        Change::Earn { .. } => "earn",
        Change::Redeem { .. } => "redeem",
        Change::Reverse { .. } => "reverse",
        Change::Expire { .. } => "expire",
        Change::Adjust { .. } => "adjust",
    }
}
