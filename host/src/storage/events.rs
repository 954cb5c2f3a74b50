//! The outbox of outbound events, the merchant's endpoints and the deliveries
//! (tables in `migrations/*/0006_events.sql`; the rules in `events/`).

use super::{from_json, to_json, Conn};

/// The merchant's settings for time-driven events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventSettings {
    /// `points.expiring` fires this many days before a lot expires.
    pub points_expiring_days: i64,
    /// `code.expiring` fires this many days before a discount code expires.
    pub code_expiring_days: i64,
}

pub async fn settings(conn: &mut Conn) -> Result<EventSettings, sqlx::Error> {
    let (points_expiring_days, code_expiring_days): (i64, i64) =
        sqlx::query_as("SELECT points_expiring_days, code_expiring_days FROM event_settings WHERE id = 1")
            .fetch_one(conn)
            .await?;
    Ok(EventSettings { points_expiring_days, code_expiring_days })
}

pub async fn set_settings(conn: &mut Conn, settings: EventSettings, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE event_settings SET points_expiring_days = $1, code_expiring_days = $2, updated_at = $3 WHERE id = 1",
    )
    .bind(settings.points_expiring_days)
    .bind(settings.code_expiring_days)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// An endpoint as stored.
#[derive(Clone, Debug)]
pub struct EndpointRow {
    pub id: String,
    pub url: String,
    pub types: Vec<String>,
    pub description: String,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_until: Option<i64>,
    pub enabled: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

type EndpointTuple = (String, String, String, String, String, Option<String>, Option<i64>, i64, i64, i64);

const ENDPOINT_COLUMNS: &str =
    "id, url, types, description, secret, previous_secret, previous_until, enabled, created_at, updated_at";

fn endpoint_row(row: EndpointTuple) -> Result<EndpointRow, sqlx::Error> {
    let (id, url, types, description, secret, previous_secret, previous_until, enabled, created_at, updated_at) = row;
    Ok(EndpointRow {
        id,
        url,
        types: from_json(&types)?,
        description,
        secret,
        previous_secret,
        previous_until,
        enabled: enabled != 0,
        created_at,
        updated_at,
    })
}

/// Every endpoint, oldest first.
pub async fn endpoints(conn: &mut Conn) -> Result<Vec<EndpointRow>, sqlx::Error> {
    let rows: Vec<EndpointTuple> =
        sqlx::query_as(&format!("SELECT {ENDPOINT_COLUMNS} FROM event_endpoints ORDER BY created_at, id"))
            .fetch_all(conn)
            .await?;
    rows.into_iter().map(endpoint_row).collect()
}

pub async fn endpoint(conn: &mut Conn, id: &str) -> Result<Option<EndpointRow>, sqlx::Error> {
    let row: Option<EndpointTuple> =
        sqlx::query_as(&format!("SELECT {ENDPOINT_COLUMNS} FROM event_endpoints WHERE id = $1"))
            .bind(id)
            .fetch_optional(conn)
            .await?;
    row.map(endpoint_row).transpose()
}

pub async fn insert_endpoint(conn: &mut Conn, row: &EndpointRow) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO event_endpoints ({ENDPOINT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(&row.id)
    .bind(&row.url)
    .bind(to_json(&row.types)?)
    .bind(&row.description)
    .bind(&row.secret)
    .bind(&row.previous_secret)
    .bind(row.previous_until)
    .bind(i64::from(row.enabled))
    .bind(row.created_at)
    .bind(row.updated_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes every column of `row` but its id and creation time.
pub async fn update_endpoint(conn: &mut Conn, row: &EndpointRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE event_endpoints SET url = $2, types = $3, description = $4, secret = $5, previous_secret = $6, \
         previous_until = $7, enabled = $8, updated_at = $9 WHERE id = $1",
    )
    .bind(&row.id)
    .bind(&row.url)
    .bind(to_json(&row.types)?)
    .bind(&row.description)
    .bind(&row.secret)
    .bind(&row.previous_secret)
    .bind(row.previous_until)
    .bind(i64::from(row.enabled))
    .bind(row.updated_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes an endpoint; its pending deliveries fail with the reason, the log stays.
pub async fn delete_endpoint(conn: &mut Conn, id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE event_deliveries SET status = 'failed', last_error = 'the endpoint was deleted' \
         WHERE endpoint_id = $1 AND status = 'pending'",
    )
    .bind(id)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query("DELETE FROM event_endpoints WHERE id = $1").bind(id).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// An event as stored.
#[derive(Clone, Debug)]
pub struct EventRow {
    pub id: String,
    pub kind: String,
    pub customer_id: String,
    pub dedupe_key: String,
    pub occurred_at: i64,
    pub created_at: i64,
    pub body: String,
}

/// Adds `event` to the outbox unless an event with its dedupe key is there;
/// true if it was added.
pub async fn insert_event(conn: &mut Conn, event: &EventRow) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO events (id, type, customer_id, dedupe_key, occurred_at, created_at, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(&event.id)
    .bind(&event.kind)
    .bind(&event.customer_id)
    .bind(&event.dedupe_key)
    .bind(event.occurred_at)
    .bind(event.created_at)
    .bind(&event.body)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn event(conn: &mut Conn, id: &str) -> Result<Option<EventRow>, sqlx::Error> {
    let row: Option<(String, String, String, String, i64, i64, String)> = sqlx::query_as(
        "SELECT id, type, customer_id, dedupe_key, occurred_at, created_at, body FROM events WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id, kind, customer_id, dedupe_key, occurred_at, created_at, body)| EventRow {
        id,
        kind,
        customer_id,
        dedupe_key,
        occurred_at,
        created_at,
        body,
    }))
}

/// A page of the log, newest first: events created before `before` (unix
/// milliseconds), of `kind` and `customer` if given.
pub async fn recent_events(
    conn: &mut Conn,
    kind: Option<&str>,
    customer: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<EventRow>, sqlx::Error> {
    let rows: Vec<(String, String, String, String, i64, i64, String)> = sqlx::query_as(
        "SELECT id, type, customer_id, dedupe_key, occurred_at, created_at, body FROM events \
         WHERE ($1 IS NULL OR type = $1) AND ($2 IS NULL OR customer_id = $2) AND created_at < $3 \
         ORDER BY created_at DESC, id DESC LIMIT $4",
    )
    .bind(kind)
    .bind(customer)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, customer_id, dedupe_key, occurred_at, created_at, body)| EventRow {
            id,
            kind,
            customer_id,
            dedupe_key,
            occurred_at,
            created_at,
            body,
        })
        .collect())
}

/// One delivery of one event to one endpoint.
#[derive(Clone, Debug)]
pub struct DeliveryRow {
    pub id: String,
    pub event_id: String,
    pub endpoint_id: String,
    pub url: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub response_status: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
}

type DeliveryTuple = (String, String, String, String, String, i64, i64, Option<i64>, Option<String>, i64, Option<i64>);

const DELIVERY_COLUMNS: &str = "id, event_id, endpoint_id, url, status, attempts, next_attempt_at, response_status, \
                                last_error, created_at, delivered_at";

fn delivery_row(row: DeliveryTuple) -> DeliveryRow {
    let (
        id,
        event_id,
        endpoint_id,
        url,
        status,
        attempts,
        next_attempt_at,
        response_status,
        last_error,
        created_at,
        delivered_at,
    ) = row;
    DeliveryRow {
        id,
        event_id,
        endpoint_id,
        url,
        status,
        attempts,
        next_attempt_at,
        response_status,
        last_error,
        created_at,
        delivered_at,
    }
}

/// Queues `event_id` for `endpoint` (a new delivery row, due at once).
pub async fn queue(
    conn: &mut Conn,
    delivery_id: &str,
    event_id: &str,
    endpoint: &EndpointRow,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO event_deliveries (id, event_id, endpoint_id, url, status, attempts, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)",
    )
    .bind(delivery_id)
    .bind(event_id)
    .bind(&endpoint.id)
    .bind(&endpoint.url)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// The deliveries of the events `event_ids`, oldest first.
pub async fn deliveries_of(conn: &mut Conn, event_ids: &[String]) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    if event_ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=event_ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT {DELIVERY_COLUMNS} FROM event_deliveries WHERE event_id IN ({}) ORDER BY created_at, id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, DeliveryTuple>(&sql);
    for id in event_ids {
        query = query.bind(id);
    }
    Ok(query.fetch_all(conn).await?.into_iter().map(delivery_row).collect())
}

/// Up to `limit` deliveries due at `now_ms` that no worker holds.
pub async fn due(conn: &mut Conn, now_ms: i64, limit: i64) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    let rows: Vec<DeliveryTuple> = sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM event_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 \
         AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY next_attempt_at, id LIMIT $2"
    ))
    .bind(now_ms)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(delivery_row).collect())
}

