//! What tests send: order and refund events, carts, instants, customer tokens
//! and webhook signatures, made as the shop and its platform make them.

use super::SHOP_SECRET;
use serde_json::{json, Value};

/// An `order.paid` event.
pub fn paid_event(order: &str, customer: &str, price: i64, placed_at: &str) -> Value {
    json!({
        "id": format!("evt-paid-{order}"), "type": "order.paid",
        "order": { "id": order, "customerId": customer, "total": price, "placedAt": placed_at,
                   "cart": { "currency": "EUR", "lines": [{ "productId": "mug", "quantity": 1, "unitPrice": price }] } }
    })
}

/// A refund event of `amount` (`None`: the rest, `order.refunded`).
pub fn refund_event(order: &str, total: i64, refund: &str, amount: Option<i64>) -> Value {
    match amount {
        Some(amount) => json!({ "id": format!("evt-refund-{order}-{refund}"), "type": "order.partiallyRefunded",
                                "order": { "id": order, "total": total }, "refund": { "id": refund, "amount": amount } }),
        None => json!({ "id": format!("evt-refund-{order}-{refund}"), "type": "order.refunded",
                        "order": { "id": order, "total": total } }),
    }
}

/// A cart of one line.
pub fn cart(price: i64) -> Value {
    json!({ "currency": "EUR", "lines": [{ "productId": "mug", "quantity": 1, "unitPrice": price }] })
}

/// The instant `days` days ago, RFC 3339.
pub fn days_ago(days: i64) -> String {
    treu::engine::time::Timestamp::from_unix(now() - days * 86_400).unwrap().to_string()
}

/// Unix seconds now.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A number unique within this test process.
pub fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A customer token for `customer`, valid for an hour, signed with the shop secret.
pub fn token(customer: &str) -> String {
    token_with(json!({ "sub": customer, "exp": now() + 3600 }), SHOP_SECRET)
}

/// A token with any claims, signed HS256 with `secret`.
pub fn token_with(claims: Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("token")
}

/// `Treu-Signature` for `body` at `t`.
pub fn sign(body: &str, t: i64) -> String {
    sign_with(body, t, SHOP_SECRET)
}

/// `Treu-Signature` for `body` at `t`, signed with `secret`.
pub fn sign_with(body: &str, t: i64, secret: &str) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}
