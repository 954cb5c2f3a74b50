//! The reports' data: stored rows turned into the engine's report inputs.
//! The figures themselves are the engine's (`metrics`, `reports`).

use crate::problem::Problem;
use crate::storage::{guest_orders, ledger, orders, reports, Conn};
use std::collections::BTreeMap;
use treu::engine::error::InputError;
use treu::engine::metrics::CustomerHistory;
use treu::engine::money::Currency;
use treu::engine::reports::{Member, OverviewInput, Referral, Sale};
use treu::engine::time::{Date, Timestamp};

/// `from` and `to` of a report query, both required, `to` not before `from`.
pub fn period(from: Option<&str>, to: Option<&str>) -> Result<(Date, Date), Problem> {
    let mut errors = InputError::default();
    let mut date = |name: &str, value: Option<&str>| match value.map(Date::parse) {
        Some(Ok(date)) => Some(date),
        Some(Err(reason)) => {
            errors.push(name, reason);
            None
        }
        None => {
            errors.push(name, "is required, as YYYY-MM-DD");
            None
        }
    };
    let (from, to) = (date("from", from), date("to", to));
    if let (Some(from), Some(to)) = (from, to) {
        errors.require(from <= to, || "to".into(), "must not be before from");
    }
    errors.or_ok(())?;
    match (from, to) {
        (Some(from), Some(to)) => Ok((from, to)),
        _ => Err(Problem::invalid("from", "is required")),
    }
}

/// Each member's history: the instants of their orders (cancelled ones left
/// out) and their ledger entries, keyed by customer id.
pub async fn histories(conn: &mut Conn) -> Result<BTreeMap<String, CustomerHistory>, Problem> {
    let mut histories: BTreeMap<String, CustomerHistory> = BTreeMap::new();
    for order in orders::all_orders(conn).await?.into_iter().filter(|order| order.status != "cancelled") {
        if let Some(placed_at) = Timestamp::from_unix(order.placed_at) {
            histories.entry(order.customer_id).or_default().orders.push(placed_at);
        }
    }
    for (customer, entry) in ledger::all_entries(conn).await? {
        histories.entry(customer).or_default().entries.push(entry);
    }
    Ok(histories)
}

fn sale(placed_at: i64, currency: &str, total: i64, refunded: i64, status: &str) -> Option<Sale> {
    Some(Sale {
        placed_at: Timestamp::from_unix(placed_at)?,
        currency: Currency::parse(currency).ok()?,
        total,
        refunded,
        cancelled: status == "cancelled",
    })
}

/// Everything the overview report reads.
pub async fn overview_input(conn: &mut Conn) -> Result<OverviewInput, Problem> {
    let mut histories = histories(conn).await?;
    let members = reports::members(conn)
        .await?
        .into_iter()
        .map(|(id, joined_at)| Member {
            joined_at: Timestamp::from_unix(joined_at),
            history: histories.remove(&id).unwrap_or_default(),
        })
        .collect();
    let member_sales = orders::all_orders(conn)
        .await?
        .iter()
        .filter_map(|order| sale(order.placed_at, &order.currency, order.total, order.refunded, &order.status))
        .collect();
    let guest_sales = guest_orders::all(conn)
        .await?
        .iter()
        .filter_map(|order| sale(order.placed_at, &order.currency, order.total, order.refunded, &order.status))
        .collect();
    let referrals = reports::referrals(conn)
        .await?
        .into_iter()
        .filter_map(|(claimed_at, status, ordered_at)| {
            Some(Referral {
                claimed_at: Timestamp::from_unix(claimed_at)?,
                first_order_at: ordered_at.and_then(Timestamp::from_unix),
                rewarded: status == "converted",
            })
        })
        .collect();
    let shares = reports::shares(conn)
        .await?
        .into_iter()
        .filter_map(|(customer, at)| Some((customer, Timestamp::from_unix(at)?)))
        .collect();
    Ok(OverviewInput { members, member_sales, guest_sales, referrals, shares })
}
