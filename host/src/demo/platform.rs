//! The demo shop as a platform: it tells treu about orders the way a shop
//! platform does, with signed webhooks. Each request is built with a real
//! `Treu-Signature` and passed through the host's own webhook routes
//! (`tower::ServiceExt::oneshot`), so the signature check and the handler a
//! platform's request meets are the ones that run.

use crate::app::MAX_BODY_BYTES;
use crate::problem::Problem;
use crate::routes::webhooks;
use crate::state::AppState;
use crate::storage::demo_orders::DemoOrderRow;
use axum::body::Body;
use axum::http::{header, Request};
use serde_json::{json, Value};
use tower::ServiceExt;
use treu::engine::cart::Cart;
use treu::engine::time::Timestamp;

/// The host's answer to a webhook: its status and JSON body.
pub struct Delivery {
    pub status: u16,
    pub body: Value,
}

/// Signs `event` with the shop secret at the host's time and delivers it.
pub async fn deliver(state: &AppState, event: &Value) -> Result<Delivery, Problem> {
    let secret = state
        .settings
        .webhook_secret()
        .ok_or_else(|| Problem::unauthorized("the demo shop needs TREU_SHOP_SECRET to sign its webhooks"))?;
    let body = event.to_string();
    let signature = crate::signature::sign(secret, crate::clock::now().unix(), body.as_bytes());
    let request = Request::post(webhooks::ORDERS_PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .header("treu-signature", signature)
        .body(Body::from(body))
        .map_err(Problem::internal)?;
    let response = match webhooks::routes().with_state(state.clone()).oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), MAX_BODY_BYTES).await.map_err(Problem::internal)?;
    Ok(Delivery { status, body: serde_json::from_slice(&bytes).unwrap_or(Value::Null) })
}

/// `order.paid` for `order` with the `cart` the customer paid for; a guest's
/// order says `guest: true` and names no customer.
pub fn paid_event(order: &DemoOrderRow, cart: &Cart) -> Value {
    let placed_at = Timestamp::from_unix(order.placed_at);
    let mut payload = json!({ "id": order.id, "total": order.total, "placedAt": placed_at, "cart": cart });
    match &order.customer_id {
        Some(customer) => payload["customerId"] = json!(customer),
        None => payload["guest"] = json!(true),
    }
    if let Some(email) = &order.email {
        payload["email"] = json!(email);
    }
    if let Some(code) = &order.discount_code {
        payload["discountCodes"] = json!([code]);
    }
    json!({ "id": format!("evt-{}-paid", order.id), "type": "order.paid", "order": payload })
}

/// A refund of `amount` after `refunded_before` was refunded: `order.refunded`
/// when it refunds the rest, else `order.partiallyRefunded`.
pub fn refund_event(order: &DemoOrderRow, refunded_before: i64, amount: i64) -> Value {
    let refund_id = format!("{}-refund-{refunded_before}", order.id);
    let kind = if refunded_before + amount >= order.total { "order.refunded" } else { "order.partiallyRefunded" };
    json!({
        "id": format!("evt-{refund_id}"), "type": kind,
        "order": { "id": order.id, "total": order.total },
        "refund": { "id": refund_id, "amount": amount },
    })
}
