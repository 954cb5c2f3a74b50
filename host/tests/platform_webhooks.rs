//! Shopify and WooCommerce webhooks against the real binary: each payload
//! fixture mapped to its exact ledger effect, deliveries counted once,
//! signatures (right, wrong, rotated, missing, empty body), unknown topics,
//! malformed bodies that write nothing.

mod common;
mod platform_support;

use common::contract::problem;
use platform_support::*;
use serde_json::json;

#[test]
fn shopify_order_discounts_shipping_and_tax_on_top_earn_on_the_discounted_lines() {
    let host = host(&[]);
    let body = fixture("shopify", "orders-paid-discounts-shipping");
    let reply = shopify(&host, "orders/paid", "wh-1", &body);
    let result = handled(&reply);
    assert_eq!(result["outcome"], "converged");
    assert_eq!(result["customer"], "7390");
    let effect = &result["effects"][0];
    common::contract::check("OrderEventResult", effect);
    // (2 × 19.99 − 4.00) + (45.00 − 4.50) = 76.48 eligible; shipping 4.90 and tax 14.53 never earn.
    assert_eq!(effect["earn"]["eligibleSpend"], 7648);
    assert_eq!(effect["points"], 76);
    assert_eq!(balance(&host, "7390"), 76);
    // The same payment through orders/updated, and a retry of the first delivery, earn nothing more.
    let again = shopify(&host, "orders/paid", "wh-1", &body);
    assert!(again.replayed);
    assert_eq!(again.body, reply.body);
    handled(&shopify(&host, "orders/updated", "wh-2", &body));
    assert_eq!(balance(&host, "7390"), 76);
}

#[test]
fn shopify_partial_refund_reverses_pro_rata_once_across_topics_and_cancellation_takes_the_rest() {
    let host = host(&[]);
    handled(&shopify(&host, "orders/paid", "wh-1", &fixture("shopify", "orders-paid-discounts-shipping")));
    let refund = shopify(&host, "refunds/create", "wh-2", &fixture("shopify", "refunds-create-partial"));
    // 47.96 of 95.91 returned (the failed transaction returned nothing): 76 × 4796 / 9591 = 38.
    assert_eq!(handled(&refund)["effects"][0]["points"], -38);
    assert_eq!(balance(&host, "7390"), 38);
    // The same refund in the order's `refunds` does not reverse again.
    handled(&shopify(&host, "orders/updated", "wh-3", &fixture("shopify", "orders-updated-partially-refunded")));
    assert_eq!(balance(&host, "7390"), 38);
    let cancelled = shopify(&host, "orders/cancelled", "wh-4", &fixture("shopify", "orders-cancelled-refunded"));
    handled(&cancelled);
    assert_eq!(balance(&host, "7390"), 0);
    let me = host.me("7390");
    assert_eq!(me["history"]["entries"].as_array().unwrap().len(), 3, "{me:#}");
}

#[test]
fn shopify_refund_delivered_before_its_order_waits_for_it() {
    let host = host(&[]);
    let refund = shopify(&host, "refunds/create", "wh-1", &fixture("shopify", "refunds-create-partial"));
    assert_eq!(handled(&refund)["outcome"], "awaitingOrder");
    assert_eq!(balance(&host, "7390"), 0);
    let paid = shopify(&host, "orders/paid", "wh-2", &fixture("shopify", "orders-paid-discounts-shipping"));
    assert_eq!(handled(&paid)["effects"].as_array().unwrap().len(), 2, "{}", paid.text);
    assert_eq!(balance(&host, "7390"), 38);
    handled(&shopify(&host, "orders/updated", "wh-3", &fixture("shopify", "orders-updated-partially-refunded")));
    assert_eq!(balance(&host, "7390"), 38);
}

#[test]
fn shopify_tax_included_prices_earn_without_their_tax() {
    let host = host(&[]);
    let reply = shopify(&host, "orders/paid", "wh-1", &fixture("shopify", "orders-paid-tax-included"));
    // 3 × 11.90 = 35.70 with 5.70 VAT inside: 30.00 earns.
    assert_eq!(handled(&reply)["effects"][0]["earn"]["eligibleSpend"], 3000);
    assert_eq!(balance(&host, "7391"), 30);
}

