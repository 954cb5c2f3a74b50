//! One platform order's state → the ledger, through the same functions as
//! `POST /v1/webhooks/orders` (`orders.rs`). Every effect is keyed by the
//! order and refund ids, never by the delivery, so a payment reported by
//! `orders/paid` and again by `orders/updated` earns once, a refund seen in
//! `refunds/create` and again in the order's `refunds` reverses once, and
//! any order of arrival ends in the same ledger as in-order delivery: the
//! engine reverses pro rata of the cumulative refunded share, never more than
//! was awarded, and refunds that come before the payment wait for it.

use super::order::{PlatformOrder, PlatformRefund};
use super::shopify::in_order_currency;
use crate::order_events::{check_event, OrderEvent};
use crate::orders::{paid, refunded};
use crate::problem::Problem;
use crate::storage::platforms::{self, OrderTotals};
use crate::storage::Conn;
use crate::views::orders::OrderEventResult;
use crate::views::platforms::{Convergence, PlatformOutcome};
use serde_json::{json, Value};
use treu::engine::money::Currency;
use treu::engine::program::Program;
use treu::engine::time::Timestamp;

/// Applies what is new in `order`; `source` names the delivery (for answers and logs).
pub async fn converge(
    conn: &mut Conn,
    program: &Program,
    order: &PlatformOrder,
    source: &str,
    now: Timestamp,
) -> Result<Convergence, Problem> {
    // A guest (no customer account) is recorded for the revenue report and earns nothing.
    let guest = order.customer_id.is_none();
    let convergence = |outcome, effects| Convergence {
        order: Some(order.id.clone()),
        customer: Some(order.customer_id.clone()),
        guest: Some(guest),
        outcome,
        effects: Some(effects),
    };
    let mut effects = Vec::new();
    if order.total <= 0 {
        return Ok(convergence(PlatformOutcome::NothingToEarn, effects));
    }
    if order.paid {
        let event = json!({
            "id": format!("{source}:paid"), "type": "order.paid",
            "order": {
                "id": order.id, "total": order.total, "customerId": order.customer_id, "guest": guest,
                "email": order.email,
                "shippingAddress": order.shipping_address, "placedAt": order.placed_at,
                "cart": order.cart, "discountCodes": order.discount_codes,
            },
        });
        let event = event_from(event)?;
        effects.push(paid(conn, program, &event, now).await?);
    }
    for refund in order.refunds.iter().filter(|refund| refund.amount > 0) {
        effects.push(apply_refund(conn, program, &order.id, order.total, refund, source, now).await?);
    }
    if order.cancelled {
        let event = json!({ "id": format!("{source}:cancel"), "type": "order.cancelled",
                            "order": { "id": order.id, "total": order.total } });
        effects.push(refunded(conn, program, &event_from(event)?, now).await?);
    }
    Ok(convergence(PlatformOutcome::Converged, effects))
}

/// A Shopify order: its totals in both moneys are kept (for refunds reported
/// in the other currency), the order converges, and refunds delivered before
/// it (`refunds/create` first) are applied now that their share is known.
pub async fn converge_shopify(
    conn: &mut Conn,
    program: &Program,
    order: &PlatformOrder,
    totals: &OrderTotals,
    source: &str,
    now: Timestamp,
) -> Result<Convergence, Problem> {
    platforms::save_order_totals(conn, "shopify", &order.id, totals, now.unix()).await?;
    let mut result = converge(conn, program, order, source, now).await?;
    for (refund_id, currency, amount) in platforms::take_waiting_refunds(conn, "shopify", &order.id).await? {
        let converted =
            Currency::parse(&currency).ok().and_then(|currency| in_order_currency(currency, amount, totals));
        let Some(amount) = converted else {
            tracing::warn!(order = %order.id, refund = refund_id, currency, "waiting refund in neither of the order's currencies");
            continue;
        };
        let refund = PlatformRefund { id: refund_id, amount };
        let effect = apply_refund(conn, program, &order.id, order.total, &refund, source, now).await?;
        result.effects.get_or_insert_with(Vec::new).push(effect);
    }
    Ok(result)
}

/// One refund of `amount` on an order of `total` (both in the order's currency).
pub async fn apply_refund(
    conn: &mut Conn,
    program: &Program,
    order_id: &str,
    total: i64,
    refund: &PlatformRefund,
    source: &str,
    now: Timestamp,
) -> Result<OrderEventResult, Problem> {
    let event = json!({
        "id": format!("{source}:refund:{}", refund.id), "type": "order.partiallyRefunded",
        "order": { "id": order_id, "total": total },
        "refund": { "id": refund.id, "amount": refund.amount.min(total) },
    });
    refunded(conn, program, &event_from(event)?, now).await
}

/// The engine-side event, checked as `POST /v1/webhooks/orders` checks it.
fn event_from(value: Value) -> Result<OrderEvent, Problem> {
    let event: OrderEvent =
        serde_json::from_value(value).map_err(|error| Problem::internal(format!("platform order event: {error}")))?;
    check_event(&event)?;
    Ok(event)
}
