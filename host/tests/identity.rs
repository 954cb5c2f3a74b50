//! Customer tokens and the admin token, against the real binary.

mod common;

use common::contract::{check, problem};
use common::{command, now, token, token_with, Host, ADMIN_TOKEN, SHOP_SECRET};
use serde_json::json;

#[test]
fn a_valid_token_identifies_the_customer() {
    let host = Host::with_program();
    let me = host.me("c-1");
    assert_eq!(me["customer"]["id"], "c-1");
    let with_email =
        token_with(json!({ "sub": "c-2", "exp": now() + 60, "email": "c2@example.com", "name": "Cee" }), SHOP_SECRET);
    let reply = host.get_as("/v1/me", &with_email);
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("Me", &reply.body);
    assert_eq!(reply.body["customer"]["email"], "c2@example.com");
    assert_eq!(reply.body["customer"]["name"], "Cee");
}

#[test]
fn missing_expired_forged_and_unsigned_tokens_are_refused() {
    let host = Host::with_program();
    problem(&host.call("GET", "/v1/me", &[], None), 401, "unauthorized");
    problem(&host.call("GET", "/v1/me", &[("authorization", "Basic abc")], None), 401, "unauthorized");
    problem(&host.get_as("/v1/me", "not-a-jwt"), 401, "unauthorized");
    let expired = token_with(json!({ "sub": "c-1", "exp": now() - 120 }), SHOP_SECRET);
    let reply = host.get_as("/v1/me", &expired);
    problem(&reply, 401, "unauthorized");
    assert!(reply.body["detail"].as_str().unwrap().contains("expired"), "{}", reply.text);
    let forged = token_with(json!({ "sub": "c-1", "exp": now() + 60 }), "another-secret");
    problem(&host.get_as("/v1/me", &forged), 401, "unauthorized");
    let no_exp = token_with(json!({ "sub": "c-1" }), SHOP_SECRET);
    problem(&host.get_as("/v1/me", &no_exp), 401, "unauthorized");
    let no_sub = token_with(json!({ "exp": now() + 60 }), SHOP_SECRET);
    problem(&host.get_as("/v1/me", &no_sub), 401, "unauthorized");
    // alg none: header {"alg":"none","typ":"JWT"}, no signature.
    let b64 = |text: &str| {
        use std::fmt::Write;
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let bytes = text.as_bytes();
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk.iter().fold(0u32, |n, b| n << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                let _ = out.write_char(alphabet[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    };
    let unsigned = format!(
        "{}.{}.",
        b64(r#"{"alg":"none","typ":"JWT"}"#),
        b64(&format!(r#"{{"sub":"c-1","exp":{}}}"#, now() + 60))
    );
    problem(&host.get_as("/v1/me", &unsigned), 401, "unauthorized");
    // A guest may quote without a token, but a bad token is never treated as a guest.
    let reply = host.post("/v1/quote", Some(&forged), "k1", &json!({ "cart": common::cart(1000) }));
    problem(&reply, 401, "unauthorized");
}

#[test]
fn mint_token_prints_a_token_the_host_accepts() {
    let host = Host::with_program();
    let dir = tempfile::tempdir().unwrap();
    let output = command(&dir).args(["mint-token", "--customer", "c-77", "--ttl", "10m"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let minted = String::from_utf8(output.stdout).unwrap();
    let reply = host.get_as("/v1/me", minted.trim());
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["customer"]["id"], "c-77");

    let output = command(&dir).env_remove("TREU_SHOP_SECRET").args(["mint-token", "--customer", "c"]).output().unwrap();
    assert!(!output.status.success());
    let output = command(&dir).args(["mint-token", "--customer", "c", "--ttl", "soon"]).output().unwrap();
    assert!(!output.status.success());
}

#[test]
fn admin_endpoints_need_the_admin_token() {
    let host = Host::with_program();
    problem(&host.call("GET", "/v1/admin/program", &[], None), 401, "unauthorized");
    problem(&host.get_as("/v1/admin/program", "wrong"), 401, "unauthorized");
    problem(&host.get_as("/v1/admin/program", &token("c-1")), 401, "unauthorized");
    let reply = host.get_as("/v1/admin/program", ADMIN_TOKEN);
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("AdminProgram", &reply.body);
}
