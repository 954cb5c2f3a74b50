//! The storefront endpoints: `GET /v1/me`, `POST /v1/quote`, `POST /v1/actions`,
//! `POST /v1/referrals/claim`, and the rate limits on them.

mod common;

use common::contract::{check, problem};
use common::{cart, days_ago, paid_event, sign, test_program, token, token_with, Host, SHOP_SECRET};
use serde_json::json;

#[test]
fn me_shows_balance_tier_stage_referral_and_paged_history() {
    let host = Host::with_program();
    let me = host.me("c-1");
    assert_eq!(me["stage"], "prospect");
    assert_eq!(me["tier"]["next"]["id"], "silver");
    assert_eq!(me["tier"]["remaining"], 20000);
    let code = me["referral"]["code"].as_str().unwrap();
    assert_eq!(code.len(), 17);
    assert!(me["referral"]["link"].as_str().unwrap().ends_with(&code.replace('-', "")));
    for i in 0..5 {
        host.pay(&format!("o-{i}"), "c-1", 5000);
    }
    let me = host.me("c-1");
    assert_eq!(me["stage"], "repeat");
    assert_eq!(me["tier"]["current"]["id"], "silver");
    assert_eq!(me["balance"]["available"], 50 + 50 + 50 + 50 + 75, "silver earns ×1.5 from the fifth order");
    let page = host.get_as("/v1/me?limit=2", &token("c-1")).body;
    let seqs: Vec<i64> =
        page["history"]["entries"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, [6, 5]);
    assert_eq!(page["history"]["nextBefore"], 5);
    let next = host.get_as("/v1/me?limit=2&before=5", &token("c-1")).body;
    let seqs: Vec<i64> =
        next["history"]["entries"].as_array().unwrap().iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, [4, 3]);
    problem(&host.get_as("/v1/me?limit=0", &token("c-1")), 422, "invalid-input");
    problem(&host.get_as("/v1/me?limit=abc", &token("c-1")), 422, "invalid-input");
}

#[test]
fn a_lapsed_member_sees_the_win_back_offer() {
    let host = Host::with_program();
    host.webhook(&paid_event("o-1", "c-1", 5000, &days_ago(200)));
    let me = host.me("c-1");
    assert_eq!(me["stage"], "lapsed");
    assert_eq!(me["winBack"]["discount"]["percent"], 15);
    // The offer comes with one code per absence: the next visit gets the same one.
    let code = me["winBack"]["code"].as_str().expect("a win-back code").to_owned();
    assert!(code.starts_with("TREU-"));
    assert_eq!(host.me("c-1")["winBack"]["code"], code.as_str());
    assert!(me["discountCodes"].as_array().unwrap().iter().any(|listed| listed["code"] == code.as_str()));
    let quote = host.post("/v1/quote", Some(&token("c-1")), "q", &json!({ "cart": cart(2000) }));
    check("Quote", &quote.body);
    assert_eq!(quote.body["winBack"]["value"], 300);
    // The browser quotes with `quoteCustomer` and gets the host's answer.
    let customer: treu::engine::customer::Customer = serde_json::from_value(me["quoteCustomer"].clone()).unwrap();
    assert_eq!(customer.orders.len(), 1);
    let program: treu::engine::program::Program = serde_json::from_value(test_program()).unwrap();
    let cart: treu::engine::cart::Cart = serde_json::from_value(cart(2000)).unwrap();
    let now = treu::engine::time::Timestamp::from_unix(common::now()).unwrap();
    let local = treu::engine::quote::quote(&program.validated().unwrap(), &cart, Some(&customer), now).unwrap();
    assert_eq!(local.win_back.map(|offer| offer.value), Some(300));
}

#[test]
fn quotes_for_guests_and_members() {
    let host = Host::with_program();
    let guest = host.post("/v1/quote", None, "q1", &json!({ "cart": cart(4599) }));
    assert_eq!(guest.status, 200, "{}", guest.text);
    check("Quote", &guest.body);
    assert_eq!(guest.body["earn"]["total"], 45);
    assert_eq!(guest.body["freeShipping"]["remaining"], 401);
    assert!(guest.body["stage"].is_null());
    host.adjust("c-1", 600);
    let member = host.post("/v1/quote", Some(&token("c-1")), "q1", &json!({ "cart": cart(4599) }));
    check("Quote", &member.body);
    assert_eq!(member.body["redemptions"]["balance"], 600);
    assert_eq!(member.body["stage"], "prospect");
    let bad = host.post("/v1/quote", None, "q2", &json!({ "cart": { "currency": "EURO", "lines": [] } }));
    problem(&bad, 422, "invalid-input");
    assert_eq!(bad.body["errors"][0]["path"], "cart.currency");
    let bad = host.post(
        "/v1/quote",
        None,
        "q3",
        &json!({ "cart": { "currency": "EUR", "lines": [{ "productId": "a", "quantity": -1, "unitPrice": 5 }] } }),
    );
    problem(&bad, 422, "invalid-input");
    assert_eq!(bad.body["errors"][0]["path"], "cart.lines[0].quantity");
}

