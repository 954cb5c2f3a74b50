//! Admin: program versions, validation with JSON paths, adjustments.

mod common;

use common::contract::{check, problem};
use common::{test_program, Host, ADMIN_TOKEN};
use serde_json::{json, Value};

fn put(host: &Host, body: &str) -> common::Reply {
    host.call(
        "PUT",
        "/v1/admin/program",
        &[("content-type", "application/json"), ("authorization", &format!("Bearer {ADMIN_TOKEN}"))],
        Some(body),
    )
}

#[test]
fn every_saved_program_is_kept_as_a_version() {
    let host = Host::start(&[]);
    let mut program = test_program();
    let reply = put(&host, &program.to_string());
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("AdminProgram", &reply.body);
    assert_eq!(reply.body["version"], 1);
    let reply = put(&host, &program.to_string());
    assert_eq!(reply.body["version"], 1, "the same program makes no new version");
    program["freeShipping"]["thresholds"][0]["minimum"] = json!(4000);
    let reply = put(&host, &program.to_string());
    assert_eq!(reply.body["version"], 2);
    // The storefront sees the new one at once.
    let (_, _, body) = host.get("/v1/program");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["freeShipping"]["thresholds"][0]["minimum"], 4000);
    let reply = host.get_as("/v1/admin/program", ADMIN_TOKEN);
    check("AdminProgram", &reply.body);
    assert_eq!(reply.body["versions"].as_array().unwrap().len(), 2);
    let first = host.get_as("/v1/admin/program?version=1", ADMIN_TOKEN);
    assert_eq!(first.body["program"]["freeShipping"]["thresholds"][0]["minimum"], 5000);
    problem(&host.get_as("/v1/admin/program?version=9", ADMIN_TOKEN), 404, "no-program");
    problem(&host.get_as("/v1/admin/program?version=x", ADMIN_TOKEN), 422, "invalid-input");
}

#[test]
fn an_invalid_program_is_refused_naming_every_field() {
    let host = Host::with_program();
    let mut program = test_program();
    program["freeShipping"]["thresholds"][0]["minimum"] = json!(-1);
    program["redemptions"][0]["points"] = json!(0);
    let reply = put(&host, &program.to_string());
    problem(&reply, 422, "invalid-input");
    let paths: Vec<&str> =
        reply.body["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["program.redemptions[0].points", "program.freeShipping.thresholds[0].minimum"]);
    program = test_program();
    program["earning"]["rates"][0]["per"] = json!("100");
    let reply = put(&host, &program.to_string());
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "program.earning.rates[0].per");
    program = test_program();
    program["freeShiping"] = json!({});
    problem(&put(&host, &program.to_string()), 422, "invalid-input");
    problem(&put(&host, "{"), 400, "malformed-json");
    // The program in force did not change.
    assert_eq!(host.get_as("/v1/admin/program", ADMIN_TOKEN).body["version"], 1);
}

#[test]
fn adjustments_add_and_remove_points_with_a_reason() {
    let host = Host::with_program();
    let reply = host.adjust("c-1", 250);
    assert_eq!(reply.body["balance"]["available"], 250);
    assert_eq!(reply.body["entries"][0]["change"]["reason"], "goodwill");
    let reply = host.adjust("c-1", -300);
    assert_eq!(reply.body["balance"]["available"], -50, "a correction may go below zero, and says so");
    assert_eq!(reply.body["balance"]["negative"], true);
    let send = |body: Value| {
        host.call(
            "POST",
            "/v1/admin/customers/c-1/adjustments",
            &[
                ("content-type", "application/json"),
                ("authorization", &format!("Bearer {ADMIN_TOKEN}")),
                ("idempotency-key", &format!("k-{}", common::unique())),
            ],
            Some(&body.to_string()),
        )
    };
    let reply = send(json!({ "points": 0, "reason": "x" }));
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "points");
    let reply = send(json!({ "points": 5, "reason": " " }));
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "reason");
    let reply = send(json!({ "points": "5", "reason": "x" }));
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "points");
    let me = host.me("c-1");
    assert_eq!(me["history"]["entries"].as_array().unwrap().len(), 2);
}