/// Takes delivery `id` for one attempt until `until_ms`, if it is still due
/// and unheld: one conditional update, so of two workers (or two hosts) that
/// saw it due, exactly one gets it. True for the one that did.
pub async fn claim(conn: &mut Conn, id: &str, now_ms: i64, until_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE event_deliveries SET claimed_until = $3, attempts = attempts + 1 WHERE id = $1 \
         AND status = 'pending' AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until < $2)",
    )
    .bind(id)
    .bind(now_ms)
    .bind(until_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records an attempt's outcome: `status` `delivered`, `failed`, or
/// `pending` again at `next_attempt_at`; the claim is released.
pub async fn record_attempt(
    conn: &mut Conn,
    id: &str,
    status: &str,
    next_attempt_at: i64,
    response_status: Option<i64>,
    error: Option<&str>,
    delivered_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE event_deliveries SET status = $2, next_attempt_at = $3, response_status = $4, last_error = $5, \
         delivered_at = $6, claimed_until = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(next_attempt_at)
    .bind(response_status)
    .bind(error)
    .bind(delivered_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// What the time-driven scan reads about each member's orders: (customer,
/// paid orders, last order's placing instant).
pub async fn order_summaries(conn: &mut Conn) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT customer_id, COUNT(*), MAX(placed_at) FROM orders WHERE status <> 'cancelled' GROUP BY customer_id",
    )
    .fetch_all(conn)
    .await
}

/// The tier each member was last announced in, by their latest `tier.changed`
/// (`None`: announced as having left every tier); members never announced are absent.
pub async fn announced_tiers(conn: &mut Conn) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT customer_id, body FROM events WHERE type = 'tier.changed' \
         ORDER BY customer_id, occurred_at, created_at",
    )
    .fetch_all(conn)
    .await?;
    let mut latest: Vec<(String, Option<String>)> = Vec::new();
    for (customer, body) in rows {
        let body: serde_json::Value = super::from_json(&body)?;
        let tier = body["data"]["to"]["id"].as_str().map(str::to_owned);
        match latest.last_mut() {
            Some((last, announced)) if *last == customer => *announced = tier,
            _ => latest.push((customer, tier)),
        }
    }
    Ok(latest)
}

