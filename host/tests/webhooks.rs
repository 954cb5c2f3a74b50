//! `POST /v1/webhooks/orders`: signatures, earning, refunds, duplicates and
//! events out of order, against the real binary.

mod common;

use common::contract::{check, problem};
use common::{now, paid_event, refund_event, sign, sign_with, Host};
use serde_json::json;

#[test]
fn bad_signatures_and_stale_timestamps_are_refused() {
    let host = Host::with_program();
    let body = paid_event("o-1", "c-1", 4599, "2026-01-15T10:00:00Z").to_string();
    let send = |signature: Option<&str>, body: &str| {
        let mut headers = vec![("content-type", "application/json")];
        if let Some(signature) = signature {
            headers.push(("treu-signature", signature));
        }
        host.call("POST", "/v1/webhooks/orders", &headers, Some(body))
    };
    problem(&send(None, &body), 401, "invalid-signature");
    problem(&send(Some("garbage"), &body), 401, "invalid-signature");
    problem(&send(Some(&sign_with(&body, now(), "wrong-secret")), &body), 401, "invalid-signature");
    problem(&send(Some(&sign(&body, now() - 301)), &body), 401, "invalid-signature");
    problem(&send(Some(&sign(&body, now() + 301)), &body), 401, "invalid-signature");
    let tampered = body.replace("4599", "9999");
    problem(&send(Some(&sign(&body, now())), &tampered), 401, "invalid-signature");
    // Nothing was recorded by any of them.
    assert_eq!(host.me("c-1")["balance"]["total"], 0);
    let reply = send(Some(&sign(&body, now() - 200)), &body);
    assert_eq!(reply.status, 200, "{}", reply.text);
}

#[test]
fn a_paid_order_earns_what_the_quote_said() {
    let host = Host::with_program();
    let quote = host.post("/v1/quote", None, "q", &json!({ "cart": common::cart(4599) }));
    assert_eq!(quote.status, 200, "{}", quote.text);
    check("Quote", &quote.body);
    let reply = host.pay("o-1", "c-1", 4599);
    assert_eq!(reply.body["points"], quote.body["earn"]["total"]);
    assert_eq!(reply.body["points"], 45);
    let me = host.me("c-1");
    assert_eq!(me["balance"]["available"], 45);
    assert_eq!(me["stage"], "new");
    assert_eq!(me["history"]["entries"][0]["type"], "earn");
}

#[test]
fn the_same_webhook_twice_changes_nothing() {
    let host = Host::with_program();
    let first = host.pay("o-1", "c-1", 10000);
    let again = host.webhook(&paid_event("o-1", "c-1", 10000, &common::days_ago(1)));
    assert_eq!(again.status, 200);
    assert!(again.replayed);
    assert_eq!(again.body, first.body);
    // A new event id for the same order does not earn again either.
    let mut other = paid_event("o-1", "c-1", 10000, &common::days_ago(1));
    other["id"] = json!("evt-other");
    let reply = host.webhook(&other);
    assert_eq!(reply.body["outcome"], "alreadyRecorded");
    let refund = refund_event("o-1", 10000, "r-1", Some(2500));
    let first = host.webhook(&refund);
    let twice = host.webhook(&refund);
    assert_eq!(first.body, twice.body);
    assert_eq!(host.me("c-1")["balance"]["available"], 75);
}

#[test]
fn partial_refunds_reverse_pro_rata_and_a_full_refund_all() {
    let host = Host::with_program();
    host.pay("o-1", "c-1", 10000); // 100 points
    let reply = host.webhook(&refund_event("o-1", 10000, "r-1", Some(3333)));
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("OrderEventResult", &reply.body);
    assert_eq!(reply.body["points"], -33);
    assert_eq!(reply.body["status"], "partiallyRefunded");
    let reply = host.webhook(&refund_event("o-1", 10000, "r-2", Some(3333)));
    assert_eq!(reply.body["points"], -33, "66.66 rounded down, minus 33 already reversed");
    let reply = host.webhook(&refund_event("o-1", 10000, "rest", None));
    assert_eq!(reply.body["points"], -34);
    assert_eq!(reply.body["status"], "refunded");
    let me = host.me("c-1");
    assert_eq!(me["balance"]["total"], 0);
    // Refunding more than the order is not possible.
    let reply = host.webhook(&refund_event("o-1", 10000, "r-3", Some(10)));
    assert_eq!(reply.body["outcome"], "nothingToRefund");
}

#[test]
fn a_cancellation_reverses_everything_and_out_of_order_events_converge() {
    let host = Host::with_program();
    host.pay("o-1", "c-1", 5000);
    let cancel = json!({ "id": "evt-cancel-o-1", "type": "order.cancelled", "order": { "id": "o-1", "total": 5000 } });
    let reply = host.webhook(&cancel);
    assert_eq!(reply.body["points"], -50, "{}", reply.text);
    assert_eq!(host.me("c-1")["balance"]["total"], 0);
    assert_eq!(host.me("c-1")["stage"], "prospect", "cancelled orders do not count");

    // Refund first, payment second: the same end state as the other way round.
    let early = host.webhook(&refund_event("o-2", 10000, "r-1", Some(5000)));
    assert_eq!(early.body["outcome"], "deferredUntilPaid", "{}", early.text);
    let paid = host.pay("o-2", "c-2", 10000);
    assert_eq!(paid.body["points"], 50);
    assert_eq!(host.me("c-2")["balance"]["available"], 50);

    // Cancelled before paid: the payment earns nothing.
    host.webhook(
        &json!({ "id": "evt-cancel-o-3", "type": "order.cancelled", "order": { "id": "o-3", "total": 5000 } }),
    );
    let paid = host.pay("o-3", "c-3", 5000);
    assert_eq!(paid.body["outcome"], "cancelledBeforePaid");
    assert_eq!(host.me("c-3")["balance"]["total"], 0);
}

#[test]
fn refund_after_redemption_shows_a_negative_balance() {
    let host = Host::with_program();
    host.pay("o-1", "c-1", 60000); // 600 points
    let reply = host.post(
        "/v1/redemptions",
        Some(&common::token("c-1")),
        "r1",
        &json!({ "option": "5-off", "cart": common::cart(3000) }),
    );
    assert_eq!(reply.status, 201, "{}", reply.text);
    let reply = host.webhook(&refund_event("o-1", 60000, "all", None));
    assert_eq!(reply.body["points"], -600);
    let me = host.me("c-1");
    assert_eq!(me["balance"]["available"], -500);
    assert_eq!(me["balance"]["negative"], true);
}

#[test]
fn malformed_events_name_the_field() {
    let host = Host::with_program();
    let reply = host.webhook(&json!({ "id": "e", "type": "order.paid", "order": { "id": "o", "total": 100 } }));
    problem(&reply, 422, "invalid-input");
    let paths: Vec<&str> =
        reply.body["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["order.customerId", "order.placedAt", "order.cart"]);
    let reply = host.webhook(&json!({ "id": "e", "type": "order.shipped", "order": { "id": "o", "total": 100 } }));
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "type");
    let mut bad_cart = paid_event("o", "c", 100, "2026-01-01T00:00:00Z");
    bad_cart["order"]["cart"]["lines"][0]["quantity"] = json!(0);
    let reply = host.webhook(&bad_cart);
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "order.cart.lines[0].quantity");
    let body = "{not json";
    let reply = host.call(
        "POST",
        "/v1/webhooks/orders",
        &[("content-type", "application/json"), ("treu-signature", &sign(body, now()))],
        Some(body),
    );
    problem(&reply, 400, "malformed-json");
}
