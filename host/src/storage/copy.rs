//! `treu-host migrate-data`: every row of a SQLite database copied into an
//! empty PostgreSQL one, in one transaction, so a shop moves across without
//! replaying its history.

use super::{Backend, Store};
use sqlx::Row;

/// The tables, parents before the rows that refer to them.
const TABLES: &[&str] = &[
    "programs",
    "customers",
    "ledger_entries",
    "orders",
    "order_refunds",
    "order_purchases",
    "webhook_events",
    "redemptions",
    "pending_actions",
    "referrals",
    "idempotency_keys",
    "admin_sessions",
    "guest_orders",
    "referral_shares",
    "clock",
    "demo_orders",
    "platform_sync",
    "platform_orders",
    "platform_refunds_waiting",
    "event_settings",
    "event_endpoints",
    "events",
    "event_deliveries",
    "mail_settings",
    "mail_templates",
    "mail_consent",
    "mail_items",
    "mail_log",
];

/// Tables whose migrations put a row in: the source's rows replace it.
const SEEDED: &[&str] = &["clock", "event_settings", "mail_settings"];

/// Copies every table of `from` (SQLite) into `to` (PostgreSQL, empty);
/// the rows copied per table.
pub async fn copy(from: &Store, to: &Store) -> Result<Vec<(&'static str, u64)>, String> {
    if from.backend() != Backend::Sqlite || to.backend() != Backend::Postgres {
        return Err("--from must be a sqlite:// database and --to a postgres:// one".into());
    }
    let mut source = from.read().await.map_err(|error| error.to_string())?;
    let mut target = to.write().await.map_err(|error| error.to_string())?;
    for table in TABLES.iter().filter(|table| !SEEDED.contains(table)) {
        let rows: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&mut *target)
            .await
            .map_err(|error| error.to_string())?;
        if rows > 0 {
            return Err(format!("the target database is not empty: {table} has {rows} rows"));
        }
    }
    for table in SEEDED {
        sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *target).await.map_err(|error| error.to_string())?;
    }
    let mut copied = Vec::new();
    for table in TABLES {
        let columns: Vec<(String, String)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind(*table)
        .fetch_all(&mut *target)
        .await
        .map_err(|error| error.to_string())?;
        let names: Vec<&str> = columns.iter().map(|(name, _)| name.as_str()).collect();
        let placeholders: Vec<String> = (1..=names.len()).map(|n| format!("${n}")).collect();
        // A key still claimed by a request in flight belongs to a stopped host.
        let filter = if *table == "idempotency_keys" { " WHERE status IS NOT NULL" } else { "" };
        let select = format!("SELECT {} FROM {table}{filter}", names.join(", "));
        let insert = format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), placeholders.join(", "));
        let rows = sqlx::query(&select).fetch_all(&mut *source).await.map_err(|error| format!("{table}: {error}"))?;
        for row in &rows {
            let mut query = sqlx::query(&insert);
            for (index, (_, kind)) in columns.iter().enumerate() {
                query = if kind == "bigint" || kind == "integer" {
                    query.bind(row.try_get::<Option<i64>, _>(index).map_err(|error| format!("{table}: {error}"))?)
                } else {
                    query.bind(row.try_get::<Option<String>, _>(index).map_err(|error| format!("{table}: {error}"))?)
                };
            }
            query.execute(&mut *target).await.map_err(|error| format!("{table}: {error}"))?;
        }
        copied.push((*table, rows.len() as u64));
    }
    target.commit().await.map_err(|error| error.to_string())?;
    Ok(copied)
}
