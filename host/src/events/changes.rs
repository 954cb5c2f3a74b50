//! The events a write causes, found by comparing a member's account as the
//! transaction loaded it with the account as the transaction leaves it:
//! `points.earned`, `reward.available` (with the member's running offers),
//! `tier.changed`, `customer.wonBack` and `referral.rewarded`. Called once per member at the end of each
//! mutation, inside its transaction, so an event exists exactly when its
//! change was committed.

use super::{balance_data, record, Fact};
use crate::account::Account;
use crate::problem::Problem;
use crate::storage::{events as stored, Conn};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use treu::engine::ledger::Change;
use treu::engine::lifecycle::Stage;
use treu::engine::program::Program;
use treu::engine::tiers::{CurrentTier, TierRules};
use treu::engine::time::Timestamp;

/// Records the events of what this transaction did to `account`'s member,
/// under `program` at `now`. `account` is the one the writes went through.
pub async fn record_changes(
    conn: &mut Conn,
    program: &Program,
    account: &Account,
    now: Timestamp,
) -> Result<(), Problem> {
    let before = account.as_loaded()?;
    // Read again: the orders and entries the transaction stored, whichever
    // copy of the account they were made through.
    let Some(after) = Account::find(conn, &account.customer.id).await? else { return Ok(()) };
    let seen = before.ledger.entries().len();
    let Some(new_entries) = after.ledger.entries().get(seen..) else { return Ok(()) };
    let last_seq = after.ledger.entries().last().map_or(0, |entry| entry.seq);
    let customer = &after.customer;
    let balance = after.ledger.balance(now);

    let earns: Vec<_> = new_entries
        .iter()
        .filter_map(|entry| match &entry.change {
            Change::Earn { order, rule, points, available_at, expires_at } if *points > 0 => {
                Some((entry.seq, order, rule, *points, *available_at, *expires_at))
            }
            _ => None,
        })
        .collect();
    if let Some((first_seq, ..)) = earns.first() {
        let order = earns.iter().find_map(|(_, order, ..)| (*order).clone());
        let rules: Vec<&String> = earns.iter().map(|(_, _, rule, ..)| *rule).collect();
        let action = rules.iter().find_map(|rule| rule.strip_prefix("action:"));
        let data = json!({
            "points": earns.iter().map(|(_, _, _, points, ..)| points).sum::<i64>(),
            "reason": if action.is_some() { "action" } else if order.is_some() { "order" } else { "other" },
            "action": action,
            "orderId": order,
            "rules": rules,
            "availableAt": earns.iter().map(|(_, _, _, _, at, _)| *at).max(),
            "expiresAt": earns.iter().filter_map(|(.., expires)| *expires).min(),
            "balance": balance_data(balance),
        });
        let key = format!("points.earned:{}:{first_seq}", customer.id);
        record(conn, Fact { kind: super::POINTS_EARNED, customer, dedupe_key: key, occurred_at: now, data }).await?;
    }

    for (seq, order, rule, points, ..) in &earns {
        let Some(order) = order.as_deref().filter(|_| *rule == "action:referral") else { continue };
        let friend = stored::referred_friend(conn, order).await?;
        let data = json!({ "points": points, "friendId": friend, "orderId": order, "balance": balance_data(balance) });
        let key = format!("referral.rewarded:{}:{seq}", customer.id);
        record(conn, Fact { kind: super::REFERRAL_REWARDED, customer, dedupe_key: key, occurred_at: now, data })
            .await?;
    }

    let affordable_before = affordable(program, before.ledger.balance(now).available);
    let newly: Vec<Value> = program
        .redemptions
        .iter()
        .filter(|option| {
            affordable(program, balance.available).contains(&option.id) && !affordable_before.contains(&option.id)
        })
        .map(|option| json!({ "id": option.id, "name": option.name, "kind": option.kind, "points": option.cost() }))
        .collect();
    if !newly.is_empty() {
        let offers = crate::offers::of(program, &after, now);
        let data = json!({ "rewards": newly, "balance": balance_data(balance), "offers": offers });
        let key = format!("reward.available:{}:{last_seq}", customer.id);
        record(conn, Fact { kind: super::REWARD_AVAILABLE, customer, dedupe_key: key, occurred_at: now, data }).await?;
    }

    let orders_before = before.past_orders();
    let orders_after = after.past_orders();
    if let Some(tiers) = &program.tiers {
        let from = tiers.status(&orders_before, now).current;
        let to = tiers.status(&orders_after, now).current;
        if let Some(data) = tier_changed(tiers, from.as_ref(), to.as_ref()) {
            let key = tier_key(&customer.id, last_seq, to.as_ref());
            record(conn, Fact { kind: super::TIER_CHANGED, customer, dedupe_key: key, occurred_at: now, data }).await?;
        }
    }

    if program.lifecycle.stage(&orders_before, now) == Stage::Lapsed {
        let known: BTreeSet<&str> = orders_before.iter().map(|order| order.id.as_str()).collect();
        let last_before = orders_before.iter().map(|order| order.placed_at).max();
        if let (Some(order), Some(last_before)) =
            (orders_after.iter().find(|order| !known.contains(order.id.as_str())), last_before)
        {
            let data = json!({
                "orderId": order.id,
                "previousOrderAt": last_before,
                "daysAway": order.placed_at.days_since(last_before),
            });
            let key = format!("customer.wonBack:{}:{}", customer.id, order.id);
            record(conn, Fact { kind: super::CUSTOMER_WON_BACK, customer, dedupe_key: key, occurred_at: now, data })
                .await?;
        }
    }
    Ok(())
}

/// The ids of the rewards a member with `available` points can redeem.
fn affordable(program: &Program, available: i64) -> BTreeSet<String> {
    program.redemptions.iter().filter(|option| option.cost() <= available).map(|option| option.id.clone()).collect()
}

/// The data of a `tier.changed` from `from` to `to`, or `None` when the tier is the same.
pub(super) fn tier_changed(tiers: &TierRules, from: Option<&CurrentTier>, to: Option<&CurrentTier>) -> Option<Value> {
    let id = |tier: Option<&CurrentTier>| tier.map(|tier| tier.id.clone());
    if id(from) == id(to) {
        return None;
    }
    let rank = |tier: Option<&CurrentTier>| {
        tier.and_then(|tier| tiers.levels.iter().position(|level| level.id == tier.id)).map_or(-1, |i| i as i64)
    };
    let direction = if rank(to) > rank(from) { "up" } else { "down" };
    let view = |tier: Option<&CurrentTier>| {
        tier.map(|tier| json!({ "id": tier.id, "name": tier.name, "earnPercent": tier.earn_percent }))
    };
    Some(json!({ "from": view(from), "to": view(to), "direction": direction }))
}

/// What makes a `tier.changed` one fact: the member, their ledger as of the
/// change (its last entry) and the tier reached, so that a write and the scan,
/// or two hosts' scans, noticing the same change make one event.
pub(super) fn tier_key(customer: &str, last_seq: u64, to: Option<&CurrentTier>) -> String {
    format!("tier.changed:{customer}:{last_seq}:{}", to.map_or("", |tier| tier.id.as_str()))
}
