//! Abuse against the real binary: what a shopper at the browser console, a
//! replaying or tampering sender, or a flood can try, and that each attempt
//! changes nothing. docs/security.md says which check stops each one.

mod common;

use common::contract::problem;
use common::{cart, paid_event, sign, sign_with, token, token_with, Host, SHOP_SECRET};
use serde_json::{json, Value};
use std::io::{Read, Write};

/// A token signed with the right secret but another algorithm, or for another shop.
#[test]
fn tokens_of_another_algorithm_or_shop_are_refused() {
    let host = Host::with_program();
    let claims = json!({ "sub": "c-1", "exp": common::now() + 600 });
    for algorithm in [jsonwebtoken::Algorithm::HS384, jsonwebtoken::Algorithm::HS512] {
        let other = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(algorithm),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(SHOP_SECRET.as_bytes()),
        )
        .unwrap();
        problem(&host.get_as("/v1/me", &other), 401, "unauthorized");
    }
    let other_shop = token_with(claims.clone(), "the-other-shops-secret-0123456789");
    problem(&host.get_as("/v1/me", &other_shop), 401, "unauthorized");
    // The signature of a valid token moved onto other claims.
    let valid = token("c-1");
    let forged_claims = token_with(json!({ "sub": "c-2", "exp": common::now() + 600 }), "x");
    let spliced = format!("{}.{}", forged_claims.rsplit_once('.').unwrap().0, valid.rsplit_once('.').unwrap().1);
    problem(&host.get_as("/v1/me", &spliced), 401, "unauthorized");
    // Lifetimes: at most 31 days from now.
    let month = token_with(json!({ "sub": "c-1", "exp": common::now() + 31 * 86_400 - 60 }), SHOP_SECRET);
    assert_eq!(host.get_as("/v1/me", &month).status, 200);
    let forever = token_with(json!({ "sub": "c-1", "exp": common::now() + 400 * 86_400 }), SHOP_SECRET);
    let reply = host.get_as("/v1/me", &forever);
    problem(&reply, 401, "unauthorized");
    assert!(reply.body["detail"].as_str().unwrap().contains("31 days"), "{}", reply.text);
}

/// Replayed, re-signed, stale, tampered and other shops' webhooks.
#[test]
fn replayed_and_tampered_webhooks_change_nothing() {
    let host = Host::with_program();
    let body = paid_event("o-1", "c-1", 10_000, &common::days_ago(1)).to_string();
    let send = |body: &str, signature: &str| {
        host.call(
            "POST",
            "/v1/webhooks/orders",
            &[("content-type", "application/json"), ("treu-signature", signature)],
            Some(body),
        )
    };
    let first = send(&body, &sign(&body, common::now()));
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(host.me("c-1")["balance"]["available"], 100);
    // The same delivery captured and sent again, and re-signed later: a replay.
    let signature = sign(&body, common::now());
    for _ in 0..3 {
        let again = send(&body, &signature);
        assert_eq!((again.status, again.replayed), (200, true), "{}", again.text);
    }
    // The event under a new id: the order earns once all the same.
    let renamed = body.replace("evt-paid-o-1", "evt-paid-o-1-again");
    let again = send(&renamed, &sign(&renamed, common::now()));
    assert_eq!(again.status, 200, "{}", again.text);
    assert_eq!(host.me("c-1")["balance"]["available"], 100);
    // A capture older than five minutes, a tampered total, another shop's secret, no signature.
    let bigger = paid_event("o-2", "c-1", 10_000_000, &common::days_ago(1)).to_string();
    let honest = paid_event("o-2", "c-1", 100, &common::days_ago(1)).to_string();
    let stale = sign(&bigger, common::now() - 301);
    problem(&send(&bigger, &stale), 401, "invalid-signature");
    problem(&send(&bigger, &sign(&honest, common::now())), 401, "invalid-signature");
    problem(&send(&bigger, &sign_with(&bigger, common::now(), "another-shop")), 401, "invalid-signature");
    problem(&send(&bigger, ""), 401, "invalid-signature");
    problem(&send(&bigger, &format!("t={},v1=", common::now())), 401, "invalid-signature");
    problem(&send(&bigger, &format!("t={},v1={}", i64::MIN, "00".repeat(32))), 401, "invalid-signature");
    assert_eq!(host.me("c-1")["balance"]["available"], 100, "only the first, signed, delivery counted");
}

