//! The events time causes, with no request to cause them: `points.expiring`
//! (N days before a lot expires), `code.expiring` (N days before an issued
//! discount code expires), `tier.changed` (a tier time took away) and
//! `customer.lapsed`, each with the offers running for the member
//! ([`crate::offers`]). The worker runs the scan
//! every `--event-scan-seconds`, and moving the test clock runs it at once.
//!
//! Each fact has a dedupe key (the lot, the code, the absence), so however
//! often the scan runs, and on however many hosts, it makes one event.

use super::changes::{tier_changed, tier_key};
use super::{balance_data, record, Fact};
use crate::account::Account;
use crate::offers;
use crate::storage::customers::{self, CustomerRow};
use crate::storage::events::{self as stored, EventSettings};
use crate::storage::{again_on_conflict, from_json, ledger, rewards, Conn, Store};
use serde_json::{json, Value};
use treu::engine::ledger::Ledger;
use treu::engine::lifecycle::Stage;
use treu::engine::program::Program;
use treu::engine::tiers::CurrentTier;
use treu::engine::time::Timestamp;

const DAY: i64 = 86_400;

/// Scans every member at `now` under `program`; the events it recorded.
pub async fn run(store: &Store, program: &Program, now: Timestamp) -> Result<usize, sqlx::Error> {
    let settings = stored::settings(&mut *store.read().await?).await?;
    let mut recorded = 0;
    let members = stored::members_with_lots(&mut *store.read().await?).await?;
    for member in members {
        if !expiring_lots(&mut *store.read().await?, &member, settings, now).await?.is_empty() {
            recorded += again_on_conflict(|| async {
                let mut transaction = store.write().await?;
                let recorded = points_expiring(&mut transaction, program, &member, settings, now).await?;
                transaction.commit().await?;
                Ok(recorded)
            })
            .await?;
        }
    }
    let until = now.unix().saturating_add(settings.code_expiring_days * DAY);
    let codes = stored::codes_expiring(&mut *store.read().await?, now.unix(), until).await?;
    for (code, customer, option, points, body, expires_at) in codes {
        let key = format!("code.expiring:{code}");
        if stored::event_exists(&mut *store.read().await?, &key).await? {
            continue;
        }
        let name = reward_name(program, &option);
        let offers = offers::of_member(&mut *store.read().await?, program, &customer, now).await?;
        let data = json!({
            "code": code, "rewardId": option, "rewardName": name, "points": points,
            "expiresAt": Timestamp::from_unix(expires_at), "daysLeft": days_left(expires_at, now),
            "reward": from_json::<Value>(&body).unwrap_or(Value::Null), "offers": offers,
        });
        recorded += once(store, &customer, super::CODE_EXPIRING, key, now, data).await?;
    }
    recorded += tiers_left(store, program, now).await?;
    let summaries = stored::order_summaries(&mut *store.read().await?).await?;
    for (customer, count, last) in summaries {
        let Some(last_at) = Timestamp::from_unix(last) else { continue };
        if program.lifecycle.stage_of(count as usize, Some(last_at), now) != Stage::Lapsed {
            continue;
        }
        let key = format!("customer.lapsed:{customer}:{last}");
        if stored::event_exists(&mut *store.read().await?, &key).await? {
            continue;
        }
        let win_back = program
            .lifecycle
            .win_back
            .as_ref()
            .map(|offer| json!({ "name": offer.name, "discount": offer.discount, "validDays": offer.valid_days }));
        let offers = offers::of_member(&mut *store.read().await?, program, &customer, now).await?;
        let data = json!({
            "lastOrderAt": last_at, "daysSinceLastOrder": now.days_since(last_at), "orders": count,
            "winBack": win_back, "offers": offers,
        });
        recorded += once(store, &customer, super::CUSTOMER_LAPSED, key, now, data).await?;
    }
    Ok(recorded)
}

