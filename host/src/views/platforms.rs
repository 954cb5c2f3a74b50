//! What a Shopify or WooCommerce delivery did: the answer of their webhook
//! endpoints (schema `PlatformEventResult`), stored with the delivery and
//! replayed to a redelivery.

use super::orders::OrderEventResult;
use serde::Serialize;

/// The answer to one platform delivery.
#[derive(Serialize)]
pub struct PlatformEventResult {
    /// `shopify` or `woocommerce`.
    pub platform: &'static str,
    /// The delivery's topic; none on WooCommerce's activation ping.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    #[serde(flatten)]
    pub convergence: Convergence,
}

/// What became of a platform order's state (or of a refund reported alone).
#[derive(Serialize)]
pub struct Convergence {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// The platform's customer id, null for a guest; left out where the
    /// delivery did not say (a refund alone, a ping, an ignored topic).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guest: Option<bool>,
    pub outcome: PlatformOutcome,
    /// The order events applied, each as `POST /v1/webhooks/orders` answers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effects: Option<Vec<OrderEventResult>>,
}

impl Convergence {
    /// `outcome` with no other field: a ping or an ignored topic.
    pub fn only(outcome: PlatformOutcome) -> Convergence {
        Convergence { order: None, customer: None, guest: None, outcome, effects: None }
    }

    /// `outcome` of a refund reported alone for `order`, with the `effects` it had.
    pub fn refund(order: &str, outcome: PlatformOutcome, effects: Vec<OrderEventResult>) -> Convergence {
        Convergence { order: Some(order.to_owned()), customer: None, guest: None, outcome, effects: Some(effects) }
    }
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub enum PlatformOutcome {
    /// What was new in the order is applied (see `effects`).
    Converged,
    /// A total of 0.
    NothingToEarn,
    /// A refund that returned no money.
    NothingReturned,
    /// A refund before its order was seen, applied when the order arrives.
    AwaitingOrder,
    /// A topic that moves no points.
    Ignored,
    /// WooCommerce's activation.
    Ping,
}

/// A customer token minted for a Shopify storefront through the app proxy
/// (schema `ProxyToken`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyToken {
    /// A customer token (JWT, HS256).
    pub token: String,
    /// Shopify's customer id.
    pub customer: String,
    pub expires_at: treu::engine::time::Timestamp,
}
