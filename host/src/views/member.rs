//! What a member sees, built from their account and the program: the body of
//! `GET /v1/me`, for the program in force or for a draft in the dashboard's
//! preview. [`member_data`] reads what it shows; [`member_view`] is pure.

use super::BalanceView;
use crate::account::Account;
use crate::problem::Problem;
use crate::storage::rewards::RedemptionRow;
use crate::storage::{customers, rewards, Conn};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use treu::engine::actions::{award_action, Action, Cap};
use treu::engine::customer::Customer;
use treu::engine::discount::Discount;
use treu::engine::ledger::{Change, Entry};
use treu::engine::lifecycle::{Stage, WinBack};
use treu::engine::program::Program;
use treu::engine::referral::ReferralCode;
use treu::engine::tiers::TierStatus;
use treu::engine::time::Timestamp;

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

/// The body of `GET /v1/me` (schema `Me`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeView<'a> {
    pub customer: MemberView<'a>,
    pub program_version: i64,
    pub balance: BalanceView,
    pub tier: Option<TierStatus>,
    pub stage: Stage,
    pub win_back: Option<WinBackView<'a>>,
    pub referral: Option<ReferralView>,
    pub discount_codes: Vec<CodeView<'a>>,
    pub pending_actions: Vec<PendingActionView<'a>>,
    pub history: HistoryView<'a>,
    pub ways_to_earn: Vec<WayToEarnView>,
    /// The member as the engine's quote reads them, so the browser's previews
    /// are the host's numbers for this member.
    pub quote_customer: Customer,
}

/// Who the member is.
#[derive(Serialize)]
pub struct MemberView<'a> {
    pub id: &'a str,
    pub email: Option<&'a str>,
    pub name: Option<&'a str>,
}

/// The win-back offer of a lapsed member, with its code once issued.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WinBackView<'a> {
    pub name: &'a str,
    pub discount: &'a Discount,
    pub valid_days: i64,
    /// Null when the code was used or has expired.
    pub code: Option<&'a str>,
    pub expires_at: Option<Timestamp>,
}

/// The member's referral code, its link and the friends it brought.
#[derive(Serialize)]
pub struct ReferralView {
    /// Grouped for reading aloud.
    pub code: String,
    pub link: String,
    pub friends: FriendsView,
}

/// Friends referred, by status.
#[derive(Serialize)]
pub struct FriendsView {
    pub claimed: i64,
    pub converted: i64,
    pub refused: i64,
}

/// A discount code the member can still use.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeView<'a> {
    pub code: &'a str,
    pub option: &'a str,
    pub points: i64,
    pub expires_at: Option<Timestamp>,
    /// What the code gives, as stored when it was issued.
    pub reward: Value,
}

/// An action waiting for the platform's confirmation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingActionView<'a> {
    pub id: &'a str,
    pub action: &'a str,
    pub reference: Option<&'a str>,
    pub created_at: Option<Timestamp>,
}

/// A page of the history, newest first.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryView<'a> {
    pub entries: Vec<EntryView<'a>>,
    /// The `before` of the next page; null on the last.
    pub next_before: Option<u64>,
}

/// A ledger entry as the member's history and the dashboard show it.
#[derive(Serialize)]
pub struct EntryView<'a> {
    pub seq: u64,
    pub at: Timestamp,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub points: i64,
    pub change: &'a Change,
}

/// An action of the program with what the member has done of it.
#[derive(Serialize)]
pub struct WayToEarnView {
    pub action: Action,
    pub points: i64,
    pub cap: Cap,
    /// Null for an uncapped action.
    pub limit: Option<i64>,
    pub done: usize,
    pub available: bool,
}

/// The body of `GET /v1/me` for `data` under `program` (version `version`).
/// `limit` must be from 1 to 100.
pub fn member_view<'a>(
    program: &'a Program,
    version: i64,
    shop_url: &str,
    data: &'a MemberData,
    page: &HistoryPage,
    now: Timestamp,
) -> MeView<'a> {
    let account = &data.account;
    let orders = account.past_orders();
    let stage = program.lifecycle.stage(&orders, now);
    let win_back = win_back_due(program, account, now).map(|(offer, _)| {
        let usable = data
            .win_back_code
            .as_ref()
            .filter(|code| code.status == "issued" && code.expires_at.is_none_or(|at| at > now.unix()));
        WinBackView {
            name: &offer.name,
            discount: &offer.discount,
            valid_days: offer.valid_days,
            code: usable.map(|code| code.code.as_str()),
            expires_at: usable.and_then(|code| code.expires_at).and_then(Timestamp::from_unix),
        }
    });
    let past_actions = account.past_actions();
    let ways_to_earn = program
        .actions
        .iter()
        .map(|rule| WayToEarnView {
            action: rule.action,
            points: rule.points,
            cap: rule.cap,
            limit: (rule.cap != Cap::Unlimited).then_some(rule.limit),
            done: past_actions.iter().filter(|past| past.action == rule.action).count(),
            available: award_action(&program.actions, rule.action, &past_actions, now).is_ok(),
        })
        .collect();
    let tier = program.tiers.as_ref().map(|tiers| tiers.status(&orders, now));
    let referral = program.referral.as_ref().map(|_| {
        let code = ReferralCode::parse(&account.customer.referral_code).map(|code| code.grouped()).unwrap_or_default();
        let separator = if shop_url.contains('?') { '&' } else { '?' };
        let count = |status: &str| data.referred.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
        ReferralView {
            code,
            link: format!("{shop_url}{separator}treu_ref={}", account.customer.referral_code),
            friends: FriendsView {
                claimed: count("claimed"),
                converted: count("converted"),
                refused: count("refused"),
            },
        }
    });
    let limit = page.limit.unwrap_or(20) as usize;
    let before = page.before.unwrap_or(u64::MAX);
    let newest: Vec<_> =
        account.ledger.entries().iter().rev().filter(|entry| entry.seq < before).take(limit + 1).collect();
    let has_more = newest.len() > limit;
    let entries: Vec<EntryView> = newest.into_iter().take(limit).map(entry_view).collect();
    let next_before = if has_more { entries.last().map(|entry| entry.seq) } else { None };
    let discount_codes = data
        .issued
        .iter()
        .filter(|code| code.expires_at.is_none_or(|at| at > now.unix()))
        .map(|code| CodeView {
            code: &code.code,
            option: &code.option_id,
            points: code.points,
            expires_at: code.expires_at.and_then(Timestamp::from_unix),
            reward: serde_json::from_str(&code.body).unwrap_or(Value::Null),
        })
        .collect();
    let pending_actions = data
        .pending
        .iter()
        .map(|(id, action, reference, at)| PendingActionView {
            id,
            action,
            reference: reference.as_deref(),
            created_at: Timestamp::from_unix(*at),
        })
        .collect();
    MeView {
        customer: MemberView {
            id: &account.customer.id,
            email: account.customer.email.as_deref(),
            name: account.customer.name.as_deref(),
        },
        program_version: version,
        balance: BalanceView::from(account.ledger.balance(now)),
        tier,
        stage,
        win_back,
        referral,
        discount_codes,
        pending_actions,
        history: HistoryView { entries, next_before },
        ways_to_earn,
        quote_customer: account.engine_customer(now),
    }
}

/// A ledger entry as the member's history and the dashboard show it.
pub fn entry_view(entry: &Entry) -> EntryView<'_> {
    EntryView {
        seq: entry.seq,
        at: entry.at,
        kind: crate::storage::ledger::kind(&entry.change),
        points: entry.change.delta(),
        change: &entry.change,
    }
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
