use crate::account::Account;
use crate::app::AppState;
use crate::identity::{Claims, Member};
use crate::problem::Problem;
use crate::routes::known;
use crate::storage::rewards::RedemptionRow;
use crate::storage::{customers, ledger, rewards, to_json};
use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use treu::engine::actions::{award_action, Cap};
use treu::engine::ledger::Balance;
use treu::engine::lifecycle::{Stage, WinBack};
use treu::engine::referral::ReferralCode;
use treu::engine::time::Timestamp;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryPage {
    /// Entries per page, 1 to 100 (default 20).
    limit: Option<u32>,
    /// Only entries before this sequence number (the previous page's `nextBefore`).
    before: Option<u64>,
}

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

/// The member's account. A first visit enrols them (and gives them a referral
/// code), and a token with a new email or name updates it: only then is this a write.
async fn enrolled(state: &AppState, claims: &Claims, now: Timestamp) -> Result<Account, Problem> {
    let existing = Account::find(&mut *state.store.read().await?, &claims.sub).await?;
    let changed = |told: &Option<String>, stored: &Option<String>| told.is_some() && told != stored;
    match existing {
        Some(account)
            if !changed(&claims.email, &account.customer.email) && !changed(&claims.name, &account.customer.name) =>
        {
            Ok(account)
        }
        _ => {
            let mut transaction = state.store.write().await?;
            let account = Account::open(&mut transaction, &claims.sub, known(claims), now).await?;
            transaction.commit().await?;
            Ok(account)
        }
    }
}

/// The discount code of the win-back offer for a member lapsed since
/// `last_order`: one per absence, issued on the first visit that finds them
/// lapsed and valid for the offer's `validDays`.
async fn win_back_code(
    state: &AppState,
    customer: &str,
    offer: &WinBack,
    last_order: Timestamp,
    now: Timestamp,
) -> Result<Option<RedemptionRow>, Problem> {
    let existing =
        rewards::latest_since(&mut *state.store.read().await?, customer, WIN_BACK, last_order.unix()).await?;
    if existing.is_some() {
        return Ok(existing);
    }
    let mut transaction = state.store.write().await?;
    // Another request may have issued it meanwhile: check again under the write lock.
    if let Some(code) = rewards::latest_since(&mut transaction, customer, WIN_BACK, last_order.unix()).await? {
        return Ok(Some(code));
    }
    let row = RedemptionRow {
        code: customers::discount_code(),
        customer_id: customer.to_owned(),
        option_id: WIN_BACK.into(),
        points: 0,
        body: to_json(&offer.discount)?,
        created_at: now.unix(),
        expires_at: Some(now.plus_days(offer.valid_days).unix()),
        status: "issued".into(),
    };
    rewards::insert_redemption(&mut transaction, &row).await?;
    transaction.commit().await?;
    Ok(Some(row))
}

/// The option id of win-back codes in the redemptions table.
const WIN_BACK: &str = "win-back";

/// `GET /v1/me`: balance, tier, referral code, lifecycle stage and win-back
/// offer (with its code, issued on the first visit of a lapsed member), codes to use, the history (newest first, paged), the ways to earn
/// with what is done, and the member as the engine's quote reads them, so the
/// browser's previews are the host's numbers for this member.
pub async fn get_me(
    State(state): State<AppState>,
    Member(claims): Member,
    page: Result<Query<HistoryPage>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, Problem> {
    let Query(page) = page.map_err(|rejection| Problem::invalid("query", rejection.body_text()))?;
    let limit = page.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(Problem::invalid("limit", "must be from 1 to 100"));
    }
    let stored = state.program()?;
    let program = &stored.program;
    let now = crate::clock::now();
    let account = enrolled(&state, &claims, now).await?;
    let orders = account.past_orders();
    let stage = program.lifecycle.stage(&orders, now);
    let offer = program.lifecycle.win_back.as_ref().filter(|_| stage == Stage::Lapsed);
    let last_order = orders.iter().map(|order| order.placed_at).max();
    let win_back = match (offer, last_order) {
        (Some(offer), Some(last_order)) => {
            let code = win_back_code(&state, &claims.sub, offer, last_order, now).await?;
            let usable =
                code.filter(|code| code.status == "issued" && code.expires_at.is_none_or(|at| at > now.unix()));
            Some(json!({ "name": offer.name, "discount": offer.discount, "validDays": offer.valid_days,
                         "code": usable.as_ref().map(|code| &code.code),
                         "expiresAt": usable.and_then(|code| code.expires_at).and_then(Timestamp::from_unix) }))
        }
        _ => None,
    };
    let mut conn = state.store.read().await?;
    let issued = rewards::issued(&mut conn, &claims.sub).await?;
    let pending = rewards::pending_actions(&mut conn, &claims.sub).await?;
    let referred = customers::referral_counts(&mut conn, &claims.sub).await?;
    drop(conn);

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
        let separator = if state.settings.shop_url.contains('?') { '&' } else { '?' };
        let count = |status: &str| referred.iter().find(|(s, _)| s == status).map_or(0, |(_, n)| *n);
        json!({
            "code": code,
            "link": format!("{}{separator}treu_ref={}", state.settings.shop_url, account.customer.referral_code),
            "friends": { "claimed": count("claimed"), "converted": count("converted"), "refused": count("refused") },
        })
    });
    let entries = account.ledger.entries();
    let before = page.before.unwrap_or(u64::MAX);
    let newest: Vec<_> = entries.iter().rev().filter(|entry| entry.seq < before).take(limit as usize + 1).collect();
    let has_more = newest.len() > limit as usize;
    let history: Vec<Value> = newest
        .iter()
        .take(limit as usize)
        .map(|entry| {
            json!({ "seq": entry.seq, "at": entry.at, "type": ledger::kind(&entry.change),
                    "points": entry.change.delta(), "change": entry.change })
        })
        .collect();
    let next_before = if has_more { history.last().and_then(|entry| entry["seq"].as_u64()) } else { None };
    let codes: Vec<Value> = issued
        .iter()
        .filter(|code| code.expires_at.is_none_or(|at| at > now.unix()))
        .map(|code| {
            let body: Value = serde_json::from_str(&code.body).unwrap_or(Value::Null);
            json!({ "code": code.code, "option": code.option_id, "points": code.points,
                    "expiresAt": code.expires_at.and_then(Timestamp::from_unix), "reward": body })
        })
        .collect();
    let pending: Vec<Value> = pending
        .iter()
        .map(|(id, action, reference, at)| {
            json!({ "id": id, "action": action, "reference": reference,
                    "createdAt": Timestamp::from_unix(*at) })
        })
        .collect();
    Ok(Json(json!({
        "customer": { "id": account.customer.id, "email": account.customer.email, "name": account.customer.name },
        "programVersion": stored.version,
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
    })))
}
