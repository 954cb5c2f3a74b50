//! The SQL of e-mails (docs/mail.md): settings, templates, consent, the
//! events waiting to be mailed and the delivery log.

use super::Conn;

/// The shop's mail settings as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SettingsRow {
    pub shop_name: String,
    pub default_language: String,
    pub timezone: String,
    pub quiet_start: i64,
    pub quiet_end: i64,
    pub secret: Option<String>,
}

pub async fn settings(conn: &mut Conn) -> Result<SettingsRow, sqlx::Error> {
    sqlx::query_as(
        "SELECT shop_name, default_language, timezone, quiet_start, quiet_end, secret FROM mail_settings WHERE id = 1",
    )
    .fetch_one(conn)
    .await
}

pub async fn save_settings(conn: &mut Conn, row: &SettingsRow, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_settings SET shop_name = $1, default_language = $2, timezone = $3, quiet_start = $4, \
         quiet_end = $5, updated_at = $6 WHERE id = 1",
    )
    .bind(&row.shop_name)
    .bind(&row.default_language)
    .bind(&row.timezone)
    .bind(row.quiet_start)
    .bind(row.quiet_end)
    .bind(at)
    .execute(conn)
    .await
    .map(drop)
}

/// Keeps `secret` unless a secret was kept before (two hosts racing keep the first).
pub async fn keep_secret(conn: &mut Conn, secret: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE mail_settings SET secret = $1 WHERE id = 1 AND secret IS NULL")
        .bind(secret)
        .execute(conn)
        .await
        .map(drop)
}

/// A merchant's template.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct TemplateRow {
    pub kind: String,
    pub language: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub updated_at: i64,
}

pub async fn templates(conn: &mut Conn) -> Result<Vec<TemplateRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM mail_templates ORDER BY kind, language").fetch_all(conn).await
}

pub async fn save_template(conn: &mut Conn, row: &TemplateRow) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM mail_templates WHERE kind = $1 AND language = $2")
        .bind(&row.kind)
        .bind(&row.language)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO mail_templates (kind, language, subject, text_body, html_body, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&row.kind)
    .bind(&row.language)
    .bind(&row.subject)
    .bind(&row.text_body)
    .bind(&row.html_body)
    .bind(row.updated_at)
    .execute(conn)
    .await
    .map(drop)
}

/// Removes the merchant's template of `kind` in `language`; true if there was one.
pub async fn delete_template(conn: &mut Conn, kind: &str, language: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM mail_templates WHERE kind = $1 AND language = $2")
        .bind(kind)
        .bind(language)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// A customer's marketing consent as stored.
#[derive(Clone, Debug, Default, sqlx::FromRow)]
pub struct ConsentRow {
    pub customer_id: String,
    pub status: String,
    pub requested_at: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub unsubscribed_at: Option<i64>,
    pub source: String,
    pub updated_at: i64,
}

pub async fn consent(conn: &mut Conn, customer: &str) -> Result<Option<ConsentRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM mail_consent WHERE customer_id = $1").bind(customer).fetch_optional(conn).await
}

pub async fn save_consent(conn: &mut Conn, row: &ConsentRow) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM mail_consent WHERE customer_id = $1").bind(&row.customer_id).execute(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO mail_consent (customer_id, status, requested_at, confirmed_at, unsubscribed_at, source, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&row.customer_id)
    .bind(&row.status)
    .bind(row.requested_at)
    .bind(row.confirmed_at)
    .bind(row.unsubscribed_at)
    .bind(&row.source)
    .bind(row.updated_at)
    .execute(conn)
    .await
    .map(drop)
}

pub async fn set_locale(conn: &mut Conn, customer: &str, language: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE customers SET locale = $1 WHERE id = $2")
        .bind(language)
        .bind(customer)
        .execute(conn)
        .await
        .map(drop)
}

pub async fn locale(conn: &mut Conn, customer: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT locale FROM customers WHERE id = $1").bind(customer).fetch_optional(conn).await?;
    Ok(row.and_then(|(locale,)| locale))
}