#[test]
fn actions_earn_within_their_caps_and_reviews_wait_for_proof() {
    let host = Host::with_program();
    let customer = token("c-1");
    let reply = host.post("/v1/actions", Some(&customer), "a1", &json!({ "action": "newsletter" }));
    assert_eq!(reply.status, 201, "{}", reply.text);
    check("ActionResult", &reply.body);
    assert_eq!(reply.body["balance"]["available"], 50);
    assert_eq!(reply.body["pointsPending"], false);
    let reply = host.post("/v1/actions", Some(&customer), "a2", &json!({ "action": "newsletter" }));
    problem(&reply, 422, "action-cap-reached");
    let reply = host.post("/v1/actions", Some(&customer), "a3", &json!({ "action": "survey" }));
    problem(&reply, 422, "action-not-in-program");
    let reply = host.post("/v1/actions", Some(&customer), "a4", &json!({ "action": "referral" }));
    problem(&reply, 422, "invalid-input");
    let reply = host.post("/v1/actions", Some(&customer), "a5", &json!({ "action": "dance" }));
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "action");

    let reply = host.post("/v1/actions", Some(&customer), "rev", &json!({ "action": "review", "reference": "mug" }));
    assert_eq!(reply.status, 202, "{}", reply.text);
    check("ActionResult", &reply.body);
    let pending = reply.body["pendingId"].as_str().unwrap().to_owned();
    assert_eq!(host.me("c-1")["pendingActions"][0]["id"], pending.as_str());
    let confirm = json!({ "id": "evt-review-1", "type": "action.confirmed", "pendingId": pending }).to_string();
    let send = |body: &str| {
        host.call(
            "POST",
            "/v1/webhooks/actions",
            &[("content-type", "application/json"), ("treu-signature", &sign(body, common::now()))],
            Some(body),
        )
    };
    let reply = send(&confirm);
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("ActionEventResult", &reply.body);
    assert_eq!(reply.body["status"], "confirmed");
    assert!(send(&confirm).replayed);
    let me = host.me("c-1");
    assert_eq!(me["balance"]["available"], 70);
    assert!(me["pendingActions"].as_array().unwrap().is_empty());
    let way = |action: &str| me["waysToEarn"].as_array().unwrap().iter().find(|w| w["action"] == action).cloned();
    let newsletter = way("newsletter").expect("newsletter is a way to earn");
    assert_eq!((newsletter["done"].as_i64(), newsletter["available"].as_bool()), (Some(1), Some(false)));
    let review = way("review").expect("review is a way to earn");
    assert_eq!(review["done"], 1);
    assert!(way("survey").is_none(), "only the program's actions are listed");
    let unknown = json!({ "id": "evt-review-2", "type": "action.confirmed", "pendingId": "nope" }).to_string();
    problem(&send(&unknown), 404, "unknown-pending-action");
}

#[test]
fn a_referral_rewards_the_advocate_on_the_friends_first_paid_order() {
    let host = Host::with_program();
    let code = host.me("ann")["referral"]["code"].as_str().unwrap().to_owned();
    let friend = token_with(json!({ "sub": "bo", "exp": common::now() + 600, "email": "bo@example.com" }), SHOP_SECRET);
    let reply = host.post("/v1/referrals/claim", Some(&friend), "c1", &json!({ "code": code.to_lowercase() }));
    assert_eq!(reply.status, 201, "{}", reply.text);
    check("ReferralClaimResult", &reply.body);
    let again = host.post("/v1/referrals/claim", Some(&friend), "c2", &json!({ "code": code }));
    problem(&again, 409, "already-referred");
    // Ordered after the claim (an order placed before it is outside the attribution window).
    let paid = host.webhook(&paid_event("o-bo-1", "bo", 5000, &days_ago(0)));
    check("OrderEventResult", &paid.body);
    assert_eq!(paid.body["referral"]["status"], "converted", "{}", paid.text);
    assert_eq!(host.me("ann")["balance"]["available"], 300);
    assert_eq!(host.me("ann")["referral"]["friends"]["converted"], 1);
    // A second order of the friend does not reward again; refunding the first takes it back.
    host.webhook(&paid_event("o-bo-2", "bo", 5000, &days_ago(0)));
    assert_eq!(host.me("ann")["balance"]["available"], 300);
    host.webhook(&common::refund_event("o-bo-1", 5000, "all", None));
    assert_eq!(host.me("ann")["balance"]["available"], 0);
}