#[test]
fn shopify_multi_currency_orders_earn_in_shop_money_by_default_and_refunds_convert() {
    let host = host(&[]);
    let reply = shopify(&host, "orders/paid", "wh-1", &fixture("shopify", "orders-paid-multi-currency"));
    let effect = &handled(&reply)["effects"][0];
    assert_eq!(effect["earn"]["eligibleSpend"], 5000);
    assert_eq!(balance(&host, "7392"), 50);
    // The refund transaction is in the presentment currency: USD 27.00 of 54.00 is EUR 25.00 of 50.00.
    let refund = shopify(&host, "refunds/create", "wh-2", &fixture("shopify", "refunds-create-presentment"));
    assert_eq!(handled(&refund)["effects"][0]["refunded"], 2500);
    assert_eq!(balance(&host, "7392"), 25);
}

#[test]
fn shopify_presentment_money_is_an_option() {
    let host = host(&["--shopify-money", "presentment"]);
    let reply = shopify(&host, "orders/paid", "wh-1", &fixture("shopify", "orders-paid-multi-currency"));
    assert_eq!(handled(&reply)["effects"][0]["earn"]["eligibleSpend"], 5400);
    assert_eq!(balance(&host, "7392"), 54);
    let refund = shopify(&host, "refunds/create", "wh-2", &fixture("shopify", "refunds-create-presentment"));
    assert_eq!(handled(&refund)["effects"][0]["refunded"], 2700);
    assert_eq!(balance(&host, "7392"), 27);
}

#[test]
fn shopify_zero_decimal_currency_reads_yen_as_whole_units() {
    let host = host(&[]);
    let reply = shopify(&host, "orders/paid", "wh-1", &fixture("shopify", "orders-paid-jpy"));
    // 2 × ¥1500 − ¥300 = ¥2700; shipping ¥500 does not earn.
    assert_eq!(handled(&reply)["effects"][0]["earn"]["eligibleSpend"], 2700);
    assert_eq!(balance(&host, "7393"), 27);
}

#[test]
fn shopify_guest_orders_are_recorded_as_guest_orders_without_points() {
    let host = host(&[]);
    let body = fixture("shopify", "orders-paid-guest");
    let reply = shopify(&host, "orders/paid", "wh-1", &body);
    let result = handled(&reply);
    assert_eq!(result["guest"], true);
    assert_eq!(result["customer"], serde_json::Value::Null);
    let effect = &result["effects"][0];
    common::contract::check("OrderEventResult", effect);
    assert_eq!(
        (&effect["outcome"], &effect["guest"], &effect["points"]),
        (&json!("recorded"), &json!(true), &json!(0))
    );
    let again = shopify(&host, "orders/updated", "wh-2", &body);
    assert_eq!(handled(&again)["effects"][0]["outcome"], "alreadyRecorded");
}

#[test]
fn shopify_orders_with_hundreds_of_lines_are_accepted() {
    let host = host(&[]);
    let mut order: serde_json::Value = serde_json::from_str(&fixture("shopify", "orders-paid-tax-included")).unwrap();
    let line = order["line_items"][0].clone();
    order["line_items"] = json!(vec![line; 400]);
    order["total_price_set"]["shop_money"]["amount"] = json!("14280.00");
    let body = order.to_string();
    assert!(body.len() > 256 * 1024, "{}", body.len());
    let reply = shopify(&host, "orders/paid", "wh-1", &body);
    // 400 × (35.70 − 5.70 VAT) = 12,000.00.
    assert_eq!(handled(&reply)["effects"][0]["earn"]["eligibleSpend"], 1_200_000);
}

#[test]
fn shopify_unpaid_orders_earn_nothing_until_paid() {
    let host = host(&[]);
    let reply = shopify(&host, "orders/updated", "wh-1", &fixture("shopify", "orders-updated-pending"));
    assert_eq!(handled(&reply)["effects"], json!([]));
    assert_eq!(balance(&host, "7394"), 0);
}

