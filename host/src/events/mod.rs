//! Outbound events: facts about a member that an e-mail or SMS tool acts on
//! (docs/events.md). Each is written to the outbox in the transaction of the
//! change that caused it ([`changes`]) or by the scan that notices time
//! passing ([`scan`]), and a worker sends it, signed, to every endpoint that
//! takes its type ([`delivery`]).

pub mod changes;
pub mod delivery;
pub mod scan;

use crate::storage::customers::CustomerRow;
use crate::storage::events::{self as stored, EventRow};
use crate::storage::{to_json, Conn};
use serde_json::{json, Value};
use treu::engine::ledger::Balance;
use treu::engine::time::Timestamp;

/// Every event type, as named in the body's `type` and in endpoint settings.
pub const TYPES: &[&str] = &[
    POINTS_EARNED,
    POINTS_EXPIRING,
    REWARD_AVAILABLE,
    CODE_EXPIRING,
    TIER_CHANGED,
    CUSTOMER_LAPSED,
    CUSTOMER_WON_BACK,
    REFERRAL_REWARDED,
];

pub const POINTS_EARNED: &str = "points.earned";
pub const POINTS_EXPIRING: &str = "points.expiring";
pub const REWARD_AVAILABLE: &str = "reward.available";
pub const CODE_EXPIRING: &str = "code.expiring";
pub const TIER_CHANGED: &str = "tier.changed";
pub const CUSTOMER_LAPSED: &str = "customer.lapsed";
pub const CUSTOMER_WON_BACK: &str = "customer.wonBack";
pub const REFERRAL_REWARDED: &str = "referral.rewarded";

/// A fact to announce: its type, the member, what makes it one fact (the
/// dedupe key: the same key twice is one event), when it happened and its
/// type's fields.
pub struct Fact<'a> {
    pub kind: &'static str,
    pub customer: &'a CustomerRow,
    pub dedupe_key: String,
    pub occurred_at: Timestamp,
    pub data: Value,
}

/// Writes `fact` to the outbox and queues it for every enabled endpoint that
/// takes its type, unless its dedupe key was recorded before. Runs inside the
/// caller's transaction, so the event exists exactly when the change does.
/// True if it was new.
pub async fn record(conn: &mut Conn, fact: Fact<'_>) -> Result<bool, sqlx::Error> {
    let id = new_id("evt");
    let body = json!({
        "id": id,
        "type": fact.kind,
        "occurredAt": fact.occurred_at,
        "customer": { "id": fact.customer.id, "email": fact.customer.email, "name": fact.customer.name },
        "data": fact.data,
    });
    let row = EventRow {
        id,
        kind: fact.kind.to_owned(),
        customer_id: fact.customer.id.clone(),
        dedupe_key: fact.dedupe_key,
        occurred_at: fact.occurred_at.unix(),
        created_at: now_ms(),
        body: to_json(&body)?,
    };
    if !stored::insert_event(conn, &row).await? {
        return Ok(false);
    }
    queue_for_endpoints(conn, &row.id, &row.kind).await?;
    Ok(true)
}

/// Queues event `id` of type `kind` for every enabled endpoint that takes it;
/// how many were queued.
pub async fn queue_for_endpoints(conn: &mut Conn, id: &str, kind: &str) -> Result<usize, sqlx::Error> {
    let mut queued = 0;
    for endpoint in stored::endpoints(conn).await? {
        if endpoint.enabled && endpoint.types.iter().any(|taken| taken == kind) {
            stored::queue(conn, &new_id("dlv"), id, &endpoint, now_ms()).await?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// A balance as events carry it.
pub fn balance_data(balance: Balance) -> Value {
    json!({ "available": balance.available, "pending": balance.pending, "total": balance.total })
}

/// `prefix_` and 16 random bytes in hex: unguessable, unique without coordination between hosts.
pub fn new_id(prefix: &str) -> String {
    let mut bytes = [0_u8; 16];
    // The OS source failing is not recoverable; ids must not collide across hosts.
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    format!("{prefix}_{}", hex::encode(bytes))
}

/// Real time in Unix milliseconds: delivery timing and the log's order
/// follow the receivers' clocks, not the host's movable one.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}