#[test]
fn referral_fraud_rules_and_bad_codes() {
    let host = Host::with_program();
    let ann =
        token_with(json!({ "sub": "ann", "exp": common::now() + 600, "email": "Ann.Lee@gmail.com" }), SHOP_SECRET);
    let code = host.get_as("/v1/me", &ann).body["referral"]["code"].as_str().unwrap().to_owned();
    let reply = host.post("/v1/referrals/claim", Some(&ann), "c1", &json!({ "code": code }));
    problem(&reply, 422, "referral-refused");
    assert_eq!(reply.body["refusal"]["reason"], "selfReferral");
    let twin =
        token_with(json!({ "sub": "ann2", "exp": common::now() + 600, "email": "annlee+2@gmail.com" }), SHOP_SECRET);
    let reply = host.post("/v1/referrals/claim", Some(&twin), "c1", &json!({ "code": code }));
    problem(&reply, 422, "referral-refused");
    host.pay("o-old", "cy", 1000);
    let reply = host.post("/v1/referrals/claim", Some(&token("cy")), "c1", &json!({ "code": code }));
    problem(&reply, 422, "referral-refused");
    assert_eq!(reply.body["refusal"]["reason"], "notFirstOrder");
    let mut typo = code.clone().into_bytes();
    typo[0] = if typo[0] == b'A' { b'B' } else { b'A' };
    let reply = host.post(
        "/v1/referrals/claim",
        Some(&token("dee")),
        "c1",
        &json!({ "code": String::from_utf8(typo).unwrap() }),
    );
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "code");
    let unknown = "0000-0000-0000-00";
    let reply = host.post("/v1/referrals/claim", Some(&token("dee")), "c2", &json!({ "code": unknown }));
    assert!(reply.status == 404 || reply.status == 422, "{}", reply.text);
}

#[test]
fn actions_claims_and_redemptions_are_rate_limited() {
    let host = Host::with(&test_program(), &["--rate-limit", "3"]);
    let customer = token("c-1");
    let statuses: Vec<u16> = (0..4)
        .map(|i| host.post("/v1/actions", Some(&customer), &format!("s{i}"), &json!({ "action": "survey" })).status)
        .collect();
    assert_eq!(statuses, [422, 422, 422, 429]);
    let reply = host.post("/v1/actions", Some(&customer), "s9", &json!({ "action": "survey" }));
    problem(&reply, 429, "rate-limited");
    assert!(reply.retry_after.is_some());
    // Another customer from the same IP is limited by the IP's count.
    let reply = host.post("/v1/actions", Some(&token("c-2")), "s1", &json!({ "action": "survey" }));
    problem(&reply, 429, "rate-limited");
    // Limits are per route.
    let reply =
        host.post("/v1/redemptions", Some(&token("c-2")), "r1", &json!({ "option": "5-off", "cart": cart(3000) }));
    problem(&reply, 422, "insufficient-points");
}

#[test]
fn the_public_program_leaves_out_the_fraud_limits() {
    let mut program = test_program();
    program["referral"]["maxRewardsPerDay"] = json!(3);
    let host = Host::with(&program, &[]);
    let (status, _, body) = host.get("/v1/program");
    assert_eq!(status, 200);
    let public: serde_json::Value = serde_json::from_str(&body).unwrap();
    check("Program", &public);
    assert!(public["referral"]["friendDiscount"].is_object());
    assert!(public["referral"].get("maxRewardsPerDay").is_none());
    let admin = host.get_as("/v1/admin/program", common::ADMIN_TOKEN);
    assert_eq!(admin.body["program"]["referral"]["maxRewardsPerDay"], 3);
}

#[test]
fn action_points_inside_the_return_window_are_answered_as_pending() {
    let mut program = test_program();
    program["earning"]["returnWindowDays"] = json!(14);
    let host = Host::with(&program, &[]);
    let reply = host.post("/v1/actions", Some(&token("c-9")), "n1", &json!({ "action": "newsletter" }));
    assert_eq!(reply.status, 201, "{}", reply.text);
    check("ActionResult", &reply.body);
    assert_eq!(reply.body["status"], "awarded");
    assert_eq!(reply.body["pointsPending"], true);
    assert_eq!(reply.body["balance"]["pending"], 50);
    assert_eq!(reply.body["balance"]["available"], 0);
    let available_at = treu::engine::time::Timestamp::parse(reply.body["availableAt"].as_str().unwrap()).unwrap();
    let days = available_at.unix() - common::now();
    assert!((14 * 86_400 - 60..=14 * 86_400).contains(&days), "availableAt is 14 days out: {}", reply.body);
}