#[test]
fn shopify_unknown_topics_are_acknowledged_and_ignored() {
    let host = host(&[]);
    let reply = shopify(&host, "products/update", "wh-1", r#"{"id":632910392,"title":"Beans"}"#);
    assert_eq!(handled(&reply)["outcome"], "ignored");
}

#[test]
fn shopify_signatures_right_wrong_rotated_missing_and_empty() {
    let body = fixture("shopify", "orders-paid-jpy");
    let host = host(&[]);
    let wrong = sign(&body, "not-the-secret");
    problem(
        &shopify_with(&host, &[("x-shopify-hmac-sha256", &wrong)], "orders/paid", "wh-1", &body),
        401,
        "invalid-signature",
    );
    problem(&shopify_with(&host, &[], "orders/paid", "wh-1", &body), 401, "invalid-signature");
    let tampered = body.replace("\"1500\"", "\"15000\"");
    let signed = sign(&body, SHOPIFY_SECRET);
    problem(
        &shopify_with(&host, &[("x-shopify-hmac-sha256", &signed)], "orders/paid", "wh-1", &tampered),
        401,
        "invalid-signature",
    );
    // An empty body: unsigned is refused, signed is a malformed body; neither writes.
    problem(&shopify_with(&host, &[], "orders/paid", "wh-1", ""), 401, "invalid-signature");
    problem(&shopify(&host, "orders/paid", "wh-1", ""), 400, "malformed-json");
    assert_eq!(balance(&host, "7393"), 0);
    // A refused delivery did not use up its webhook id.
    handled(&shopify(&host, "orders/paid", "wh-1", &body));
    assert_eq!(balance(&host, "7393"), 27);
    drop(host);

    // During a rotation both the new and the old secret are accepted.
    let rotating = common::Host::with(&program(), &["--shopify-secret", &format!("new-secret,{SHOPIFY_SECRET}")]);
    let by_old = sign(&body, SHOPIFY_SECRET);
    handled(&shopify_with(&rotating, &[("x-shopify-hmac-sha256", &by_old)], "orders/paid", "wh-1", &body));
    let by_new = sign(&fixture("shopify", "orders-paid-tax-included"), "new-secret");
    let reply = shopify_with(
        &rotating,
        &[("x-shopify-hmac-sha256", &by_new)],
        "orders/paid",
        "wh-2",
        &fixture("shopify", "orders-paid-tax-included"),
    );
    handled(&reply);
    assert_eq!(balance(&rotating, "7391"), 30);
}

#[test]
fn shopify_malformed_payloads_name_the_field_and_write_nothing() {
    let host = host(&[]);
    let body = fixture("shopify", "orders-paid-discounts-shipping");
    let mut order: serde_json::Value = serde_json::from_str(&body).unwrap();
    order["line_items"][1]["price_set"]["shop_money"]["amount"] = json!("45,00");
    let reply = shopify(&host, "orders/paid", "wh-1", &order.to_string());
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "line_items[1].price_set.shop_money.amount");
    let mut order: serde_json::Value = serde_json::from_str(&body).unwrap();
    order["line_items"][0]["quantity"] = json!("two");
    let reply = shopify(&host, "orders/paid", "wh-2", &order.to_string());
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "line_items[0].quantity");
    let missing = shopify_with(&host, &[("x-shopify-hmac-sha256", &sign(&body, SHOPIFY_SECRET))], "", "wh-3", &body);
    problem(&missing, 400, "missing-header");
    assert_eq!(balance(&host, "7390"), 0);
}

#[test]
fn woocommerce_paid_orders_earn_once_whatever_status_comes_next() {
    let host = host(&[]);
    handled(&woocommerce(&host, "order.created", "d-1", &fixture("woocommerce", "order-pending")));
    assert_eq!(balance(&host, "12"), 0);
    let reply = woocommerce(&host, "order.updated", "d-2", &fixture("woocommerce", "order-processing"));
    // Line totals after the coupon: 36.00 + 13.50 = 49.50; shipping and tax never earn.
    assert_eq!(handled(&reply)["effects"][0]["earn"]["eligibleSpend"], 4950);
    assert_eq!(balance(&host, "12"), 49);
    // Back and forth between completed and processing pays nothing twice.
    handled(&woocommerce(&host, "order.updated", "d-3", &fixture("woocommerce", "order-completed")));
    handled(&woocommerce(&host, "order.updated", "d-4", &fixture("woocommerce", "order-processing")));
    handled(&woocommerce(&host, "order.updated", "d-5", &fixture("woocommerce", "order-completed")));
    assert_eq!(balance(&host, "12"), 49);
}

