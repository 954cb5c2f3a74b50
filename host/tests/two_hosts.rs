//! Two `treu-host` processes on one PostgreSQL database, as behind a load
//! balancer: they start (and migrate) at once, an event delivered to both is
//! applied once, racing redemptions spend the points once, an idempotency key
//! answers on either host, and a program saved through one is in force on both.
//!
//! Runs where `TREU_TEST_DATABASE` names a PostgreSQL server (`./x test` starts
//! one); a SQLite file belongs to one host process, so there it says so and passes.

mod common;

use common::contract::{check, problem};
use common::{cart, paid_event, token, Host, ADMIN_TOKEN};
use serde_json::{json, Value};
use std::sync::Barrier;

/// Two hosts on one fresh database, started at the same moment, with `args`.
fn two_hosts(args: &[&str]) -> Option<(Host, Host)> {
    if common::postgres().is_none() {
        eprintln!("two_hosts: skipped, TREU_TEST_DATABASE does not name a PostgreSQL server");
        return None;
    }
    let first = tempfile::tempdir().unwrap();
    let program = first.path().join("program.json");
    std::fs::write(&program, common::test_program().to_string()).unwrap();
    let program = program.display().to_string();
    let mut all = vec!["--program", program.as_str()];
    all.extend_from_slice(args);
    common::database_url(first.path());
    let second = common::folder_beside(first.path());
    let barrier = Barrier::new(2);
    // Both create the database if missing and run the migrations: one waits
    // for the other's advisory lock, then finds nothing left to do.
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| {
            barrier.wait();
            Host::start_in(first, &all)
        });
        let b = scope.spawn(|| {
            barrier.wait();
            Host::start_in(second, &all)
        });
        (a.join().unwrap(), b.join().unwrap())
    });
    Some((a, b))
}

/// Sends `requests` at the same moment, one thread each; their replies in order.
fn at_once<'a>(requests: Vec<Box<dyn FnOnce() -> common::Reply + Send + 'a>>) -> Vec<common::Reply> {
    let barrier = Barrier::new(requests.len());
    std::thread::scope(|scope| {
        let threads: Vec<_> = requests
            .into_iter()
            .map(|request| {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    request()
                })
            })
            .collect();
        threads.into_iter().map(|thread| thread.join().unwrap()).collect()
    })
}

#[test]
fn the_same_webhook_sent_to_both_hosts_is_applied_once() {
    let Some((a, b)) = two_hosts(&[]) else { return };
    for n in 0..12 {
        let event = paid_event(&format!("o-{n}"), "c-1", 1000, &common::days_ago(1));
        let replies = at_once(vec![Box::new(|| a.webhook(&event)), Box::new(|| b.webhook(&event))]);
        for reply in &replies {
            assert_eq!(reply.status, 200, "{}", reply.text);
            check("OrderEventResult", &reply.body);
        }
        assert_eq!(replies[0].body, replies[1].body, "both hosts answer the one outcome");
        let replayed = replies.iter().filter(|reply| reply.replayed).count();
        assert_eq!(replayed, 1, "one host applied event {n}, the other replayed it");
    }
    // 12 orders of €10 at 1 point per €1: 120 points, not 240.
    for host in [&a, &b] {
        let me = host.me("c-1");
        assert_eq!(me["balance"]["total"], 120, "{me}");
        assert_eq!(me["history"]["entries"].as_array().unwrap().len(), 12);
    }
}

