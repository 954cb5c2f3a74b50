//! Program versions remember who saved them and why; an old version can be
//! put in force again.

mod common;

use common::admin::{admin_call, admin_get, sign_in};
use common::contract::{check, problem};
use common::{test_program, Host};
use serde_json::{json, Value};

fn authors(host: &Host) -> Vec<(i64, Option<String>, Option<String>)> {
    let reply = admin_get(host, "/v1/admin/program");
    check("AdminProgram", &reply.body);
    reply.body["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (v["version"].as_i64().unwrap(), v["author"].as_str().map(Into::into), v["note"].as_str().map(Into::into))
        })
        .collect()
}

fn minimum(reply: &common::Reply) -> &Value {
    &reply.body["program"]["freeShipping"]["thresholds"][0]["minimum"]
}

#[test]
fn every_version_names_its_author_and_a_restore_notes_its_source() {
    let host = Host::with_program();
    let mut program = test_program();
    program["freeShipping"]["thresholds"][0]["minimum"] = json!(4000);
    assert_eq!(admin_call(&host, "PUT", "/v1/admin/program", Some(&program)).body["author"], "API");
    let session = sign_in(&host, "Mia");
    program["freeShipping"]["thresholds"][0]["minimum"] = json!(3000);
    let saved = session.call(&host, "PUT", "/v1/admin/program", Some(&program), true);
    assert_eq!(saved.body["version"], 3, "{}", saved.text);
    let some = |text: &str| Some(text.to_owned());
    assert_eq!(
        authors(&host),
        [(3, some("Mia"), None), (2, some("API"), None), (1, some("treu-host --program"), None)]
    );

    let restored = session.call(&host, "POST", "/v1/admin/program/versions/1/restore", None, true);
    assert_eq!(restored.status, 201, "{}", restored.text);
    check("AdminProgram", &restored.body);
    assert_eq!((restored.body["version"].as_i64(), restored.body["note"].as_str()), (Some(4), Some("restored:1")));
    assert_eq!(restored.body["author"], "Mia");
    assert_eq!(minimum(&restored), 5000);
    // The storefront sees the restored program at once.
    let (_, _, body) = host.get("/v1/program");
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["freeShipping"]["thresholds"][0]["minimum"], 5000);
    // Restoring what is in force changes nothing.
    let again = admin_call(&host, "POST", "/v1/admin/program/versions/1/restore", None);
    assert_eq!((again.status, again.body["version"].as_i64()), (200, Some(4)), "{}", again.text);
    assert_eq!(authors(&host).len(), 4);
    assert_eq!(minimum(&admin_get(&host, "/v1/admin/program?version=3")), 3000);
}

#[test]
fn a_restore_needs_a_version_that_exists_and_the_csrf_header() {
    let host = Host::with_program();
    problem(&admin_call(&host, "POST", "/v1/admin/program/versions/9/restore", None), 404, "no-program");
    let session = sign_in(&host, "Mia");
    problem(&session.call(&host, "POST", "/v1/admin/program/versions/1/restore", None, false), 403, "csrf");
    problem(&host.call("POST", "/v1/admin/program/versions/1/restore", &[], None), 401, "unauthorized");
}
