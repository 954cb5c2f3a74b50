//! What a member sees, built from their account and the program: the body of
//! `GET /v1/me`, for the program in force or for a draft in the dashboard's
//! preview. [`member_data`] reads what it shows; [`member_view`] is pure.

use crate::account::Account;
use crate::problem::Problem;
use crate::storage::rewards::RedemptionRow;
use crate::storage::{customers, rewards, Conn};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use treu::engine::actions::{award_action, Cap};
use treu::engine::ledger::Balance;
use treu::engine::lifecycle::{Stage, WinBack};
use treu::engine::program::Program;
use treu::engine::referral::ReferralCode;
use treu::engine::time::Timestamp;

/// The member's balance with its parts, as `GET /v1/me` shows it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BalanceView {
    #[serde(flatten)]
    pub balance: Balance,
    /// True when a clawback took the available points below zero.
    pub negative: bool,
}

impl From<Balance> for BalanceView {
    fn from(balance: Balance) -> BalanceView {
        BalanceView { balance, negative: balance.is_negative() }
    }
}

/// A page of the member's history.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryPage {
    /// Entries per page, 1 to 100 (default 20).
    pub limit: Option<u32>,
    /// Only entries before this sequence number (the previous page's `nextBefore`).
    pub before: Option<u64>,
}

/// Everything stored about a member that their view shows.
pub struct MemberData {
    pub account: Account,
    /// Discount codes still issued.
    pub issued: Vec<RedemptionRow>,
    /// Pending actions as (id, action, reference, created_at).
    pub pending: Vec<(String, String, Option<String>, i64)>,
    /// Friends referred, by status.
    pub referred: Vec<(String, i64)>,
    /// The win-back code of the current absence, if one was issued.
    pub win_back_code: Option<RedemptionRow>,
}

/// The win-back offer `program` makes to the member at `now`, with the
/// instant of their last order (codes are one per absence): only lapsed
/// members get one.
pub fn win_back_due<'a>(program: &'a Program, account: &Account, now: Timestamp) -> Option<(&'a WinBack, Timestamp)> {
    let orders = account.past_orders();
    let stage = program.lifecycle.stage(&orders, now);
    let offer = program.lifecycle.win_back.as_ref().filter(|_| stage == Stage::Lapsed)?;
    let last_order = orders.iter().map(|order| order.placed_at).max()?;
    Some((offer, last_order))
}

/// The body of `GET /v1/me` for `data` under `program` (version `version`).
/// `limit` must be from 1 to 100.
pub fn member_view(
    program: &Program,
    version: i64,
    shop_url: &str,
    data: &MemberData,
    page: &HistoryPage,
    now: Timestamp,
) -> Value {
    let account = &data.account;
    let orders = account.past_orders();
    let stage = program.lifecycle.stage(&orders, now);
    let win_back = win_back_due(program, account, now).map(|(offer, _)| {
        let usable = data
            .win_back_code
            .as_ref()
            .filter(|code| code.status == "issued" && code.expires_at.is_none_or(|at| at > now.unix()));
        json!({ "name": offer.name, "discount": offer.discount, "validDays": offer.valid_days,
                "code": usable.map(|code| &code.code),
                "expiresAt": usable.and_then(|code| code.expires_at).and_then(Timestamp::from_unix) })
    });
    let past_actions = account.past_actions();
    let ways_to_earn: Vec<Value> = program
        .actions
        .iter()
        .map(|rule| {
            let available = award_action(&program.actions, rule.action, &past_actions, now).is_ok();
            let done = past_actions.iter().filter(|past| past.action == rule.action).count();
            let limit = (rule.cap != Cap::Unlimited).then_some(rule.limit);
            json!({ "action": rule.action, "points": rule.points, "cap": rule.cap, "limit": limit,
                    "done": done, "available": available })
        })
        .collect();
    let tier = program.tiers.as_ref().map(|tiers| tiers.status(&orders, now));
    let referral = program.referral.as_ref().map(|_| {
        let code = ReferralCode::parse(&account.customer.referral_code).map(|code| code.grouped()).unwrap_or_default();
        let separator = if shop_url.contains('?') { '&' } else { '?' };
        let count = |status: &str| data.referred.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
        json!({
            "code": code,
            "link": format!("{shop_url}{separator}treu_ref={}", account.customer.referral_code),
            "friends": { "claimed": count("claimed"), "converted": count("converted"), "refused": count("refused") },
        })
    });
    let limit = page.limit.unwrap_or(20) as usize;
    let before = page.before.unwrap_or(u64::MAX);
    let newest: Vec<_> =
        account.ledger.entries().iter().rev().filter(|entry| entry.seq < before).take(limit + 1).collect();
    let has_more = newest.len() > limit;
    let history: Vec<Value> = newest.iter().take(limit).map(|entry| entry_view(entry)).collect();
    let next_before = if has_more { history.last().and_then(|entry| entry["seq"].as_u64()) } else { None };
    let codes: Vec<Value> = data
        .issued
        .iter()
        .filter(|code| code.expires_at.is_none_or(|at| at > now.unix()))
        .map(|code| {
            let body: Value = serde_json::from_str(&code.body).unwrap_or(Value::Null);
            json!({ "code": code.code, "option": code.option_id, "points": code.points,
                    "expiresAt": code.expires_at.and_then(Timestamp::from_unix), "reward": body })
        })
        .collect();
    let pending: Vec<Value> = data
        .pending
        .iter()
        .map(|(id, action, reference, at)| {
            json!({ "id": id, "action": action, "reference": reference, "createdAt": Timestamp::from_unix(*at) })
        })
        .collect();
    json!({
        "customer": { "id": account.customer.id, "email": account.customer.email, "name": account.customer.name },
        "programVersion": version,
        "balance": BalanceView::from(account.ledger.balance(now)),
        "tier": tier,
        "stage": stage,
        "winBack": win_back,
        "referral": referral,
        "discountCodes": codes,
        "pendingActions": pending,
        "history": { "entries": history, "nextBefore": next_before },
        "waysToEarn": ways_to_earn,
        "quoteCustomer": account.engine_customer(now),
    })
}

/// A ledger entry as the member's history and the dashboard show it.
pub fn entry_view(entry: &treu::engine::ledger::Entry) -> Value {
    json!({ "seq": entry.seq, "at": entry.at, "type": crate::storage::ledger::kind(&entry.change),
            "points": entry.change.delta(), "change": entry.change })
}

/// The rest of what a member's view shows, read without writing.
pub async fn member_data(
    conn: &mut Conn,
    account: Account,
    win_back_code: Option<RedemptionRow>,
) -> Result<MemberData, Problem> {
    let id = account.customer.id.clone();
    Ok(MemberData {
        issued: rewards::issued(conn, &id).await?,
        pending: rewards::pending_actions(conn, &id).await?,
        referred: customers::referral_counts(conn, &id).await?,
        account,
        win_back_code,
    })
}

/// Checks a history page's limit.
pub fn checked_page(page: HistoryPage) -> Result<HistoryPage, Problem> {
    if !(1..=100).contains(&page.limit.unwrap_or(20)) {
        return Err(Problem::invalid("limit", "must be from 1 to 100"));
    }
    Ok(page)
}
