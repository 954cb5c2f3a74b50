//! The demo shop's backend (`serve --demo-shop`): sign-up, checkout with a
//! discount code, the customer's orders and refunds, each reported to treu as
//! a signed webhook through the host's own routes. And referral shares.

mod common;

use common::contract::{check, problem};
use common::{cart, test_program, token, Host};
use serde_json::{json, Value};

fn post(host: &Host, path: &str, token: Option<&str>, body: &Value) -> common::Reply {
    let bearer = token.map(|token| format!("Bearer {token}"));
    let mut headers = vec![("content-type", "application/json")];
    if let Some(bearer) = &bearer {
        headers.push(("authorization", bearer));
    }
    host.call("POST", path, &headers, Some(&body.to_string()))
}

#[test]
fn without_the_flag_there_is_no_demo_shop() {
    let host = Host::with_program();
    for path in ["/demo/accounts", "/demo/checkout", "/demo/orders/KT-1001/refunds", "/demo/clock"] {
        let reply = post(&host, path, None, &json!({}));
        assert_eq!(reply.status, 404, "{path}: {}", reply.text);
    }
    assert_eq!(host.get_as("/demo/orders", &token("c-1")).status, 404);
}

#[test]
fn a_new_account_checks_out_and_earns_pending_points() {
    let mut program = test_program();
    program["earning"]["returnWindowDays"] = json!(14);
    let host = Host::with(&program, &["--demo-shop"]);
    let account = post(&host, "/demo/accounts", None, &json!({ "name": "Fay Friend", "email": "fay@example.com" }));
    assert_eq!(account.status, 201, "{}", account.text);
    let token = account.body["token"].as_str().unwrap().to_owned();
    let invalid = post(&host, "/demo/accounts", None, &json!({ "name": "", "email": "no-at-sign" }));
    problem(&invalid, 422, "invalid-input");
    let paths: Vec<&str> =
        invalid.body["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["name", "email"]);

    // €30 of goods: under the €50 threshold, so €4.90 shipping.
    let checkout = post(&host, "/demo/checkout", Some(&token), &json!({ "cart": cart(3000) }));
    assert_eq!(checkout.status, 201, "{}", checkout.text);
    let order = &checkout.body["order"];
    assert_eq!(
        (order["subtotal"].as_i64(), order["shipping"].as_i64(), order["total"].as_i64()),
        (Some(3000), Some(490), Some(3490))
    );
    assert_eq!(checkout.body["webhook"]["status"], 200, "{}", checkout.text);
    check("OrderEventResult", &checkout.body["webhook"]["body"]);
    assert_eq!(checkout.body["webhook"]["body"]["points"], 30, "shipping earns nothing");
    let me = host.get_as("/v1/me", &token).body;
    assert_eq!(me["balance"]["pending"], 30, "pending through the return window: {}", me["balance"]);

    // Over the threshold, shipping is free.
    let free = post(&host, "/demo/checkout", Some(&token), &json!({ "cart": cart(6000) }));
    assert_eq!((free.body["order"]["shipping"].as_i64(), free.body["order"]["total"].as_i64()), (Some(0), Some(6000)));
    let orders = host.get_as("/demo/orders", &token);
    assert_eq!(orders.status, 200, "{}", orders.text);
    let ids: Vec<&str> = orders.body["orders"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["KT-1002", "KT-1001"], "newest first");
    let bad = post(&host, "/demo/checkout", Some(&token), &json!({ "cart": { "currency": "USD", "lines": [] } }));
    problem(&bad, 422, "invalid-input");
}

#[test]
fn a_redeemed_code_is_applied_at_its_value_and_marked_used() {
    let host = Host::with(&test_program(), &["--demo-shop"]);
    host.adjust("c-1", 600);
    let token = token("c-1");
    let code = host.post("/v1/redemptions", Some(&token), "r1", &json!({ "option": "5-off", "cart": cart(3000) }));
    assert_eq!(code.status, 201, "{}", code.text);
    let code = code.body["code"].as_str().unwrap().to_owned();

    let someone_else = post(
        &host,
        "/demo/checkout",
        Some(&common::token("c-2")),
        &json!({ "cart": cart(3000), "discountCode": code }),
    );
    problem(&someone_else, 422, "invalid-input");
    assert_eq!(someone_else.body["errors"][0]["path"], "discountCode");

    let checkout = post(
        &host,
        "/demo/checkout",
        Some(&token),
        &json!({ "cart": cart(3000), "discountCode": code.to_lowercase() }),
    );
    assert_eq!(checkout.status, 201, "{}", checkout.text);
    let order = &checkout.body["order"];
    assert_eq!((order["discount"].as_i64(), order["total"].as_i64()), (Some(500), Some(3000 - 500 + 490)));
    assert_eq!(checkout.body["webhook"]["body"]["points"], 25, "points on what was paid for the goods");
    let me = host.me("c-1");
    assert!(
        me["discountCodes"].as_array().unwrap().iter().all(|listed| listed["code"] != code.as_str()),
        "used: {}",
        me["discountCodes"]
    );

    let again = post(&host, "/demo/checkout", Some(&token), &json!({ "cart": cart(3000), "discountCode": code }));
    problem(&again, 422, "invalid-input");
    assert_eq!(again.body["errors"][0]["reason"], "was used on an earlier order");
    let unknown =
        post(&host, "/demo/checkout", Some(&token), &json!({ "cart": cart(3000), "discountCode": "TREU-NOPE" }));
    assert_eq!(unknown.body["errors"][0]["path"], "discountCode");
}

#[test]
fn refunds_reverse_the_points_of_the_refunded_share() {
    let host = Host::with(&test_program(), &["--demo-shop"]);
    let token = token("c-1");
    let checkout = post(&host, "/demo/checkout", Some(&token), &json!({ "cart": cart(6000) }));
    assert_eq!(checkout.body["webhook"]["body"]["points"], 60);
    assert_eq!(host.me("c-1")["balance"]["available"], 60);

    let partial = post(&host, "/demo/orders/KT-1001/refunds", Some(&token), &json!({ "amount": 1500 }));
    assert_eq!(partial.status, 201, "{}", partial.text);
    assert_eq!(partial.body["order"]["status"], "partiallyRefunded");
    assert_eq!(partial.body["webhook"]["body"]["points"], -15);
    assert_eq!(host.me("c-1")["balance"]["available"], 45);

    let too_much = post(&host, "/demo/orders/KT-1001/refunds", Some(&token), &json!({ "amount": 4501 }));
    problem(&too_much, 422, "invalid-input");
    let not_yours = post(&host, "/demo/orders/KT-1001/refunds", Some(&common::token("c-2")), &json!({}));
    problem(&not_yours, 404, "no-order");

    let rest = post(&host, "/demo/orders/KT-1001/refunds", Some(&token), &json!({}));
    assert_eq!(
        (rest.body["order"]["status"].as_str(), rest.body["order"]["refunded"].as_i64()),
        (Some("refunded"), Some(6000))
    );
    assert_eq!(host.me("c-1")["balance"]["available"], 0);
    problem(&post(&host, "/demo/orders/KT-1001/refunds", Some(&token), &json!({})), 409, "already-refunded");
}

#[test]
fn the_demo_clock_panel_needs_a_movable_clock() {
    let fixed = Host::with(&test_program(), &["--demo-shop"]);
    problem(&post(&fixed, "/demo/clock", None, &json!({ "advanceDays": 14 })), 403, "clock-fixed");
    let movable = Host::with(&test_program(), &["--demo-shop", "--movable-clock"]);
    let moved = post(&movable, "/demo/clock", None, &json!({ "advanceDays": 14 }));
    assert_eq!(moved.status, 200, "{}", moved.text);
    check("Clock", &moved.body);
    assert_eq!(moved.body["offsetSeconds"], 14 * 86_400);
    // Webhooks the demo signs after the move carry the moved time and are accepted.
    let checkout = post(&movable, "/demo/checkout", Some(&token("c-1")), &json!({ "cart": cart(3000) }));
    assert_eq!(checkout.body["webhook"]["status"], 200, "{}", checkout.text);
}

#[test]
fn a_share_is_counted_once_per_member_and_day() {
    let host = Host::with_program();
    let first = host.post("/v1/referrals/shares", Some(&token("c-1")), "s1", &json!({ "channel": "copy" }));
    assert_eq!(first.status, 201, "{}", first.text);
    check("ReferralShareResult", &first.body);
    assert_eq!(first.body["recorded"], true);
    let second = host.post("/v1/referrals/shares", Some(&token("c-1")), "s2", &json!({ "channel": "share" }));
    assert_eq!(second.body["recorded"], false);
    let other = host.post("/v1/referrals/shares", Some(&token("c-2")), "s1", &json!({ "channel": "share" }));
    assert_eq!(other.body["recorded"], true);
    let bad = host.post("/v1/referrals/shares", Some(&token("c-1")), "s3", &json!({ "channel": "fax" }));
    problem(&bad, 422, "invalid-input");
    assert_eq!(bad.body["errors"][0]["path"], "channel");
    problem(&host.post("/v1/referrals/shares", None, "s4", &json!({ "channel": "copy" })), 401, "unauthorized");
}
