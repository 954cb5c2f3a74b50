//! Members as the dashboard lists and shows them: balance, tier, stage (with
//! `wonBack`, as the reports count it), orders, codes and the whole ledger.

use crate::account::Account;
use crate::problem::Problem;
use crate::storage::customers::CustomerRow;
use crate::storage::rewards::WIN_BACK;
use crate::storage::{customers, rewards, Conn};
use crate::views::customers::{CodeDetail, CustomerDetail, CustomerList, CustomerSummary, OrderDetail, TierName};
use crate::views::{entry_view, BalanceView};
use serde_json::Value;
use treu::engine::program::Program;
use treu::engine::referral::{Party, ReferralCode};
use treu::engine::reports::{report_stage, ReportStage};
use treu::engine::time::Timestamp;

/// The most members one list returns.
pub const MAX_LIST: i64 = 200;

fn stage(program: &Program, account: &Account, now: Timestamp) -> ReportStage {
    let orders: Vec<Timestamp> = account.past_orders().iter().map(|order| order.placed_at).collect();
    report_stage(&program.lifecycle, &orders, now)
}

fn last_order_at(account: &Account) -> Option<Timestamp> {
    account.past_orders().iter().map(|order| order.placed_at).max()
}

/// Members matching `text` (id, email or name), the most recently active first.
pub async fn list(
    conn: &mut Conn,
    program: &Program,
    text: Option<&str>,
    limit: i64,
    now: Timestamp,
) -> Result<CustomerList, Problem> {
    let mut rows = Vec::new();
    for listing in customers::search(conn, text, limit as usize).await? {
        let Some(account) = Account::find(conn, &listing.id).await? else { continue };
        let balance = account.ledger.balance(now);
        let tier = program.tiers.as_ref().and_then(|tiers| tiers.status(&account.past_orders(), now).current);
        rows.push(CustomerSummary {
            stage: stage(program, &account, now),
            orders: account.past_orders().len(),
            last_order_at: last_order_at(&account),
            id: account.customer.id,
            email: account.customer.email,
            name: account.customer.name,
            available: balance.available,
            pending: balance.pending,
            tier: tier.map(|tier| TierName { id: tier.id, name: tier.name }),
            joined_at: Timestamp::from_unix(listing.created_at),
            last_active_at: Timestamp::from_unix(listing.last_active),
        });
    }
    Ok(CustomerList { customers: rows })
}

/// One member in full, or 404 `no-customer`.
pub async fn detail(conn: &mut Conn, program: &Program, id: &str, now: Timestamp) -> Result<Value, Problem> {
    let Some(account) = Account::find(conn, id).await? else {
        return Err(Problem::not_found("no-customer", "No such customer")
            .with_detail("The host has not seen a customer with this id."));
    };
    let joined_at = customers::joined_at(conn, id).await?;
    let stored_codes = rewards::codes_of(conn, id).await?;
    let codes = stored_codes
        .iter()
        .map(|code| {
            let expired = code.expires_at.is_some_and(|at| at <= now.unix());
            CodeDetail {
                code: &code.code,
                option: &code.option_id,
                name: code_name(program, &code.option_id),
                points: code.points,
                created_at: Timestamp::from_unix(code.created_at),
                expires_at: code.expires_at.and_then(Timestamp::from_unix),
                status: if code.status == "issued" && expired { "expired" } else { code.status.as_str() },
            }
        })
        .collect();
    let orders = account
        .orders
        .iter()
        .map(|order| OrderDetail {
            id: &order.id,
            placed_at: Timestamp::from_unix(order.placed_at),
            total: order.total,
            refunded: order.refunded,
            status: &order.status,
            currency: &order.currency,
            points: account.ledger.awarded(&order.id) - account.ledger.reversed(&order.id),
        })
        .collect();
    let view = CustomerDetail {
        id: &account.customer.id,
        email: account.customer.email.as_deref(),
        name: account.customer.name.as_deref(),
        joined_at: joined_at.and_then(Timestamp::from_unix),
        referral_code: ReferralCode::parse(&account.customer.referral_code)
            .map(|code| code.grouped())
            .unwrap_or_default(),
        currency: program.currency,
        balance: BalanceView::from(account.ledger.balance(now)),
        tier: program.tiers.as_ref().map(|tiers| tiers.status(&account.past_orders(), now)),
        stage: stage(program, &account, now),
        last_order_at: last_order_at(&account),
        codes,
        orders,
        entries: account.ledger.entries().iter().map(entry_view).collect(),
    };
    Ok(crate::views::value(&view))
}

/// What the merchant called the reward a code is for.
fn code_name(program: &Program, option: &str) -> Option<String> {
    if option == WIN_BACK {
        return program.lifecycle.win_back.as_ref().map(|offer| offer.name.clone());
    }
    if option == "referral-welcome" {
        return Some("Referral welcome discount".to_owned());
    }
    program.redemptions.iter().find(|candidate| candidate.id == option).map(|candidate| candidate.name.clone())
}

/// The engine's view of a member in a referral claim (its fraud rules compare
/// ids, emails and addresses).
pub fn party(customer: &CustomerRow) -> Party {
    Party { customer_id: customer.id.clone(), email: customer.email.clone(), address: customer.address.clone() }
}
