//! Outbound events against a real receiver on loopback: every event type
//! arrives, signed with its endpoint's secret, exactly once per event id
//! after failed attempts; the test clock makes `points.expiring` once on the
//! right day, and `tier.changed` once when time takes a tier away; a segment
//! member's lapse carries their offer; a replay sends the same event again;
//! only http(s) endpoints.

mod common;
mod event_support;

use common::admin::{admin_call, admin_get};
use common::clock::{advance, host_now, pay_at, pay_cart_at};
use common::contract::{check, problem};
use common::offers::{beans_cart, with_beans_offer, BEANS_OFFER};
use common::{cart, test_program, token, Host};
use event_support::{signed_with, Received, Receiver};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Fast retries, so a receiver's failures cost milliseconds.
const FAST: &[&str] =
    &["--movable-clock", "--event-retry-base-ms", "50", "--event-retry-cap-ms", "200", "--event-poll-ms", "20"];

fn program() -> Value {
    let mut program = test_program();
    program["earning"]["expiresAfterDays"] = json!(365);
    program
}

/// Adds an endpoint for `types` at `url`; its id and secret.
fn endpoint(host: &Host, url: &str, types: &[&str]) -> (String, String) {
    let reply = admin_call(host, "POST", "/v1/admin/events/endpoints", Some(&json!({ "url": url, "types": types })));
    assert_eq!(reply.status, 201, "{}", reply.text);
    check("EventEndpointCreated", &reply.body);
    (reply.body["id"].as_str().unwrap().to_owned(), reply.body["secret"].as_str().unwrap().to_owned())
}

/// The log, newest first, of `kind` (all types when `None`).
fn log(host: &Host, kind: Option<&str>) -> Vec<Value> {
    let path = match kind {
        Some(kind) => format!("/v1/admin/events?type={kind}&limit=100"),
        None => "/v1/admin/events?limit=100".to_owned(),
    };
    let reply = admin_get(host, &path);
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("EventLog", &reply.body);
    reply.body["events"].as_array().unwrap().clone()
}

