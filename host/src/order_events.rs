//! An order event as the platform reports it (`POST /v1/webhooks/orders`,
//! and the events the Shopify and WooCommerce connectors map their
//! deliveries to), and what each event type must carry, with JSON paths.
//! What an event does is in `orders.rs`.

use crate::problem::Problem;
use serde::Deserialize;
use treu::engine::cart::Cart;
use treu::engine::error::InputError;
use treu::engine::money::MAX_MINOR;
use treu::engine::time::Timestamp;

/// An order event.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderEvent {
    /// The platform's event id: a redelivery carries the same one.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: OrderEventType,
    pub order: OrderPayload,
    /// For `order.partiallyRefunded` (required) and `order.refunded` (optional).
    #[serde(default)]
    pub refund: Option<RefundPayload>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum OrderEventType {
    #[serde(rename = "order.paid")]
    Paid,
    #[serde(rename = "order.partiallyRefunded")]
    PartiallyRefunded,
    #[serde(rename = "order.refunded")]
    Refunded,
    #[serde(rename = "order.cancelled")]
    Cancelled,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrderPayload {
    pub id: String,
    /// What the customer paid, minor units; refunds are shares of it.
    pub total: i64,
    /// Required for `order.paid`, unless `guest` is true.
    #[serde(default)]
    pub customer_id: Option<String>,
    /// A shopper without an account: the order is recorded for the revenue
    /// report and earns nothing.
    #[serde(default)]
    pub guest: bool,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub shipping_address: Option<String>,
    /// Required for `order.paid`.
    #[serde(default)]
    pub placed_at: Option<Timestamp>,
    /// Required for `order.paid`: what was bought, as the engine reads carts.
    #[serde(default)]
    pub cart: Option<Cart>,
    /// Discount codes used on the order (treu codes are marked used).
    #[serde(default)]
    pub discount_codes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RefundPayload {
    /// The platform's refund id.
    pub id: String,
    pub amount: i64,
}

impl serde::Serialize for OrderEventType {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            OrderEventType::Paid => "order.paid",
            OrderEventType::PartiallyRefunded => "order.partiallyRefunded",
            OrderEventType::Refunded => "order.refunded",
            OrderEventType::Cancelled => "order.cancelled",
        })
    }
}

/// What each event type needs, with JSON paths.
pub fn check_event(event: &OrderEvent) -> Result<(), Problem> {
    let mut errors = InputError::default();
    errors.require(!event.id.trim().is_empty() && event.id.len() <= 255, || "id".into(), "must be 1 to 255 characters");
    errors.require(!event.order.id.trim().is_empty(), || "order.id".into(), "must not be empty");
    errors.require(
        (1..=MAX_MINOR).contains(&event.order.total),
        || "order.total".into(),
        format!("must be from 1 to {MAX_MINOR} (minor units)"),
    );
    if event.kind == OrderEventType::Paid {
        let customer_ok = event.order.customer_id.as_deref().is_some_and(|id| !id.trim().is_empty());
        if event.order.guest {
            errors.require(
                event.order.customer_id.is_none(),
                || "order.customerId".into(),
                "must be absent when order.guest is true",
            );
        } else {
            errors.require(customer_ok, || "order.customerId".into(), "is required for order.paid");
        }
        errors.require(event.order.placed_at.is_some(), || "order.placedAt".into(), "is required for order.paid");
        errors.require(event.order.cart.is_some(), || "order.cart".into(), "is required for order.paid");
    }
    match (&event.kind, &event.refund) {
        (OrderEventType::PartiallyRefunded, None) => errors.push("refund", "is required for order.partiallyRefunded"),
        (_, Some(refund)) => {
            errors.require(!refund.id.trim().is_empty(), || "refund.id".into(), "must not be empty");
            errors.require(
                (1..=event.order.total).contains(&refund.amount),
                || "refund.amount".into(),
                "must be from 1 to order.total (minor units)",
            );
        }
        _ => {}
    }
    errors.or_ok(()).map_err(Problem::from)
}