/// Events of `kinds` not yet taken in: (id, type, customer, occurred_at).
pub async fn new_events(conn: &mut Conn, kinds: &[&str]) -> Result<Vec<(String, String, String, i64)>, sqlx::Error> {
    let placeholders: Vec<String> = (1..=kinds.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT e.id, e.type, e.customer_id, e.occurred_at FROM events e LEFT JOIN mail_items m ON m.event_id = e.id \
         WHERE m.event_id IS NULL AND e.type IN ({}) ORDER BY e.created_at",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for kind in kinds {
        query = query.bind(*kind);
    }
    query.fetch_all(conn).await
}

/// Takes event `id` in with `status` (pending, or skipped when stale); false if it was taken in before.
pub async fn take_in(
    conn: &mut Conn,
    id: &str,
    kind: &str,
    customer: &str,
    status: &str,
    due_at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO mail_items (event_id, customer_id, kind, status, due_at, attempts) VALUES ($1, $2, $3, $4, $5, 0) \
         ON CONFLICT (event_id) DO NOTHING",
    )
    .bind(id)
    .bind(customer)
    .bind(kind)
    .bind(status)
    .bind(due_at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The customers with a pending item due at `now`.
pub async fn due_customers(conn: &mut Conn, now: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT customer_id FROM mail_items WHERE status = 'pending' AND due_at <= $1 ORDER BY customer_id",
    )
    .bind(now)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// A customer's pending items, oldest first: (event id, kind, attempts).
pub async fn pending(conn: &mut Conn, customer: &str) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.event_id, m.kind, m.attempts FROM mail_items m JOIN events e ON e.id = m.event_id \
         WHERE m.customer_id = $1 AND m.status = 'pending' ORDER BY e.occurred_at, e.created_at",
    )
    .bind(customer)
    .fetch_all(conn)
    .await
}

/// Settles or reschedules the pending items of `customer`: `status`, due at `due_at`, after `attempts`.
pub async fn settle(
    conn: &mut Conn,
    customer: &str,
    ids: &[String],
    status: &str,
    due_at: i64,
    attempts: i64,
    mail_id: Option<&str>,
) -> Result<(), sqlx::Error> {
    for id in ids {
        sqlx::query(
            "UPDATE mail_items SET status = $1, due_at = $2, attempts = $3, mail_id = $4 \
             WHERE event_id = $5 AND customer_id = $6 AND status = 'pending'",
        )
        .bind(status)
        .bind(due_at)
        .bind(attempts)
        .bind(mail_id)
        .bind(id)
        .bind(customer)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An entry of the delivery log.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct LogRow {
    pub id: String,
    pub customer_id: String,
    pub recipient: Option<String>,
    pub kind: String,
    pub subject: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub events: String,
    pub at: i64,
    pub created_at: i64,
}

pub async fn log(conn: &mut Conn, row: &LogRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_log (id, customer_id, recipient, kind, subject, status, reason, events, at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&row.id)
    .bind(&row.customer_id)
    .bind(&row.recipient)
    .bind(&row.kind)
    .bind(&row.subject)
    .bind(&row.status)
    .bind(&row.reason)
    .bind(&row.events)
    .bind(row.at)
    .bind(row.created_at)
    .execute(conn)
    .await
    .map(drop)
}

/// The log, newest first, before `before` (real milliseconds), for `customer` if given.
pub async fn log_page(
    conn: &mut Conn,
    customer: Option<&str>,
    before: i64,
    limit: i64,
) -> Result<Vec<LogRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT * FROM mail_log WHERE created_at < $1 AND ($2 = '' OR customer_id = $3) \
         ORDER BY created_at DESC, id DESC LIMIT $4",
    )
    .bind(before)
    .bind(customer.unwrap_or(""))
    .bind(customer.unwrap_or(""))
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// When the last marketing mail went to `customer` (host clock), if ever.
pub async fn last_sent(conn: &mut Conn, customer: &str) -> Result<Option<i64>, sqlx::Error> {
    let row: (Option<i64>,) = sqlx::query_as(
        "SELECT MAX(at) FROM mail_log WHERE customer_id = $1 AND status = 'sent' AND kind <> 'consent.confirm'",
    )
    .bind(customer)
    .fetch_one(conn)
    .await?;
    Ok(row.0)
}