#[test]
fn woocommerce_partial_and_full_refunds_reverse_by_refund_id() {
    let host = host(&[]);
    handled(&woocommerce(&host, "order.created", "d-1", &fixture("woocommerce", "order-processing")));
    let partial = fixture("woocommerce", "order-partially-refunded");
    handled(&woocommerce(&host, "order.updated", "d-2", &partial));
    // 16.22 of 64.86: 49 × 1622 / 6486 = 12 points back.
    assert_eq!(balance(&host, "12"), 37);
    handled(&woocommerce(&host, "order.updated", "d-3", &partial));
    assert_eq!(balance(&host, "12"), 37);
    // Two sends in the same second share a delivery id; the newer state still counts.
    let again = woocommerce(&host, "order.updated", "d-3", &partial);
    assert!(again.replayed);
    handled(&woocommerce(&host, "order.updated", "d-3", &fixture("woocommerce", "order-refunded")));
    assert_eq!(balance(&host, "12"), 0);
}

#[test]
fn woocommerce_tax_inclusive_zero_decimal_guest_and_unpaid_cancelled_orders() {
    let host = host(&[]);
    handled(&woocommerce(&host, "order.created", "d-1", &fixture("woocommerce", "order-tax-inclusive")));
    assert_eq!(balance(&host, "13"), 25);
    handled(&woocommerce(&host, "order.created", "d-2", &fixture("woocommerce", "order-jpy")));
    assert_eq!(balance(&host, "14"), 27);
    let guest = woocommerce(&host, "order.created", "d-3", &fixture("woocommerce", "order-guest"));
    assert_eq!(handled(&guest)["effects"][0]["guest"], true);
    handled(&woocommerce(&host, "order.updated", "d-4", &fixture("woocommerce", "order-cancelled-unpaid")));
    assert_eq!(balance(&host, "15"), 0);
}

#[test]
fn woocommerce_ping_signatures_and_unknown_topics() {
    let host = host(&[]);
    // The activation ping is unsigned and form-encoded.
    let ping = host.call(
        "POST",
        "/v1/platforms/woocommerce/webhooks",
        &[("content-type", "application/x-www-form-urlencoded")],
        Some("webhook_id=12"),
    );
    assert_eq!(handled(&ping)["outcome"], "ping");
    let body = fixture("woocommerce", "order-processing");
    let wrong = sign(&body, "other");
    problem(
        &woocommerce_with(&host, &[("x-wc-webhook-signature", &wrong)], "order.created", "d-1", &body),
        401,
        "invalid-signature",
    );
    problem(&woocommerce_with(&host, &[], "order.created", "d-1", &body), 401, "invalid-signature");
    problem(&woocommerce(&host, "order.created", "d-1", ""), 400, "malformed-json");
    let mut broken: serde_json::Value = serde_json::from_str(&body).unwrap();
    broken["refunds"] = json!([{ "id": 9, "total": "-1.2.3" }]);
    let reply = woocommerce(&host, "order.updated", "d-2", &broken.to_string());
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "refunds[0].total");
    assert_eq!(balance(&host, "12"), 0);
    let ignored = woocommerce(&host, "product.updated", "d-3", r#"{"id":93}"#);
    assert_eq!(handled(&ignored)["outcome"], "ignored");
    drop(host);
    let rotating = common::Host::with(&program(), &["--woocommerce-secret", &format!("{WOOCOMMERCE_SECRET},old-one")]);
    let by_old = sign(&body, "old-one");
    handled(&woocommerce_with(&rotating, &[("x-wc-webhook-signature", &by_old)], "order.created", "d-1", &body));
    assert_eq!(balance(&rotating, "12"), 49);
}
