//! The host's movable clock from a test: read it, move it, and orders
//! placed and signed at the moved time.

use super::admin::{admin_call, admin_get};
use super::{cart, Host};
use serde_json::json;

/// The host's clock now, RFC 3339 (orders placed "now" after it was moved).
pub fn host_now(host: &Host) -> String {
    admin_get(host, "/v1/admin/clock").body["now"].as_str().unwrap().to_owned()
}

/// Moves the host's clock `days` forward (the scan and the mail round run at once).
pub fn advance(host: &Host, days: i64) {
    let reply = admin_call(host, "POST", "/v1/admin/clock", Some(&json!({ "advanceDays": days })));
    assert_eq!(reply.status, 200, "{}", reply.text);
}

/// `order.paid` of `price` for `customer`, placed at `placed_at`.
pub fn pay_at(host: &Host, order: &str, customer: &str, price: i64, placed_at: &str) {
    let event = json!({
        "id": format!("evt-paid-{order}"), "type": "order.paid",
        "order": { "id": order, "customerId": customer, "total": price, "placedAt": placed_at, "cart": cart(price) }
    });
    // Signed at the host's clock, which the test moved ahead of real time.
    let t = treu::engine::time::Timestamp::parse(&host_now(host)).unwrap().unix();
    let body = event.to_string();
    let signature = super::sign(&body, t);
    let headers = [("content-type", "application/json"), ("treu-signature", signature.as_str())];
    let reply = host.call("POST", "/v1/webhooks/orders", &headers, Some(&body));
    assert_eq!(reply.status, 200, "{}", reply.text);
}

/// Moves the host's clock `seconds` forward.
pub fn advance_seconds(host: &Host, seconds: i64) {
    let reply = admin_call(host, "POST", "/v1/admin/clock", Some(&json!({ "advanceSeconds": seconds })));
    assert_eq!(reply.status, 200, "{}", reply.text);
}
