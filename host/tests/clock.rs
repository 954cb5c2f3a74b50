//! The host's one clock: fixed unless started with `--movable-clock`, moved
//! only forward, kept across a restart; what moving it does to the ledger.

mod common;

use common::contract::{check, problem};
use common::{test_program, Host, ADMIN_TOKEN};
use serde_json::{json, Value};

/// A program whose points are pending for 14 days and expire a year after earning.
fn program_with_windows() -> Value {
    let mut program = test_program();
    program["earning"]["returnWindowDays"] = json!(14);
    program["earning"]["expiresAfterDays"] = json!(365);
    program
}

fn admin(host: &Host, method: &str, body: Option<&Value>) -> common::Reply {
    let bearer = format!("Bearer {ADMIN_TOKEN}");
    let text = body.map(Value::to_string);
    host.call(
        method,
        "/v1/admin/clock",
        &[("authorization", &bearer), ("content-type", "application/json")],
        text.as_deref(),
    )
}

#[test]
fn without_the_flag_the_clock_is_fixed() {
    let host = Host::with_program();
    let reply = admin(&host, "GET", None);
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("Clock", &reply.body);
    assert_eq!(reply.body["movable"], false);
    assert_eq!(reply.body["offsetSeconds"], 0);
    problem(&admin(&host, "POST", Some(&json!({ "advanceDays": 14 }))), 403, "clock-fixed");
    assert_eq!(admin(&host, "GET", None).body["offsetSeconds"], 0);
    // Without the admin token, nobody reads or moves it.
    problem(&host.call("GET", "/v1/admin/clock", &[], None), 401, "unauthorized");
}

#[test]
fn the_clock_moves_forward_only_and_keeps_its_date_across_a_restart() {
    let host = Host::with(&program_with_windows(), &["--movable-clock"]);
    let before = admin(&host, "GET", None).body;
    assert_eq!(before["movable"], true);
    for (body, path) in [
        (json!({ "advanceDays": 0 }), "advanceDays"),
        (json!({ "advanceSeconds": -5 }), "advanceSeconds"),
        (json!({ "advanceDays": 1, "advanceSeconds": 1 }), "body"),
        (json!({}), "body"),
    ] {
        let reply = admin(&host, "POST", Some(&body));
        problem(&reply, 422, "invalid-input");
        assert_eq!(reply.body["errors"][0]["path"], path, "{body}");
    }
    let moved = admin(&host, "POST", Some(&json!({ "advanceDays": 14 })));
    assert_eq!(moved.status, 200, "{}", moved.text);
    check("Clock", &moved.body);
    assert_eq!(moved.body["offsetSeconds"], 14 * 86_400);
    let days = |value: &Value| value["now"].as_str().unwrap().to_owned();
    assert!(days(&moved.body) > days(&before), "{} after {}", moved.body["now"], before["now"]);

    let (_, dir) = host.stop();
    let host = Host::start_in(dir, &["--movable-clock"]);
    assert_eq!(admin(&host, "GET", None).body["offsetSeconds"], 14 * 86_400, "a restart keeps the moved date");
    let (_, dir) = host.stop();
    let host = Host::start_in(dir, &[]);
    let fixed = admin(&host, "GET", None).body;
    assert_eq!(
        (fixed["offsetSeconds"].as_i64(), fixed["movable"].as_bool()),
        (Some(14 * 86_400), Some(false)),
        "without the flag the clock stays where it was: time never goes back"
    );
}

#[test]
fn pending_points_mature_after_the_return_window_and_expire_after_a_year() {
    let host = Host::with(&program_with_windows(), &["--movable-clock"]);
    host.pay("o-1", "c-1", 4000);
    let me = host.me("c-1");
    assert_eq!((me["balance"]["pending"].as_i64(), me["balance"]["available"].as_i64()), (Some(40), Some(0)));

    admin(&host, "POST", Some(&json!({ "advanceDays": 12 })));
    assert_eq!(host.me("c-1")["balance"]["pending"], 40, "the return window is still open");
    admin(&host, "POST", Some(&json!({ "advanceDays": 2 })));
    let me = host.me("c-1");
    assert_eq!((me["balance"]["pending"].as_i64(), me["balance"]["available"].as_i64()), (Some(0), Some(40)));

    admin(&host, "POST", Some(&json!({ "advanceDays": 365 })));
    let me = host.me("c-1");
    assert_eq!(me["balance"]["available"], 0, "a year after earning, the points expired: {}", me["balance"]);
}
