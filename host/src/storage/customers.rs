//! Members and the referrals between them.

use super::Conn;
use treu::engine::referral::ReferralCode;

/// A member as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CustomerRow {
    pub id: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub referral_code: String,
}

/// What a caller knows about a member; `None` fields leave the stored value.
#[derive(Default, Clone, Debug)]
pub struct Known<'a> {
    pub email: Option<&'a str>,
    pub name: Option<&'a str>,
    pub address: Option<&'a str>,
}

pub async fn customer(conn: &mut Conn, id: &str) -> Result<Option<CustomerRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM customers WHERE id = $1").bind(id).fetch_optional(conn).await
}

pub async fn by_referral_code(conn: &mut Conn, code: &str) -> Result<Option<CustomerRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM customers WHERE referral_code = $1").bind(code).fetch_optional(conn).await
}

/// The member `id`, created on first sight with a fresh referral code; updates
/// what `known` says.
pub async fn ensure(conn: &mut Conn, id: &str, known: Known<'_>, at: i64) -> Result<CustomerRow, sqlx::Error> {
    let updates = known.email.is_some() || known.name.is_some() || known.address.is_some();
    match customer(conn, id).await? {
        Some(row) if !updates => return Ok(row),
        Some(_) => {}
        None => {
            let code = ReferralCode::generate(random_bytes());
            sqlx::query("INSERT INTO customers (id, referral_code, created_at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(code.as_str())
                .bind(at)
                .execute(&mut *conn)
                .await?;
        }
    }
    if updates {
        sqlx::query(
            "UPDATE customers SET email = COALESCE($1, email), name = COALESCE($2, name), \
             address = COALESCE($3, address) WHERE id = $4",
        )
        .bind(known.email)
        .bind(known.name)
        .bind(known.address)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    customer(conn, id).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Nine bytes from the operating system's secure random source.
fn random_bytes() -> [u8; 9] {
    let mut bytes = [0_u8; 9];
    // The OS source failing is not recoverable; without it codes would be guessable.
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes
}

/// A friend's referral as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ReferralRow {
    pub advocate_id: String,
    pub claimed_at: i64,
    pub status: String,
    pub order_id: Option<String>,
}

pub async fn referral_of(conn: &mut Conn, friend: &str) -> Result<Option<ReferralRow>, sqlx::Error> {
    sqlx::query_as("SELECT * FROM referrals WHERE friend_id = $1").bind(friend).fetch_optional(conn).await
}

pub async fn insert_referral(conn: &mut Conn, friend: &str, advocate: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO referrals (friend_id, advocate_id, claimed_at, status) VALUES ($1, $2, $3, 'claimed')")
        .bind(friend)
        .bind(advocate)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn settle_referral(
    conn: &mut Conn,
    friend: &str,
    status: &str,
    order: &str,
    refusal: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE referrals SET status = $1, order_id = $2, refusal = $3 WHERE friend_id = $4")
        .bind(status)
        .bind(order)
        .bind(refusal)
        .bind(friend)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many friends `advocate` referred, by status.
pub async fn referral_counts(conn: &mut Conn, advocate: &str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT status, COUNT(*) FROM referrals WHERE advocate_id = $1 GROUP BY status ORDER BY status")
        .bind(advocate)
        .fetch_all(conn)
        .await
}

/// A new discount code: `TREU-` and an unguessable code with a check character.
pub fn discount_code() -> String {
    format!("TREU-{}", ReferralCode::generate(random_bytes()).grouped())
}

/// A member in the dashboard's list: who, since when, and when last active
/// (their newest ledger entry or order, or enrolment).
#[derive(Clone, Debug)]
pub struct Listing {
    pub id: String,
    pub created_at: i64,
    pub last_active: i64,
}

/// Up to `limit` members whose id, email or name contains `text` (case
/// ignored, in any script), or all with `None`; the most recently active first.
pub async fn search(conn: &mut Conn, text: Option<&str>, limit: usize) -> Result<Vec<Listing>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        email: Option<String>,
        name: Option<String>,
        created_at: i64,
        last_entry: Option<i64>,
        last_order: Option<i64>,
    }
    let mut rows: Vec<Row> = sqlx::query_as(
        "SELECT c.id, c.email, c.name, c.created_at, \
           (SELECT MAX(l.at) FROM ledger_entries l WHERE l.customer_id = c.id) AS last_entry, \
           (SELECT MAX(o.placed_at) FROM orders o WHERE o.customer_id = c.id) AS last_order \
         FROM customers c",
    )
    .fetch_all(conn)
    .await?;
    let last_active = |row: &Row| row.created_at.max(row.last_entry.unwrap_or(0)).max(row.last_order.unwrap_or(0));
    rows.sort_by(|a, b| last_active(b).cmp(&last_active(a)).then_with(|| a.id.cmp(&b.id)));
    // Matched here rather than with SQL's lower(), which folds ASCII only:
    // "öz" must find "Öztürk".
    let needle = text.map(str::to_lowercase);
    let matches =
        |field: &Option<String>, needle: &str| field.as_ref().is_some_and(|f| f.to_lowercase().contains(needle));
    Ok(rows
        .into_iter()
        .filter(|row| match &needle {
            None => true,
            Some(needle) => {
                row.id.to_lowercase().contains(needle) || matches(&row.email, needle) || matches(&row.name, needle)
            }
        })
        .take(limit)
        .map(|row| Listing { last_active: last_active(&row), id: row.id, created_at: row.created_at })
        .collect())
}

/// When `id` was enrolled (Unix seconds).
pub async fn joined_at(conn: &mut Conn, id: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT created_at FROM customers WHERE id = $1").bind(id).fetch_optional(conn).await
}

/// The member with the most ledger entries (the preview's default sample).
pub async fn busiest(conn: &mut Conn) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT customer_id FROM ledger_entries GROUP BY customer_id ORDER BY COUNT(*) DESC, customer_id LIMIT 1",
    )
    .fetch_optional(conn)
    .await
}