#[test]
fn ten_racing_redemptions_over_two_hosts_spend_the_points_once() {
    let Some((a, b)) = two_hosts(&["--rate-limit", "0"]) else { return };
    a.adjust("eve", 500);
    let me = token("eve");
    let body = json!({ "option": "5-off", "cart": cart(3000) });
    let requests: Vec<Box<dyn FnOnce() -> common::Reply + Send>> = (0..10)
        .map(|n| {
            let (host, me, body) = (if n % 2 == 0 { &a } else { &b }, &me, &body);
            Box::new(move || host.post("/v1/redemptions", Some(me), &format!("race-{n}"), body)) as Box<_>
        })
        .collect();
    let replies = at_once(requests);
    let won: Vec<&common::Reply> = replies.iter().filter(|reply| reply.status == 201).collect();
    assert_eq!(won.len(), 1, "{:?}", replies.iter().map(|reply| &reply.text).collect::<Vec<_>>());
    check("RedemptionResult", &won[0].body);
    for reply in replies.iter().filter(|reply| reply.status != 201) {
        problem(reply, 422, "insufficient-points");
    }
    for host in [&a, &b] {
        let me = host.me("eve");
        assert_eq!(me["balance"]["available"], 0, "{me}");
        assert_eq!(me["discountCodes"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn an_idempotency_key_answers_on_either_host() {
    let Some((a, b)) = two_hosts(&["--rate-limit", "0"]) else { return };
    a.adjust("c-1", 3500);
    let me = token("c-1");
    let body = json!({ "option": "5-off", "cart": cart(3000) });
    // A retry that lands on the other host replays the stored response.
    let first = a.post("/v1/redemptions", Some(&me), "k-1", &body);
    assert_eq!(first.status, 201, "{}", first.text);
    let retry = b.post("/v1/redemptions", Some(&me), "k-1", &body);
    assert_eq!((retry.status, retry.replayed), (201, true), "{}", retry.text);
    assert_eq!(retry.body, first.body);
    let reused = b.post("/v1/redemptions", Some(&me), "k-1", &json!({ "option": "ship", "cart": cart(3000) }));
    problem(&reused, 422, "idempotency-key-reused");
    // The same key on both hosts at once runs once: the second waits for the
    // first's transaction and replays its response.
    for n in 0..6 {
        let key = format!("both-{n}");
        let replies = at_once(vec![
            Box::new(|| a.post("/v1/redemptions", Some(&me), &key, &body)),
            Box::new(|| b.post("/v1/redemptions", Some(&me), &key, &body)),
        ]);
        let texts: Vec<&str> = replies.iter().map(|reply| reply.text.as_str()).collect();
        assert!(replies.iter().all(|reply| reply.status == 201), "{texts:?}");
        assert_eq!(replies[0].body, replies[1].body, "{texts:?}");
        assert_eq!(replies.iter().filter(|reply| reply.replayed).count(), 1, "{texts:?}");
    }
    // 3500 points: the first code and one per racing pair, each spent once.
    let me_now = a.me("c-1");
    let redeemed = me_now["history"]["entries"].as_array().unwrap().iter().filter(|e| e["type"] == "redeem").count();
    assert_eq!(redeemed, 7, "{me_now}");
    assert_eq!(me_now["balance"]["available"], 0);
}

#[test]
fn a_program_saved_through_one_host_is_in_force_on_both() {
    let Some((a, b)) = two_hosts(&[]) else { return };
    let program_of = |host: &Host| -> Value { serde_json::from_str(&host.get("/v1/program").2).unwrap() };
    assert_eq!(program_of(&b)["earning"]["rates"][0]["points"], 1);
    let mut program = common::test_program();
    program["earning"]["rates"][0]["points"] = json!(3);
    let saved = a.call(
        "PUT",
        "/v1/admin/program",
        &[("content-type", "application/json"), ("authorization", &format!("Bearer {ADMIN_TOKEN}"))],
        Some(&program.to_string()),
    );
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert_eq!(saved.body["version"], 2);
    // The other host serves it and earns by it from the next request on.
    assert_eq!(program_of(&b)["earning"]["rates"][0]["points"], 3);
    let earned = b.pay("o-1", "c-1", 1000);
    assert_eq!(earned.body["points"], 30, "{}", earned.text);
    let versions = b.get_as("/v1/admin/program", ADMIN_TOKEN);
    assert_eq!(versions.body["version"], 2, "{}", versions.text);
}