/// A shopper with their own valid token tries every door to points.
#[test]
fn a_shopper_at_the_console_cannot_award_themselves_points() {
    let host = Host::with_program();
    let me = token("mallory");
    let bearer = format!("Bearer {me}");
    let json_with_token = [("content-type", "application/json"), ("authorization", bearer.as_str())];
    // Referral points come only from a friend's paid order; unknown actions and extra fields are refused.
    problem(&host.post("/v1/actions", Some(&me), "a1", &json!({ "action": "referral" })), 422, "invalid-input");
    problem(&host.post("/v1/actions", Some(&me), "a2", &json!({ "action": "purchase" })), 422, "invalid-input");
    let padded = json!({ "action": "newsletter", "points": 1_000_000 });
    problem(&host.post("/v1/actions", Some(&me), "a3", &padded), 422, "invalid-input");
    // Negative or odd redemptions do not add points.
    for points in [-500, 0, 1, i64::MAX] {
        let body = json!({ "option": "5-off", "points": points, "cart": cart(3000) });
        let reply = host.post("/v1/redemptions", Some(&me), &format!("r{points}"), &body);
        assert!(reply.status == 422, "{points}: {}", reply.text);
    }
    // The platform's and the merchant's doors with a customer token.
    let order = paid_event("o-m", "mallory", 1_000_000, &common::days_ago(1)).to_string();
    let confirm = json!({ "id": "e1", "type": "action.confirmed", "pendingId": "mallory:1" }).to_string();
    problem(&host.call("POST", "/v1/webhooks/orders", &json_with_token, Some(&order)), 401, "invalid-signature");
    let reply = host.call("POST", "/v1/webhooks/actions", &json_with_token, Some(&confirm));
    assert_eq!(reply.status, 401, "{}", reply.text);
    let adjustment = json!({ "points": 100_000, "reason": "mine" }).to_string();
    let mut keyed = json_with_token.to_vec();
    keyed.push(("idempotency-key", "adj-1"));
    let reply = host.call("POST", "/v1/admin/customers/mallory/adjustments", &keyed, Some(&adjustment));
    problem(&reply, 401, "unauthorized");
    let clock = json!({ "advanceDays": 400 }).to_string();
    problem(&host.call("POST", "/v1/admin/clock", &keyed, Some(&clock)), 401, "unauthorized");
    let program = json!({ "version": 1, "currency": "EUR" }).to_string();
    problem(&host.call("PUT", "/v1/admin/program", &keyed, Some(&program)), 401, "unauthorized");
    // Their own referral code, from their own account.
    let code = host.me("mallory")["referral"]["code"].as_str().unwrap().to_owned();
    let reply = host.post("/v1/referrals/claim", Some(&me), "c1", &json!({ "code": code }));
    problem(&reply, 422, "referral-refused");
    assert_eq!(reply.body["refusal"]["reason"], "selfReferral");
    let balance = &host.me("mallory")["balance"];
    assert_eq!((balance["available"].as_i64(), balance["pending"].as_i64()), (Some(0), Some(0)), "{balance}");
}

/// Eight redemptions of a balance that covers one, at once, each with its own key.
#[test]
fn redeeming_twice_in_parallel_spends_the_points_once() {
    let host = Host::with(&common::test_program(), &["--rate-limit", "0"]);
    host.adjust("eve", 500);
    let me = token("eve");
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let racers: Vec<_> = (0..8)
            .map(|n| {
                let (host, me) = (&host, &me);
                scope.spawn(move || {
                    let body = json!({ "option": "5-off", "cart": cart(3000) });
                    host.post("/v1/redemptions", Some(me), &format!("race-{n}"), &body).status
                })
            })
            .collect();
        racers.into_iter().map(|racer| racer.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|status| **status == 201).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|status| *status == 201 || *status == 422), "{statuses:?}");
    let me_now = host.me("eve");
    assert_eq!(me_now["balance"]["available"], 0);
    assert_eq!(me_now["discountCodes"].as_array().map(Vec::len), Some(1), "{}", me_now["discountCodes"]);
}

