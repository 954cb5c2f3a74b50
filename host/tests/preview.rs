//! The dashboard's live preview: a draft program per session, never in force,
//! and the storefront's reads computed with it; writes refused.

mod common;

use common::admin::{admin_call, sign_in, Session};
use common::contract::{check, problem};
use common::{cart, test_program, Host};
use serde_json::{json, Value};

/// The test program earning 10 points per euro instead of 1.
fn draft() -> Value {
    let mut program = test_program();
    program["earning"]["rates"][0]["points"] = json!(10);
    program
}

fn put_draft(host: &Host, session: &Session, path: &str, program: &Value) -> common::Reply {
    session.call(host, "PUT", path, Some(program), true)
}

fn with_token(session: &Session, token: &str) -> Vec<(&'static str, String)> {
    vec![("cookie", session.cookie.clone()), ("authorization", format!("Bearer {token}"))]
}

fn call(
    host: &Host,
    method: &str,
    path: &str,
    headers: &[(&'static str, String)],
    body: Option<&Value>,
) -> common::Reply {
    let mut all: Vec<(&str, &str)> = headers.iter().map(|(name, value)| (*name, value.as_str())).collect();
    all.push(("content-type", "application/json"));
    let text = body.map(Value::to_string);
    host.call(method, path, &all, text.as_deref())
}

#[test]
fn the_preview_shows_the_draft_for_the_busiest_member_without_putting_it_in_force() {
    let host = Host::with_program();
    host.pay("o-1", "c-busy", 5000);
    host.pay("o-2", "c-busy", 3000);
    host.pay("o-3", "c-quiet", 1000);
    let session = sign_in(&host, "Mia");
    let reply = put_draft(&host, &session, "/v1/admin/preview", &draft());
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("PreviewResult", &reply.body);
    assert_eq!(reply.body["member"], "c-busy", "the member with the most ledger entries");
    let token = reply.body["previewToken"].as_str().unwrap().to_owned();

    let program = session.get(&host, "/v1/admin/preview/v1/program");
    assert_eq!(program.body["earning"]["rates"][0]["points"], 10);
    let (_, _, live) = host.get("/v1/program");
    assert_eq!(serde_json::from_str::<Value>(&live).unwrap()["earning"]["rates"][0]["points"], 1, "not in force");

    let me = call(&host, "GET", "/v1/admin/preview/v1/me", &with_token(&session, &token), None);
    assert_eq!(me.status, 200, "{}", me.text);
    check("Me", &me.body);
    assert_eq!(me.body["customer"]["id"], "c-busy");
    assert_eq!(me.body["balance"], host.me("c-busy")["balance"], "the balance is the member's real one");

    let quote = call(
        &host,
        "POST",
        "/v1/admin/preview/v1/quote",
        &with_token(&session, &token),
        Some(&json!({ "cart": cart(2000) })),
    );
    assert_eq!(quote.status, 200, "{}", quote.text);
    check("Quote", &quote.body);
    assert_eq!(quote.body["earn"]["total"], 200, "10 points per euro under the draft");
    let guest = call(
        &host,
        "POST",
        "/v1/admin/preview/v1/quote",
        &[("cookie", session.cookie.clone())],
        Some(&json!({ "cart": cart(2000) })),
    );
    assert_eq!(guest.body["earn"]["total"], 200);

    let other = put_draft(&host, &session, "/v1/admin/preview?member=c-quiet", &draft());
    assert_eq!(other.body["member"], "c-quiet");
    let stale = call(&host, "GET", "/v1/admin/preview/v1/me", &with_token(&session, &token), None);
    problem(&stale, 401, "unauthorized");
    problem(&put_draft(&host, &session, "/v1/admin/preview?member=nobody", &draft()), 404, "no-customer");
}

#[test]
fn the_preview_is_read_only_and_private_to_its_session() {
    let host = Host::with_program();
    host.pay("o-1", "c-busy", 5000);
    let session = sign_in(&host, "Mia");
    problem(&session.get(&host, "/v1/admin/preview/v1/program"), 404, "no-preview");
    let token =
        put_draft(&host, &session, "/v1/admin/preview", &draft()).body["previewToken"].as_str().unwrap().to_owned();
    for path in
        ["/v1/admin/preview/v1/redemptions", "/v1/admin/preview/v1/actions", "/v1/admin/preview/v1/referrals/claim"]
    {
        let body = json!({ "option": "5-off", "cart": cart(3000) });
        problem(&call(&host, "POST", path, &with_token(&session, &token), Some(&body)), 403, "preview-read-only");
    }
    assert_eq!(host.me("c-busy")["discountCodes"], json!([]), "nothing was redeemed");
    // Another session has no draft; no session sees nothing.
    let other = sign_in(&host, "Ole");
    problem(&other.get(&host, "/v1/admin/preview/v1/program"), 404, "no-preview");
    problem(&host.call("GET", "/v1/admin/preview/v1/program", &[], None), 401, "unauthorized");
    // The draft belongs to a dashboard session: the admin token alone has none.
    problem(&admin_call(&host, "PUT", "/v1/admin/preview", Some(&draft())), 401, "unauthorized");
    problem(&session.call(&host, "PUT", "/v1/admin/preview", Some(&draft()), false), 403, "csrf");
}

#[test]
fn an_invalid_draft_is_refused_like_a_program() {
    let host = Host::with_program();
    let session = sign_in(&host, "Mia");
    let mut program = draft();
    program["tiers"]["levels"][0]["threshold"] = json!(-5);
    let reply = put_draft(&host, &session, "/v1/admin/preview", &program);
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "program.tiers.levels[0].threshold");
    let empty_shop = put_draft(&host, &session, "/v1/admin/preview", &draft());
    assert_eq!(empty_shop.body, json!({ "previewToken": null, "member": null }), "no members yet");
}
