//! Bad input is a problem document, never a 500: malformed JSON, wrong
//! content types, oversized bodies, unknown paths and methods.

mod common;

use common::contract::problem;
use common::{token, Host};

#[test]
fn malformed_requests_get_problem_documents() {
    let host = Host::with_program();
    let bearer = format!("Bearer {}", token("c-1"));
    let post = |content_type: &str, body: &str| {
        host.call(
            "POST",
            "/v1/quote",
            &[
                ("content-type", content_type),
                ("idempotency-key", &format!("k{}", common::unique())),
                ("authorization", &bearer),
            ],
            Some(body),
        )
    };
    problem(&post("application/json", "{\"cart\":"), 400, "malformed-json");
    problem(&post("application/json", ""), 400, "malformed-json");
    problem(&post("application/json", "{\"cart\":{\"currency\":\"EUR\"}} trailing"), 400, "malformed-json");
    problem(&post("text/plain", "{}"), 415, "unsupported-media-type");
    problem(&post("application/x-www-form-urlencoded", "cart=1"), 415, "unsupported-media-type");
    let reply = post("application/json", "[]");
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "body");
    let reply = post(
        "application/json; charset=utf-8",
        "{\"cart\":{\"currency\":\"EUR\",\"lines\":[{\"productId\":\"a\",\"quantity\":\"2\",\"unitPrice\":1}]}}",
    );
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "cart.lines[0].quantity");
    let reply = post("application/json", "{\"cart\":{\"currency\":\"EUR\"},\"extra\":1}");
    problem(&reply, 422, "invalid-input");
    let huge = format!("{{\"cart\":{{\"currency\":\"EUR\",\"market\":\"{}\"}}}}", "x".repeat(300 * 1024));
    problem(&post("application/json", &huge), 413, "payload-too-large");
    let reply = post("application/json", "{\"cart\":{\"currency\":\"EUR\",\"lines\":[{\"productId\":\"a\",\"quantity\":1,\"unitPrice\":9223372036854775807},{\"productId\":\"b\",\"quantity\":1,\"unitPrice\":9223372036854775807}]}}");
    problem(&reply, 422, "invalid-input");
}

#[test]
fn unknown_paths_and_methods_are_problems() {
    let host = Host::with_program();
    problem(&host.call("GET", "/v1/nope", &[], None), 404, "not-found");
    problem(&host.call("DELETE", "/v1/program", &[], None), 405, "method-not-allowed");
    problem(&host.call("GET", "/v1/quote", &[], None), 405, "method-not-allowed");
}
