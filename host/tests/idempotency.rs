//! Idempotency keys on POSTs: replay, mismatch, in flight, missing.

mod common;

use common::contract::problem;
use common::{cart, sql, token, Host};
use serde_json::json;

#[test]
fn a_retry_gets_the_first_response_and_changes_nothing() {
    let host = Host::with_program();
    host.adjust("c-1", 1000);
    let customer = token("c-1");
    let body = json!({ "option": "5-off", "cart": cart(3000) });
    let first = host.post("/v1/redemptions", Some(&customer), "key-1", &body);
    assert_eq!(first.status, 201, "{}", first.text);
    assert!(!first.replayed);
    let again = host.post("/v1/redemptions", Some(&customer), "key-1", &body);
    assert_eq!(again.status, 201);
    assert!(again.replayed);
    assert_eq!(again.body, first.body, "the same code, not a second one");
    assert_eq!(host.me("c-1")["balance"]["available"], 500);
    // Keys are per caller: another customer's key-1 is another request.
    host.adjust("c-2", 500);
    let other = host.post("/v1/redemptions", Some(&token("c-2")), "key-1", &body);
    assert_eq!(other.status, 201, "{}", other.text);
    assert_ne!(other.body["code"], first.body["code"]);
}

#[test]
fn the_same_key_with_another_body_is_refused() {
    let host = Host::with_program();
    host.adjust("c-1", 1000);
    let customer = token("c-1");
    let first =
        host.post("/v1/redemptions", Some(&customer), "key-1", &json!({ "option": "5-off", "cart": cart(3000) }));
    assert_eq!(first.status, 201);
    let other =
        host.post("/v1/redemptions", Some(&customer), "key-1", &json!({ "option": "ship", "cart": cart(3000) }));
    problem(&other, 422, "idempotency-key-reused");
    assert_eq!(host.me("c-1")["balance"]["available"], 500);
}

#[test]
fn a_request_still_in_flight_is_409() {
    let host = Host::with_program();
    let customer = token("c-1");
    host.me("c-1");
    let body = json!({ "action": "newsletter" });
    // The first request with this key has been claimed and not finished yet.
    let hash = {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        hasher.update(b"POST /v1/actions");
        hasher.update([0]);
        hasher.update(body.to_string().as_bytes());
        hex::encode(hasher.finalize())
    };
    let now = common::now();
    sql(&host, &[&format!(
        "INSERT INTO idempotency_keys (scope, key, request_hash, created_at) VALUES ('customer:c-1', 'busy', '{hash}', {now})"
    )]);
    let reply = host.post("/v1/actions", Some(&customer), "busy", &body);
    problem(&reply, 409, "request-in-flight");
    assert_eq!(reply.retry_after.as_deref(), Some("1"));
    let reply = host.post("/v1/actions", Some(&customer), "busy", &json!({ "action": "review" }));
    problem(&reply, 422, "idempotency-key-reused");
    // A first request abandoned long ago (a crash) is taken over.
    sql(&host, &["UPDATE idempotency_keys SET created_at = created_at - 3600 WHERE key = 'busy'"]);
    let reply = host.post("/v1/actions", Some(&customer), "busy", &body);
    assert_eq!(reply.status, 201, "{}", reply.text);
}

#[test]
fn every_post_needs_a_key() {
    let host = Host::with_program();
    let customer = format!("Bearer {}", token("c-1"));
    let body = json!({ "cart": cart(100) }).to_string();
    for path in ["/v1/actions", "/v1/redemptions", "/v1/referrals/claim", "/v1/admin/customers/c-1/adjustments"] {
        let reply =
            host.call("POST", path, &[("content-type", "application/json"), ("authorization", &customer)], Some(&body));
        if path.contains("admin") {
            problem(&reply, 401, "unauthorized");
        } else {
            problem(&reply, 400, "idempotency-key-required");
        }
    }
    let too_long = "k".repeat(256);
    let reply = host.post("/v1/actions", Some(&token("c-1")), &too_long, &json!({ "action": "newsletter" }));
    problem(&reply, 400, "idempotency-key-required");
}

#[test]
fn failed_validation_is_answered_again_and_old_keys_are_pruned_at_start() {
    let host = Host::with_program();
    let member = token("c-1");
    let bad = json!({ "option": "5-off",
                      "cart": { "currency": "EUR", "lines": [{ "productId": "", "quantity": 1, "unitPrice": 1 }] } });
    let first = host.post("/v1/redemptions", Some(&member), "q", &bad);
    problem(&first, 422, "invalid-input");
    let again = host.post("/v1/redemptions", Some(&member), "q", &bad);
    assert!(again.replayed);
    assert_eq!(again.body, first.body);
    sql(&host, &["UPDATE idempotency_keys SET created_at = created_at - 9 * 86400 WHERE key = 'q'"]);
    let (_, dir) = host.stop();
    let host = Host::start_in(dir, &[]);
    let fresh = host.post("/v1/redemptions", Some(&member), "q", &bad);
    assert!(!fresh.replayed, "a key older than 8 days is gone");
}

#[test]
fn a_quote_is_a_pure_read_that_stores_nothing() {
    let host = Host::with_program();
    let body = json!({ "cart": cart(4000) }).to_string();
    let headers = [("content-type", "application/json")];
    let first = host.call("POST", "/v1/quote", &headers, Some(&body));
    assert_eq!(first.status, 200, "no Idempotency-Key needed: {}", first.text);
    for n in 0..20 {
        let reply = host.post("/v1/quote", Some(&token("c-1")), &format!("q-{n}"), &json!({ "cart": cart(4000) }));
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert!(!reply.replayed);
    }
    let bad = host.post("/v1/quote", None, "q-bad", &json!({ "cart": { "currency": "EUR", "lines": 7 } }));
    problem(&bad, 422, "invalid-input");
    assert_eq!(keys_stored(&host), 0, "quotes left idempotency records behind");
}

/// Rows in `idempotency_keys`, read from the host's database.
fn keys_stored(host: &Host) -> i64 {
    common::sql_number(host, "SELECT COUNT(*) FROM idempotency_keys")
}
