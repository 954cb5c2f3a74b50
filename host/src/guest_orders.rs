//! Orders of guests (shoppers without an account): recorded for the revenue
//! report, earning nothing. A refund or cancellation lowers their revenue;
//! one that arrives before the payment is applied when it comes.

use crate::order_events::{OrderEvent, OrderEventType};
use crate::problem::Problem;
use crate::storage::guest_orders::{self as stored, GuestOrderRow};
use crate::storage::orders::{insert_refund, refunds};
use crate::storage::Conn;
use crate::views::orders::{OrderEventResult, OrderOutcome};
use treu::engine::time::Timestamp;

/// `order.paid` with `order.guest: true`.
pub async fn paid(conn: &mut Conn, event: &OrderEvent, now: Timestamp) -> Result<OrderEventResult, Problem> {
    let order = &event.order;
    let (Some(placed_at), Some(cart)) = (order.placed_at, &order.cart) else {
        return Err(Problem::invalid("order", "order.paid needs placedAt and cart"));
    };
    if stored::guest_order(conn, &order.id).await?.is_some() {
        return Ok(answer(event, OrderOutcome::AlreadyRecorded, None));
    }
    // Refunds and a cancellation may have arrived first.
    let earlier = refunds(conn, &order.id).await?;
    let cancelled = earlier.iter().any(|(id, _)| id == "cancel");
    let refunded = earlier.iter().filter(|(id, _)| id != "cancel").map(|(_, amount)| *amount).sum::<i64>();
    let refunded = refunded.min(order.total);
    let row = GuestOrderRow {
        id: order.id.clone(),
        placed_at: placed_at.unix(),
        currency: cart.currency.code().to_owned(),
        total: order.total,
        refunded,
        status: status(cancelled, refunded, order.total).to_owned(),
        paid_at: now.unix(),
    };
    stored::insert(conn, &row).await?;
    let outcome = if cancelled { OrderOutcome::CancelledBeforePaid } else { OrderOutcome::Recorded };
    Ok(answer(event, outcome, Some(&row)))
}

/// A refund or cancellation of a guest order.
pub async fn refunded(
    conn: &mut Conn,
    event: &OrderEvent,
    mut row: GuestOrderRow,
    now: Timestamp,
) -> Result<OrderEventResult, Problem> {
    let left = row.total - row.refunded;
    let (refund_id, amount) = match (event.kind, &event.refund) {
        (OrderEventType::Cancelled, _) => ("cancel".to_owned(), left),
        (_, Some(refund)) => (refund.id.clone(), refund.amount.min(left)),
        (_, None) => (format!("full:{}", event.id), left),
    };
    if amount <= 0 && event.kind != OrderEventType::Cancelled {
        return Ok(answer(event, OrderOutcome::NothingToRefund, Some(&row)));
    }
    if !insert_refund(conn, &row.id, &refund_id, amount.max(0), now.unix()).await? {
        return Ok(answer(event, OrderOutcome::AlreadyRecorded, Some(&row)));
    }
    row.refunded += amount.max(0);
    row.status = status(event.kind == OrderEventType::Cancelled, row.refunded, row.total).to_owned();
    stored::set_refunded(conn, &row.id, row.refunded, &row.status).await?;
    Ok(answer(event, OrderOutcome::Recorded, Some(&row)))
}

fn status(cancelled: bool, refunded: i64, total: i64) -> &'static str {
    if cancelled {
        "cancelled"
    } else if refunded >= total {
        "refunded"
    } else if refunded > 0 {
        "partiallyRefunded"
    } else {
        "paid"
    }
}

fn answer(event: &OrderEvent, outcome: OrderOutcome, row: Option<&GuestOrderRow>) -> OrderEventResult {
    OrderEventResult {
        guest: Some(true),
        points: Some(0),
        refunded: row.map(|row| row.refunded),
        status: row.map(|row| row.status.clone()),
        ..OrderEventResult::new(&event.id, &event.order.id, outcome)
    }
}