/// Successful deliveries per event id.
fn successes(received: &[Received]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for request in received.iter().filter(|request| request.status == 200) {
        *counts.entry(request.event_id().to_owned()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn every_event_type_arrives_signed_exactly_once_per_id_after_failed_attempts() {
    let host = Host::with(&program(), FAST);
    // Each event's first two attempts get 503.
    let receiver = Receiver::start(2);
    let all = [
        "points.earned",
        "reward.available",
        "tier.changed",
        "referral.rewarded",
        "customer.lapsed",
        "customer.wonBack",
        "code.expiring",
    ];
    let (_, secret) = endpoint(&host, &receiver.url, &all);

    // Ann spends €250: 250 points, free shipping (100) affordable, Silver reached.
    pay_at(&host, "o-1", "ann", 25_000, &host_now(&host));
    // Bob comes through Ann's referral code; his first order rewards her with 300.
    let code = host.me("ann")["referral"]["code"].as_str().unwrap().to_owned();
    let claim = host.post("/v1/referrals/claim", Some(&token("bob")), "claim-1", &json!({ "code": code }));
    assert!(claim.status < 300, "{}", claim.text);
    pay_at(&host, "o-2", "bob", 3_000, &host_now(&host));
    // Ann redeems €5 off: a code valid for 30 days.
    let redeemed = host.post(
        "/v1/redemptions",
        Some(&token("ann")),
        "redeem-1",
        &json!({ "option": "5-off", "cart": cart(3000) }),
    );
    assert_eq!(redeemed.status, 201, "{}", redeemed.text);
    // 181 days on, both are lapsed (the scan runs as the clock moves) …
    advance(&host, 181);
    // … and Ann comes back.
    pay_at(&host, "o-3", "ann", 1_000, &host_now(&host));

    let kinds: BTreeSet<String> =
        log(&host, None).iter().map(|event| event["type"].as_str().unwrap().to_owned()).collect();
    for kind in [
        "points.earned",
        "reward.available",
        "tier.changed",
        "referral.rewarded",
        "customer.lapsed",
        "customer.wonBack",
    ] {
        assert!(kinds.contains(kind), "no {kind} in {kinds:?}");
    }
    let lapsed = log(&host, Some("customer.lapsed"));
    let lapsed_customers: BTreeSet<&str> = lapsed.iter().map(|event| event["customerId"].as_str().unwrap()).collect();
    assert_eq!(lapsed_customers, BTreeSet::from(["ann", "bob"]), "{lapsed:#?}");
    let referral = &log(&host, Some("referral.rewarded"))[0]["payload"];
    assert_eq!(
        (referral["customer"]["id"].as_str(), referral["data"]["friendId"].as_str()),
        (Some("ann"), Some("bob"))
    );
    assert_eq!(referral["data"]["points"], 300);
    let tier = &log(&host, Some("tier.changed"))[0]["payload"]["data"];
    assert_eq!((tier["to"]["name"].as_str(), tier["direction"].as_str()), (Some("Silver"), Some("up")), "{tier}");
    let won_back = &log(&host, Some("customer.wonBack"))[0]["payload"];
    assert_eq!((won_back["customer"]["id"].as_str(), won_back["data"]["orderId"].as_str()), (Some("ann"), Some("o-3")));

    // A code: no warning while it has 4 days left, one when 3 are left. (The
    // 181 days above took the first code past its expiry without a warning
    // and gave its points back; this is a fresh one.)
    let redeemed = host.post(
        "/v1/redemptions",
        Some(&token("ann")),
        "redeem-2",
        &json!({ "option": "5-off", "cart": cart(3000) }),
    );
    assert_eq!(redeemed.status, 201, "{}", redeemed.text);
    advance(&host, 26);
    assert!(log(&host, Some("code.expiring")).is_empty(), "4 days before expiry is not yet 3");
    advance(&host, 1);
    let expiring = log(&host, Some("code.expiring"));
    assert_eq!(expiring.len(), 1, "{expiring:#?}");
    assert_eq!(expiring[0]["payload"]["data"]["rewardName"], "€5 off");
    assert_eq!(expiring[0]["payload"]["data"]["daysLeft"], 3);
    advance(&host, 1);
    assert_eq!(log(&host, Some("code.expiring")).len(), 1, "one warning per code");

    // Every event of the log arrives; each id succeeds exactly once, after two 503s.
    let ids: BTreeSet<String> = log(&host, None).iter().map(|event| event["id"].as_str().unwrap().to_owned()).collect();
    let received = receiver.wait_until("every event delivered", |received| {
        let done = successes(received);
        ids.iter().all(|id| done.contains_key(id))
    });
    let events = wait_for_log(&host, |events| events.iter().all(|event| event["status"] == "delivered"));
    assert_eq!(events.len(), ids.len());
    let done = successes(&received);
    for id in &ids {
        assert_eq!(done[id], 1, "{id} succeeded more than once");
        let attempts: Vec<&Received> = received.iter().filter(|request| request.event_id() == id).collect();
        assert_eq!(attempts.iter().map(|request| request.status).collect::<Vec<_>>(), [503, 503, 200], "{id}");
        for attempt in attempts {
            assert!(signed_with(attempt, &secret), "{id}: bad signature {:?}", attempt.headers.get("treu-signature"));
            let body = attempt.json();
            assert_eq!(body["id"], id.as_str(), "the event id is in the body too");
            assert_eq!(attempt.headers["treu-event-type"], body["type"].as_str().unwrap());
            check("OutboundEvent", &body);
        }
    }
    for event in &events {
        let delivery = &event["deliveries"][0];
        assert_eq!(
            (delivery["status"].as_str(), delivery["attempts"].as_i64()),
            (Some("delivered"), Some(3)),
            "{event:#}"
        );
    }
}

/// Polls the log until `done` holds (at most 60 s).
fn wait_for_log(host: &Host, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let events = log(host, None);
        if done(&events) {
            return events;
        }
        assert!(std::time::Instant::now() < deadline, "the log never got there: {events:#?}");
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

#[test]
fn moving_the_clock_warns_of_expiring_points_once_on_the_right_day() {
    let host = Host::with(&program(), FAST);
    let receiver = Receiver::start(1);
    let (_, secret) = endpoint(&host, &receiver.url, &["points.expiring"]);
    let settings = admin_call(
        &host,
        "PUT",
        "/v1/admin/events/settings",
        Some(&json!({ "pointsExpiringDays": 7, "codeExpiringDays": 3 })),
    );
    assert_eq!(settings.status, 200, "{}", settings.text);
    check("EventSettings", &settings.body);
    pay_at(&host, "o-1", "cleo", 4_200, &host_now(&host));
    // The 42 points expire 365 days after they were earned: no warning 8 days before …
    advance(&host, 357);
    assert!(log(&host, Some("points.expiring")).is_empty(), "8 days before expiry is too early");
    // … one on the day that is 7 days before …
    advance(&host, 1);
    let warned = log(&host, Some("points.expiring"));
    assert_eq!(warned.len(), 1, "{warned:#?}");
    let data = &warned[0]["payload"]["data"];
    assert_eq!((data["points"].as_i64(), data["daysLeft"].as_i64()), (Some(42), Some(7)), "{data}");
    assert_eq!(warned[0]["payload"]["customer"]["id"], "cleo");
    // … and no second one as the days pass.
    advance(&host, 1);
    advance(&host, 2);
    assert_eq!(log(&host, Some("points.expiring")).len(), 1);
    let received = receiver.wait_until("the warning delivered", |received| !successes(received).is_empty());
    let delivered: Vec<&Received> = received.iter().filter(|request| request.status == 200).collect();
    assert_eq!(delivered.len(), 1);
    assert!(signed_with(delivered[0], &secret));
    assert_eq!(delivered[0].json()["type"], "points.expiring");
    // Once the points have expired there is nothing left to warn about.
    advance(&host, 10);
    assert_eq!(log(&host, Some("points.expiring")).len(), 1);
}

#[test]
fn a_tier_that_time_takes_away_is_announced_once_when_it_is_lost() {
    let mut program = program();
    program["tiers"] = json!({ "basis": "spend", "period": "rolling", "rollingDays": 30, "levels": [
        { "id": "silver", "name": "Silver", "threshold": 20000, "earnPercent": 150 } ] });
    let host = Host::with(&program, FAST);
    let tier_changes = || log(&host, Some("tier.changed"));
    let data = |event: &Value| event["payload"]["data"].clone();

    pay_at(&host, "o-1", "ann", 25_000, &host_now(&host));
    let up = tier_changes();
    assert_eq!(up.len(), 1, "{up:#?}");
    assert_eq!(data(&up[0])["direction"], "up");
    advance(&host, 29);
    assert_eq!(tier_changes().len(), 1, "the order is still inside the 30 days");

    // Day 31: the order left the window, and Silver with it (the scan runs as the clock moves).
    advance(&host, 2);
    let changes = tier_changes();
    assert_eq!(changes.len(), 2, "{changes:#?}");
    assert_eq!(
        data(&changes[0]),
        json!({ "from": { "id": "silver", "name": "Silver", "earnPercent": 150 }, "to": null, "direction": "down" })
    );
    assert_eq!(changes[0]["customerId"], "ann");

    // Later scans and a small order do not announce it again …
    advance(&host, 1);
    pay_at(&host, "o-2", "ann", 1_000, &host_now(&host));
    advance(&host, 1);
    assert_eq!(tier_changes().len(), 2, "{:#?}", tier_changes());
    // … and spending enough again is the next change.
    pay_at(&host, "o-3", "ann", 20_000, &host_now(&host));
    let changes = tier_changes();
    assert_eq!(changes.len(), 3, "{changes:#?}");
    assert_eq!(
        (data(&changes[0])["direction"].as_str(), data(&changes[0])["to"]["id"].as_str()),
        (Some("up"), Some("silver"))
    );
}

#[test]
fn the_lapse_of_a_segment_member_carries_their_running_offer() {
    let host = Host::with(&with_beans_offer(program(), 365), FAST);
    pay_cart_at(&host, "o-1", "cy", 2_000, beans_cart(2_000), &host_now(&host));
    pay_at(&host, "o-2", "bo", 2_000, &host_now(&host));
    advance(&host, 181);
    let lapsed = log(&host, Some("customer.lapsed"));
    let offers = |customer: &str| {
        let event = lapsed.iter().find(|event| event["customerId"] == customer).expect("a lapse event");
        event["payload"]["data"]["offers"].clone()
    };
    assert_eq!(
        offers("cy"),
        json!([{ "id": "beans-double", "name": BEANS_OFFER, "percent": 200, "endsAt": "2100-01-01T00:00:00Z" }])
    );
    assert_eq!(offers("bo"), json!([]), "Bo bought no beans");
}

#[test]
fn a_replay_sends_the_same_event_again_and_a_rotated_secret_signs_it() {
    let host = Host::with(&program(), FAST);
    let receiver = Receiver::start(0);
    let (id, old_secret) = endpoint(&host, &receiver.url, &["points.earned"]);
    pay_at(&host, "o-1", "dan", 1_000, &host_now(&host));
    let first = receiver.wait_until("the first delivery", |received| received.len() == 1);
    let event_id = first[0].event_id().to_owned();
    assert!(event_id.starts_with("evt_"), "{event_id}");

    let rotated = admin_call(&host, "POST", &format!("/v1/admin/events/endpoints/{id}/secret"), None);
    assert_eq!(rotated.status, 200, "{}", rotated.text);
    check("EventEndpointCreated", &rotated.body);
    let new_secret = rotated.body["secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, old_secret);
    let listed = admin_get(&host, "/v1/admin/events/endpoints");
    check("EventEndpoints", &listed.body);
    assert!(!listed.text.contains(&new_secret), "the secret is shown only once");

    let replay = admin_call(&host, "POST", &format!("/v1/admin/events/{event_id}/replay"), None);
    assert_eq!(replay.status, 202, "{}", replay.text);
    check("EventLogEntry", &replay.body);
    let received = receiver.wait_until("the replay", |received| received.len() == 2);
    assert_eq!(received[1].event_id(), event_id, "the same event id");
    assert_eq!(received[1].body, received[0].body, "the same body");
    assert!(signed_with(&received[1], &new_secret), "signed with the new secret");
    assert!(signed_with(&received[1], &old_secret), "and, during the grace period, with the old one");
    let entry = wait_for_log(&host, |events| {
        events[0]["deliveries"].as_array().unwrap().iter().all(|d| d["status"] == "delivered")
    });
    assert_eq!(entry[0]["deliveries"].as_array().unwrap().len(), 2);

    problem(&admin_call(&host, "POST", "/v1/admin/events/evt_nope/replay", None), 404, "no-event");
    // Without an endpoint taking the type, a replay has nowhere to go.
    let deleted = admin_call(&host, "DELETE", &format!("/v1/admin/events/endpoints/{id}"), None);
    assert_eq!(deleted.status, 204, "{}", deleted.text);
    problem(
        &admin_call(&host, "POST", &format!("/v1/admin/events/{event_id}/replay"), None),
        409,
        "no-endpoint-for-event",
    );
}

#[test]
fn an_endpoint_must_be_an_http_url_and_name_known_event_types() {
    let host = Host::with_program();
    for (body, path) in [
        (json!({ "url": "ftp://files.example/in", "types": ["points.earned"] }), "url"),
        (json!({ "url": "javascript:alert(1)", "types": ["points.earned"] }), "url"),
        (json!({ "url": "file:///etc/passwd", "types": ["points.earned"] }), "url"),
        (json!({ "url": "https://hooks.example/in", "types": [] }), "types"),
        (json!({ "url": "https://hooks.example/in", "types": ["points.spent"] }), "types[0]"),
        (json!({ "url": "https://hooks.example/in", "types": ["tier.changed", "tier.changed"] }), "types[1]"),
    ] {
        let reply = admin_call(&host, "POST", "/v1/admin/events/endpoints", Some(&body));
        problem(&reply, 422, "invalid-input");
        assert_eq!(reply.body["errors"][0]["path"], path, "{body}");
    }
    let (id, _) = endpoint(&host, "https://hooks.example/in", &["tier.changed"]);
    let reply = admin_call(
        &host,
        "PUT",
        &format!("/v1/admin/events/endpoints/{id}"),
        Some(&json!({ "url": "gopher://hooks.example/", "types": ["tier.changed"] })),
    );
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "url");
    let listed = admin_get(&host, "/v1/admin/events/endpoints");
    assert_eq!(listed.body["endpoints"][0]["url"], "https://hooks.example/in", "nothing half-written");
    problem(&host.call("GET", "/v1/admin/events/endpoints", &[], None), 401, "unauthorized");
    let settings = admin_call(
        &host,
        "PUT",
        "/v1/admin/events/settings",
        Some(&json!({ "pointsExpiringDays": 0, "codeExpiringDays": 3 })),
    );
    problem(&settings, 422, "invalid-input");
    assert_eq!(settings.body["errors"][0]["path"], "pointsExpiringDays");
}

#[test]
fn two_hosts_on_one_database_make_and_send_each_event_once() {
    if common::postgres().is_none() {
        eprintln!("events: two hosts skipped, TREU_TEST_DATABASE does not name a PostgreSQL server");
        return;
    }
    let args = ["--event-scan-seconds", "1", "--event-poll-ms", "10"];
    let first = Host::with(&program(), &args);
    let second = first.beside(&args);
    let receiver = Receiver::start(0);
    endpoint(&first, &receiver.url, &["customer.lapsed", "points.earned"]);
    // Orders placed 200 days ago: both hosts' scans find the lapse.
    for n in 0..5 {
        let host = if n % 2 == 0 { &first } else { &second };
        pay_at(host, &format!("o-{n}"), &format!("eve-{n}"), 1_000, &common::days_ago(200));
    }
    receiver.wait_until("five lapses", |received| {
        received.iter().filter(|request| request.json()["type"] == "customer.lapsed").count() >= 5
    });
    // Both hosts go on scanning and polling (every second, every 10 ms): a
    // second event or a second send would show within a few rounds.
    std::thread::sleep(std::time::Duration::from_secs(3));
    let received = receiver.received();
    let lapsed: Vec<&Received> =
        received.iter().filter(|request| request.json()["type"] == "customer.lapsed").collect();
    assert_eq!(lapsed.len(), 5, "one lapse per customer, sent once");
    for (id, count) in successes(&received) {
        assert_eq!(count, 1, "{id} was sent {count} times");
    }
    assert_eq!(common::sql_number(&first, "SELECT COUNT(*) FROM events WHERE type = 'customer.lapsed'"), 5);
}