/// Guessing referral codes: well-formed codes (the check character right), as
/// fast as the client can; the rate limit answers long before any code could
/// be found (docs/security.md has the arithmetic).
#[test]
fn brute_forcing_referral_codes_meets_the_rate_limit() {
    let host = Host::with_program();
    let guesser = token("guesser");
    let mut statuses = Vec::new();
    for n in 0..40u8 {
        let code = treu::engine::referral::ReferralCode::generate([n, 7, 7, 7, 7, 7, 7, 7, n]);
        let reply =
            host.post("/v1/referrals/claim", Some(&guesser), &format!("g{n}"), &json!({ "code": code.as_str() }));
        statuses.push(reply.status);
    }
    // The default limit: 30 a minute per customer and per IP.
    assert!(statuses[..30].iter().all(|status| *status == 404), "{statuses:?}");
    assert!(statuses[30..].iter().all(|status| *status == 429), "{statuses:?}");
    // A fresh account from the same address does not get a fresh allowance.
    let code = treu::engine::referral::ReferralCode::generate([1; 9]);
    let reply = host.post("/v1/referrals/claim", Some(&token("guesser-2")), "g", &json!({ "code": code.as_str() }));
    problem(&reply, 429, "rate-limited");
}

/// Oversized and deeply nested bodies on every kind of write: refused, and the host stays up.
#[test]
fn oversized_and_nested_bodies_are_refused() {
    let host = Host::with_program();
    let me = token("c-1");
    let huge = format!("{{\"action\":\"newsletter\",\"reference\":\"{}\"}}", "x".repeat(300 * 1024));
    problem(
        &host.post("/v1/actions", Some(&me), "big-1", &serde_json::from_str::<Value>(&huge).unwrap()),
        413,
        "payload-too-large",
    );
    let signed = sign(&huge, common::now());
    let reply = host.call(
        "POST",
        "/v1/webhooks/orders",
        &[("content-type", "application/json"), ("treu-signature", &signed)],
        Some(&huge),
    );
    problem(&reply, 413, "payload-too-large");
    let admin = format!("Bearer {}", common::ADMIN_TOKEN);
    let reply = host.call(
        "PUT",
        "/v1/admin/program",
        &[("content-type", "application/json"), ("authorization", &admin)],
        Some(&huge),
    );
    problem(&reply, 413, "payload-too-large");
    // Nesting far deeper than any real body: a clear 422, no stack overflow.
    let nested = format!("{{\"cart\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let reply = host.call("POST", "/v1/quote", &[("content-type", "application/json")], Some(&nested));
    problem(&reply, 422, "invalid-input");
    let (status, _, _) = host.get("/healthz");
    assert_eq!(status, 200);
}

/// A client that sends its headers and then never its body is cut off at the
/// request timeout (503) instead of holding the connection for ever.
#[test]
fn a_client_that_never_sends_its_body_is_cut_off() {
    let host = Host::with(&common::test_program(), &["--request-timeout", "1"]);
    let address = host.url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "POST /v1/quote HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{"
    )
    .unwrap();
    // Generous, only so a broken host cannot hang the suite; the host answers after 1 s.
    stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    let mut answer = [0u8; 64];
    let read = stream.read(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    let (status, _, _) = host.get("/healthz");
    assert_eq!(status, 200);
}

/// With its own webhook secret, the host takes `Treu-Signature` only from it,
/// and that secret mints no customer: a leak on the platform's side stays there.
#[test]
fn a_separate_webhook_secret_signs_webhooks_and_nothing_else() {
    let webhook_secret = "the-platforms-webhook-secret-0123";
    let host = Host::with(&common::test_program(), &["--webhook-secret", webhook_secret]);
    let body = paid_event("o-1", "c-1", 10_000, &common::days_ago(1)).to_string();
    let send = |signature: &str| {
        host.call(
            "POST",
            "/v1/webhooks/orders",
            &[("content-type", "application/json"), ("treu-signature", signature)],
            Some(&body),
        )
    };
    problem(&send(&sign(&body, common::now())), 401, "invalid-signature");
    let reply = send(&sign_with(&body, common::now(), webhook_secret));
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(host.me("c-1")["balance"]["available"], 100, "customer tokens still use the shop secret");
    let minted = token_with(json!({ "sub": "c-1", "exp": common::now() + 600 }), webhook_secret);
    problem(&host.get_as("/v1/me", &minted), 401, "unauthorized");
}
