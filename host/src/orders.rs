//! What each order event does to the ledger: a payment earns what the
//! engine's quote says, a refund or cancellation reverses through the engine
//! (pro rata, never more than was awarded), a friend's first paid order
//! converts their referral. The event's format is in `order_events.rs`; that
//! each event is handled once is `webhook_events.rs`'s.

use crate::account::Account;
use crate::customers::party;
use crate::guest_orders;
use crate::order_events::{OrderEvent, OrderEventType};
use crate::problem::Problem;
use crate::storage::customers::{self, Known};
use crate::storage::guest_orders as guest_store;
use crate::storage::orders::{self as stored, OrderRow};
use crate::storage::purchases::{self, Purchases};
use crate::storage::{rewards, Conn};
use crate::views::orders::{OrderEventResult, OrderOutcome, ReferralResult, ReferralStatus, Refusal};
use crate::views::BalanceView;
use treu::engine::actions::{award_action, Action};
use treu::engine::error::InputError;
use treu::engine::ledger::{Policy, Request};
use treu::engine::program::Program;
use treu::engine::quote::quote;
use treu::engine::referral::{check_claim, ReferralClaim};
use treu::engine::time::Timestamp;

/// Order paid: earn through the engine's quote at the order's time (offers
/// for the member's segments included, from the orders before this one),
/// record what it bought (for segments), mark codes used, apply refunds that
/// arrived first, and convert a referral.
pub async fn paid(
    conn: &mut Conn,
    program: &Program,
    event: &OrderEvent,
    now: Timestamp,
) -> Result<OrderEventResult, Problem> {
    let order = &event.order;
    if order.guest {
        return guest_orders::paid(conn, event, now).await;
    }
    let (Some(customer_id), Some(placed_at), Some(cart)) = (&order.customer_id, order.placed_at, &order.cart) else {
        return Err(Problem::invalid("order", "order.paid needs customerId, placedAt and cart"));
    };
    if stored::order(conn, &order.id).await?.is_some() {
        return Ok(OrderEventResult::new(&event.id, &order.id, OrderOutcome::AlreadyRecorded));
    }
    let policy = Policy::from(&program.earning);
    let known = Known { email: order.email.as_deref(), name: None, address: order.shipping_address.as_deref() };
    let mut account = Account::open(conn, customer_id, known, now).await?;
    let earlier = stored::refunds(conn, &order.id).await?;
    let cancelled = earlier.iter().any(|(id, _)| id == "cancel");
    let mut row = OrderRow {
        id: order.id.clone(),
        customer_id: customer_id.clone(),
        placed_at: placed_at.unix(),
        currency: cart.currency.code().to_owned(),
        total: order.total,
        eligible_spend: 0,
        refunded: 0,
        status: if cancelled { "cancelled".into() } else { "paid".into() },
        paid_at: now.unix(),
    };
    if cancelled {
        stored::insert(conn, &row).await?;
        return Ok(OrderEventResult {
            customer: Some(customer_id.clone()),
            points: Some(0),
            ..OrderEventResult::new(&event.id, &order.id, OrderOutcome::CancelledBeforePaid)
        });
    }
    account.settle(conn, &policy, now).await?;
    let customer = account.engine_customer(placed_at);
    let quote = quote(program, cart, Some(&customer), placed_at).map_err(|error| prefix(error, "order."))?;
    row.eligible_spend = quote.earn.eligible_spend;
    let mut earned = 0;
    for line in quote.earn.lines.iter().filter(|line| line.points > 0) {
        let request = Request::Earn { order: Some(order.id.clone()), rule: line.rule.clone(), points: line.points };
        let key = format!("order:{}:earn:{}", order.id, line.rule);
        let applied = account.write(conn, &policy, &key, now, request).await?;
        earned += applied.entries.iter().map(|entry| entry.change.delta()).sum::<i64>();
    }
    stored::insert(conn, &row).await?;
    let bought = Purchases::of_cart(cart);
    purchases::insert(conn, customer_id, &order.id, &bought).await?;
    account.purchases.insert(order.id.clone(), bought);
    account.orders.push(row.clone());
    for code in &order.discount_codes {
        rewards::set_status(conn, code, "used", Some(&order.id)).await?;
    }
    let mut reversed = 0;
    for (refund_id, amount) in earlier {
        reversed += reverse(conn, &policy, &mut account, &mut row, &refund_id, amount, now).await?;
    }
    let referral = convert_referral(conn, program, &policy, &account, &row, placed_at, now).await?;
    crate::events::changes::record_changes(conn, program, &account, now).await?;
    Ok(OrderEventResult {
        customer: Some(customer_id.clone()),
        points: Some(earned - reversed),
        earn: Some(quote.earn),
        balance: Some(BalanceView::from(account.ledger.balance(now))),
        referral: Some(referral),
        ..OrderEventResult::new(&event.id, &order.id, OrderOutcome::Recorded)
    })
}