/// `tier.changed` for each member whose tier time took away (a rolling
/// window forgot their orders, a calendar year ended) since it was last
/// announced; only members announced in a tier can lose one.
async fn tiers_left(store: &Store, program: &Program, now: Timestamp) -> Result<usize, sqlx::Error> {
    let Some(tiers) = &program.tiers else { return Ok(0) };
    let mut recorded = 0;
    for (customer, announced) in stored::announced_tiers(&mut *store.read().await?).await? {
        let Some(announced) = announced else { continue };
        let Some(account) = Account::read(&mut *store.read().await?, &customer).await? else { continue };
        let to = tiers.status(&account.past_orders(), now).current;
        if to.as_ref().is_some_and(|to| to.id == announced) {
            continue;
        }
        let from = tiers.levels.iter().find(|level| level.id == announced).map(|level| CurrentTier {
            id: level.id.clone(),
            name: level.name.clone(),
            earn_percent: level.earn_percent,
            early_access: level.early_access,
        });
        let Some(data) = tier_changed(tiers, from.as_ref(), to.as_ref()) else { continue };
        let last_seq = account.ledger.entries().last().map_or(0, |entry| entry.seq);
        let key = tier_key(&customer, last_seq, to.as_ref());
        recorded += once(store, &customer, super::TIER_CHANGED, key, now, data).await?;
    }
    Ok(recorded)
}

/// Records one fact about `customer` in its own transaction; 1 if it was new.
async fn once(
    store: &Store,
    customer: &str,
    kind: &'static str,
    key: String,
    now: Timestamp,
    data: Value,
) -> Result<usize, sqlx::Error> {
    again_on_conflict(|| async {
        let mut transaction = store.write().await?;
        let Some(row) = customers::customer(&mut transaction, customer).await? else { return Ok(0) };
        let fact = Fact { kind, customer: &row, dedupe_key: key.clone(), occurred_at: now, data: data.clone() };
        let new = record(&mut transaction, fact).await?;
        transaction.commit().await?;
        Ok(usize::from(new))
    })
    .await
}

/// The lots of `member` inside the warning window and not yet announced:
/// (lot seq, points left, expiry).
async fn expiring_lots(
    conn: &mut Conn,
    member: &str,
    settings: EventSettings,
    now: Timestamp,
) -> Result<Vec<(u64, i64, Timestamp)>, sqlx::Error> {
    let entries = ledger::entries(conn, member).await?;
    let ledger = Ledger::from_entries(entries).map_err(|error| sqlx::Error::Decode(error.to_string().into()))?;
    let mut due = Vec::new();
    for lot in ledger.lots() {
        let Some(expires_at) = lot.expires_at else { continue };
        let warn_from = expires_at.unix().saturating_sub(settings.points_expiring_days * DAY);
        if lot.remaining > 0 && expires_at > now && warn_from <= now.unix() {
            let key = format!("points.expiring:{member}:{}", lot.seq);
            if !stored::event_exists(conn, &key).await? {
                due.push((lot.seq, lot.remaining, expires_at));
            }
        }
    }
    Ok(due)
}

/// Records `points.expiring` for each lot of `member` that is due, read again
/// inside the write transaction; how many.
async fn points_expiring(
    conn: &mut Conn,
    program: &Program,
    member: &str,
    settings: EventSettings,
    now: Timestamp,
) -> Result<usize, sqlx::Error> {
    let Some(customer) = customers::customer(conn, member).await? else { return Ok(0) };
    let due = expiring_lots(conn, member, settings, now).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let entries = ledger::entries(conn, member).await?;
    let ledger = Ledger::from_entries(entries).map_err(|error| sqlx::Error::Decode(error.to_string().into()))?;
    let balance = ledger.balance(now);
    let offers = offers::of_member(conn, program, member, now).await?;
    let mut recorded = 0;
    for (seq, points, expires_at) in due {
        let data = json!({
            "points": points, "expiresAt": expires_at, "daysLeft": days_left(expires_at.unix(), now),
            "lot": seq, "balance": balance_data(balance), "offers": offers,
        });
        let key = format!("points.expiring:{member}:{seq}");
        recorded += usize::from(record(conn, fact(&customer, super::POINTS_EXPIRING, key, now, data)).await?);
    }
    Ok(recorded)
}

fn fact<'a>(customer: &'a CustomerRow, kind: &'static str, key: String, now: Timestamp, data: Value) -> Fact<'a> {
    Fact { kind, customer, dedupe_key: key, occurred_at: now, data }
}

/// Whole days left until `expires_at`, rounded up (a code expiring in 30
/// hours has 2 days left: it can still be used tomorrow).
fn days_left(expires_at: i64, now: Timestamp) -> i64 {
    (expires_at - now.unix() + DAY - 1).div_euclid(DAY)
}

/// The name a merchant gave the reward `option` (the win-back offer's for its codes).
fn reward_name(program: &Program, option: &str) -> Option<String> {
    if option == rewards::WIN_BACK {
        return program.lifecycle.win_back.as_ref().map(|offer| offer.name.clone());
    }
    program.redemptions.iter().find(|reward| reward.id == option).map(|reward| reward.name.clone())
}