/// Members with lots that may expire: those with an earn or a positive adjustment.
pub async fn members_with_lots(conn: &mut Conn) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT customer_id FROM ledger_entries WHERE kind = 'earn' OR (kind = 'adjust' AND points > 0)",
    )
    .fetch_all(conn)
    .await
}

/// Issued discount codes expiring within (`now`, `until`], unix seconds:
/// (code, customer, option, points, body, expires_at).
pub async fn codes_expiring(
    conn: &mut Conn,
    now: i64,
    until: i64,
) -> Result<Vec<(String, String, String, i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT code, customer_id, option_id, points, body, expires_at FROM redemptions \
         WHERE status = 'issued' AND expires_at > $1 AND expires_at <= $2",
    )
    .bind(now)
    .bind(until)
    .fetch_all(conn)
    .await
}

/// The friend whose first order `order_id` was.
pub async fn referred_friend(conn: &mut Conn, order_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT friend_id FROM referrals WHERE order_id = $1 AND status = 'converted'")
        .bind(order_id)
        .fetch_optional(conn)
        .await
}

/// Whether an event with `dedupe_key` was recorded.
pub async fn event_exists(conn: &mut Conn, dedupe_key: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM events WHERE dedupe_key = $1").bind(dedupe_key).fetch_optional(conn).await?;
    Ok(found.is_some())
}