fn prefix(mut error: InputError, root: &str) -> Problem {
    for field in &mut error.errors {
        field.path = format!("{root}{}", field.path);
    }
    error.into()
}

/// Reverses `amount` of `row`'s total through the engine (pro rata, never more
/// than was awarded) for the buyer, and for an advocate the order rewarded.
async fn reverse(
    conn: &mut Conn,
    policy: &Policy,
    account: &mut Account,
    row: &mut OrderRow,
    refund_id: &str,
    amount: i64,
    now: Timestamp,
) -> Result<i64, Problem> {
    let amount = amount.min(row.total - row.refunded);
    if amount <= 0 {
        return Ok(0);
    }
    let request = Request::Refund { order: row.id.clone(), refunded: amount, order_total: row.total };
    let key = format!("order:{}:refund:{refund_id}", row.id);
    let applied = account.write(conn, policy, &key, now, request.clone()).await?;
    row.refunded += amount;
    row.status = if refund_id == "cancel" {
        "cancelled".into()
    } else if row.refunded >= row.total {
        "refunded".into()
    } else {
        "partiallyRefunded".into()
    };
    stored::set_refunded(conn, &row.id, row.refunded, &row.status).await?;
    if let Some(referral) = customers::referral_of(conn, &row.customer_id).await? {
        if referral.status == "converted" && referral.order_id.as_deref() == Some(row.id.as_str()) {
            if let Some(mut advocate) = Account::find(conn, &referral.advocate_id).await? {
                advocate.write(conn, policy, &key, now, request).await?;
            }
        }
    }
    Ok(-applied.entries.iter().map(|entry| entry.change.delta()).sum::<i64>())
}

/// Refund or cancellation: recorded even before the order is paid, applied
/// through the engine once it is.
pub async fn refunded(
    conn: &mut Conn,
    program: &Program,
    event: &OrderEvent,
    now: Timestamp,
) -> Result<OrderEventResult, Problem> {
    let order = &event.order;
    if let Some(guest_order) = guest_store::guest_order(conn, &order.id).await? {
        return guest_orders::refunded(conn, event, guest_order, now).await;
    }
    let existing = stored::order(conn, &order.id).await?;
    let total = existing.as_ref().map_or(order.total, |row| row.total);
    let refunded_so_far: i64 = match &existing {
        Some(row) => row.refunded,
        None => stored::refunds(conn, &order.id).await?.iter().map(|(_, amount)| amount).sum(),
    };
    let (refund_id, amount) = match (event.kind, &event.refund) {
        (OrderEventType::Cancelled, _) => ("cancel".to_owned(), total - refunded_so_far),
        (_, Some(refund)) => (refund.id.clone(), refund.amount),
        (_, None) => (format!("full:{}", event.id), total - refunded_so_far),
    };
    let amount = amount.min(total - refunded_so_far).max(0);
    if amount == 0 && event.kind != OrderEventType::Cancelled {
        return Ok(OrderEventResult {
            points: Some(0),
            ..OrderEventResult::new(&event.id, &order.id, OrderOutcome::NothingToRefund)
        });
    }
    if !stored::insert_refund(conn, &order.id, &refund_id, amount, now.unix()).await? {
        return Ok(OrderEventResult {
            points: Some(0),
            ..OrderEventResult::new(&event.id, &order.id, OrderOutcome::AlreadyRecorded)
        });
    }
    let Some(mut row) = existing else {
        return Ok(OrderEventResult {
            points: Some(0),
            ..OrderEventResult::new(&event.id, &order.id, OrderOutcome::DeferredUntilPaid)
        });
    };
    let policy = Policy::from(&program.earning);
    let Some(mut account) = Account::find(conn, &row.customer_id).await? else {
        return Err(Problem::internal(format!("order {} has no customer", row.id)));
    };
    let reversed = if amount > 0 {
        reverse(conn, &policy, &mut account, &mut row, &refund_id, amount, now).await?
    } else {
        row.status = "cancelled".into();
        stored::set_refunded(conn, &row.id, row.refunded, &row.status).await?;
        0
    };
    crate::events::changes::record_changes(conn, program, &account, now).await?;
    Ok(OrderEventResult {
        customer: Some(row.customer_id),
        points: Some(-reversed),
        refunded: Some(row.refunded),
        status: Some(row.status),
        balance: Some(BalanceView::from(account.ledger.balance(now))),
        ..OrderEventResult::new(&event.id, &order.id, OrderOutcome::Recorded)
    })
}

