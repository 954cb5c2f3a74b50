//! `POST /v1/redemptions`: codes, the balance floor, races, expiry.

mod common;

use common::contract::{check, problem};
use common::{cart, sql, token, Host};
use serde_json::json;

#[test]
fn redeeming_issues_a_code_and_spends_the_points() {
    let host = Host::with_program();
    host.adjust("c-1", 700);
    let reply =
        host.post("/v1/redemptions", Some(&token("c-1")), "r1", &json!({ "option": "5-off", "cart": cart(3000) }));
    assert_eq!(reply.status, 201, "{}", reply.text);
    check("RedemptionResult", &reply.body);
    assert!(reply.body["code"].as_str().unwrap().starts_with("TREU-"));
    assert_eq!(reply.body["redemption"]["value"], 500);
    assert_eq!(reply.body["balance"]["available"], 200);
    let me = host.me("c-1");
    assert_eq!(me["discountCodes"][0]["code"], reply.body["code"]);
    assert_eq!(me["history"]["entries"][0]["type"], "redeem");
}

#[test]
fn the_balance_never_goes_below_zero() {
    let host = Host::with_program();
    host.adjust("c-1", 499);
    let reply =
        host.post("/v1/redemptions", Some(&token("c-1")), "r1", &json!({ "option": "5-off", "cart": cart(3000) }));
    problem(&reply, 422, "insufficient-points");
    assert_eq!(reply.body["available"], 499);
    let reply =
        host.post("/v1/redemptions", Some(&token("c-1")), "r2", &json!({ "option": "nope", "cart": cart(3000) }));
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "option");
    let reply =
        host.post("/v1/redemptions", Some(&token("c-1")), "r3", &json!({ "option": "5-off", "cart": cart(100) }));
    problem(&reply, 422, "invalid-input");
    let reply = host.post("/v1/redemptions", Some(&token("c-1")), "r4", &json!({ "option": "5-off" }));
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "body");
    assert_eq!(host.me("c-1")["balance"]["available"], 499);
}

#[test]
fn two_redemptions_racing_from_two_connections_spend_the_points_once() {
    let host = Host::with_program();
    for round in 0..5 {
        let customer = format!("racer-{round}");
        host.adjust(&customer, 500);
        let tokens = token(&customer);
        let replies: Vec<u16> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..2)
                .map(|i| {
                    let (host, tokens) = (&host, &tokens);
                    scope.spawn(move || {
                        host.post(
                            "/v1/redemptions",
                            Some(tokens),
                            &format!("race-{i}"),
                            &json!({ "option": "5-off", "cart": cart(3000) }),
                        )
                        .status
                    })
                })
                .collect();
            handles.into_iter().map(|handle| handle.join().unwrap()).collect()
        });
        let mut sorted = replies.clone();
        sorted.sort();
        assert_eq!(sorted, [201, 422], "round {round}: {replies:?}");
        assert_eq!(host.me(&customer)["balance"]["available"], 0);
    }
}

#[test]
fn a_code_that_expires_unused_gives_the_points_back() {
    let host = Host::with_program();
    host.adjust("c-1", 600);
    let reply =
        host.post("/v1/redemptions", Some(&token("c-1")), "r1", &json!({ "option": "5-off", "cart": cart(3000) }));
    let code = reply.body["code"].as_str().unwrap().to_owned();
    assert_eq!(host.me("c-1")["balance"]["available"], 100);
    // Thirty days later …
    sql(&host, &[&format!("UPDATE redemptions SET expires_at = 1 WHERE code = '{code}'")]);
    host.adjust("c-1", 1); // any write settles the account
    let me = host.me("c-1");
    assert_eq!(me["balance"]["available"], 601);
    assert!(me["discountCodes"].as_array().unwrap().is_empty());
}
