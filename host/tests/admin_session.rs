//! Dashboard sign-in: the admin token exchanged for a session cookie, CSRF on
//! changes, failed sign-ins limited per IP, sign-out, expiry; the admin token
//! keeps working for scripts.

mod common;

use common::admin::{admin_call, admin_get, sign_in, sign_in_with};
use common::contract::{check, problem};
use common::{sql, test_program, Host, ADMIN_TOKEN};
use serde_json::json;

#[test]
fn signing_in_sets_a_strict_http_only_cookie_that_opens_the_admin_api() {
    let host = Host::with_program();
    let reply = sign_in_with(&host, &json!({ "token": ADMIN_TOKEN, "name": "  Mia " }), &[]);
    assert_eq!(reply.status, 201, "{}", reply.text);
    check("AdminSession", &reply.body);
    assert_eq!(reply.body["name"], "Mia");
    let cookie = reply.header("set-cookie").unwrap();
    let attributes: Vec<&str> = cookie.split(';').map(str::trim).collect();
    assert!(attributes[0].starts_with("treu_admin_session=") && attributes[0].len() > 60, "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=28800"] {
        assert!(attributes.contains(&attribute), "{attribute} missing in {cookie}");
    }
    assert!(!attributes.contains(&"Secure"), "plain http gets no Secure cookie: {cookie}");
    let expires = treu::engine::time::Timestamp::parse(reply.body["expiresAt"].as_str().unwrap()).unwrap();
    assert!((expires.unix() - common::now() - 8 * 3600).abs() < 60, "8 hours");
    // The database keeps only a hash of the cookie's value.
    let value = attributes[0].trim_start_matches("treu_admin_session=");
    let stored = match common::postgres() {
        // The server's files are not ours to read: every text the table holds.
        Some(_) => common::sql_texts(&host, "SELECT id_hash || ' ' || name || ' ' || csrf_token FROM admin_sessions")
            .join("\n")
            .into_bytes(),
        None => {
            let mut stored = std::fs::read(host.database()).unwrap();
            stored.extend(std::fs::read(host.database().with_extension("sqlite-wal")).unwrap_or_default());
            stored
        }
    };
    let contains = |needle: &str| stored.windows(needle.len()).any(|window| window == needle.as_bytes());
    let hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(value.as_bytes()));
    assert!(contains(&hash) && !contains(value), "the hash is stored, not the value");

    let session = common::admin::Session {
        cookie: attributes[0].to_owned(),
        csrf: reply.body["csrfToken"].as_str().unwrap().to_owned(),
        name: "Mia".into(),
    };
    let mine = session.get(&host, "/v1/admin/session");
    assert_eq!(mine.status, 200, "{}", mine.text);
    assert_eq!(mine.body["csrfToken"], reply.body["csrfToken"]);
    assert_eq!(session.get(&host, "/v1/admin/program").status, 200);
    let among_others = format!("theme=dark; {}; _ga=GA1.2", session.cookie);
    assert_eq!(host.call("GET", "/v1/admin/session", &[("cookie", &among_others)], None).status, 200);
    let behind_tls = sign_in_with(&host, &json!({ "token": ADMIN_TOKEN }), &[("x-forwarded-proto", "https")]);
    assert!(behind_tls.header("set-cookie").unwrap().contains("; Secure"));
    assert_eq!(behind_tls.body["name"], "Admin", "an empty name is Admin");
}

#[test]
fn changes_with_the_cookie_need_the_csrf_header() {
    let host = Host::with_program();
    let session = sign_in(&host, "Mia");
    let mut program = test_program();
    program["freeShipping"]["thresholds"][0]["minimum"] = json!(3000);
    problem(&session.call(&host, "PUT", "/v1/admin/program", Some(&program), false), 403, "csrf");
    let forged = host.call(
        "PUT",
        "/v1/admin/program",
        &[("cookie", &session.cookie), ("content-type", "application/json"), ("x-csrf-token", "guess")],
        Some(&program.to_string()),
    );
    problem(&forged, 403, "csrf");
    assert_eq!(admin_get(&host, "/v1/admin/program").body["version"], 1, "nothing was saved");
    let saved = session.call(&host, "PUT", "/v1/admin/program", Some(&program), true);
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert_eq!((saved.body["version"].as_i64(), saved.body["author"].as_str()), (Some(2), Some("Mia")));
}

#[test]
fn a_wrong_token_is_refused_and_five_failures_lock_the_address_out() {
    let host = Host::with_program();
    for _ in 0..5 {
        let reply = sign_in_with(&host, &json!({ "token": "guess" }), &[]);
        problem(&reply, 401, "unauthorized");
        assert_eq!(reply.body["detail"], "The admin token is not correct.");
        assert!(reply.header("set-cookie").is_none());
    }
    let locked = sign_in_with(&host, &json!({ "token": ADMIN_TOKEN }), &[]);
    problem(&locked, 429, "rate-limited");
    let wait: u64 = locked.retry_after.as_deref().unwrap().parse().unwrap();
    assert!((1..=900).contains(&wait), "{wait}");
    // Scripts with the token are not locked out.
    assert_eq!(admin_get(&host, "/v1/admin/program").status, 200);
}

#[test]
fn signing_out_ends_the_session_and_clears_the_cookie() {
    let host = Host::with_program();
    let session = sign_in(&host, "Mia");
    problem(&session.call(&host, "DELETE", "/v1/admin/session", None, false), 403, "csrf");
    let out = session.call(&host, "DELETE", "/v1/admin/session", None, true);
    assert_eq!(out.status, 204, "{}", out.text);
    let cleared = out.header("set-cookie").unwrap();
    assert!(cleared.starts_with("treu_admin_session=;") && cleared.contains("Max-Age=0"), "{cleared}");
    problem(&session.get(&host, "/v1/admin/session"), 401, "unauthorized");
    problem(&session.get(&host, "/v1/admin/program"), 401, "unauthorized");
}

#[test]
fn an_expired_session_opens_nothing() {
    let host = Host::with_program();
    let session = sign_in(&host, "Mia");
    sql(&host, &["UPDATE admin_sessions SET expires_at = created_at - 1"]);
    let reply = session.get(&host, "/v1/admin/program");
    problem(&reply, 401, "unauthorized");
    assert!(reply.body["detail"].as_str().unwrap().contains("expired"), "{}", reply.text);
}

#[test]
fn the_admin_token_keeps_working_for_scripts() {
    let host = Host::with_program();
    let reply = admin_call(&host, "PUT", "/v1/admin/program", Some(&test_program()));
    assert_eq!(reply.status, 200, "{}", reply.text);
    problem(&admin_get(&host, "/v1/admin/session"), 401, "unauthorized");
    problem(&host.get_as("/v1/admin/program", "wrong"), 401, "unauthorized");
    problem(&host.call("GET", "/v1/admin/program", &[], None), 401, "unauthorized");
    let bogus = host.call("GET", "/v1/admin/program", &[("cookie", "treu_admin_session=forged")], None);
    problem(&bogus, 401, "unauthorized");
}

#[test]
fn without_an_admin_token_the_dashboard_is_off() {
    let host = Host::start(&["--admin-token", ""]);
    let reply = sign_in_with(&host, &json!({ "token": "" }), &[]);
    problem(&reply, 401, "unauthorized");
    assert!(reply.body["detail"].as_str().unwrap().contains("off"), "{}", reply.text);
}