/// A friend's first paid order rewards the advocate, if the engine's fraud
/// rules and the `referral` action's cap allow it.
async fn convert_referral(
    conn: &mut Conn,
    program: &Program,
    policy: &Policy,
    friend: &Account,
    order: &OrderRow,
    placed_at: Timestamp,
    now: Timestamp,
) -> Result<Option<ReferralResult>, Problem> {
    let (Some(rules), Some(referral)) = (&program.referral, customers::referral_of(conn, &friend.customer.id).await?)
    else {
        return Ok(None);
    };
    if referral.status != "claimed" {
        return Ok(None);
    }
    let Some(mut advocate) = Account::find(conn, &referral.advocate_id).await? else { return Ok(None) };
    let today = now.date();
    let rewards_today = advocate
        .past_actions()
        .iter()
        .filter(|past| past.action == Action::Referral && past.at.date() == today)
        .count() as i64;
    let claim = ReferralClaim {
        advocate: party(&advocate.customer),
        friend: party(&friend.customer),
        claimed_at: Timestamp::from_unix(referral.claimed_at).unwrap_or(now),
        ordered_at: placed_at,
        friend_earlier_orders: friend.past_orders().iter().filter(|past| past.id != order.id).count() as i64,
        advocate_rewards_today: rewards_today,
    };
    if let Err(refusal) = check_claim(rules, &claim) {
        let reason = serde_json::to_string(&refusal).ok();
        customers::settle_referral(conn, &friend.customer.id, "refused", &order.id, reason.as_deref()).await?;
        return Ok(Some(refused(advocate.customer.id, Refusal::Referral(refusal))));
    }
    let award = match award_action(&program.actions, Action::Referral, &advocate.past_actions(), now) {
        Ok(award) => award,
        Err(refusal) => {
            let reason = serde_json::to_string(&refusal).ok();
            customers::settle_referral(conn, &friend.customer.id, "refused", &order.id, reason.as_deref()).await?;
            return Ok(Some(refused(advocate.customer.id, Refusal::Action(refusal))));
        }
    };
    let request = Request::Earn { order: Some(order.id.clone()), rule: award.rule, points: award.points };
    advocate.write(conn, policy, &format!("referral:{}", order.id), now, request).await?;
    customers::settle_referral(conn, &friend.customer.id, "converted", &order.id, None).await?;
    crate::events::changes::record_changes(conn, program, &advocate, now).await?;
    Ok(Some(ReferralResult {
        advocate: advocate.customer.id,
        status: ReferralStatus::Converted,
        points: Some(award.points),
        refusal: None,
    }))
}

fn refused(advocate: String, refusal: Refusal) -> ReferralResult {
    ReferralResult { advocate, status: ReferralStatus::Refused, points: None, refusal: Some(refusal) }
}
