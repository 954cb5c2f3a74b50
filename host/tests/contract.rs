//! `docs/openapi.yaml` and the binary agree: every schema compiles, every
//! documented operation is routed, every problem type the host sends is
//! documented, and CORS admits only the configured origins.

mod common;

use common::{test_program, Host};
use serde_json::Value;

fn document() -> Value {
    let text = std::fs::read_to_string(common::repo_root().join("docs/openapi.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

#[test]
fn every_component_schema_compiles() {
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
    for name in document["components"]["schemas"].as_object().unwrap().keys() {
        let mut schema = document.clone();
        schema["$ref"] = Value::String(format!("#/components/schemas/{name}"));
        jsonschema::draft202012::new(&schema).unwrap_or_else(|error| panic!("{name}: {error}"));
    }
}

#[test]
fn every_documented_operation_is_routed() {
    let host = Host::with_program();
    let document = document();
    let mut operations = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys().filter(|m| ["get", "put", "post"].contains(&m.as_str())) {
            let concrete = path.replace("{id}", "c-1").replace("{version}", "1");
            let body = (method != "get").then_some("{}");
            let reply = host.call(&method.to_uppercase(), &concrete, &[("content-type", "application/json")], body);
            let kind = reply.body["type"].as_str().unwrap_or_default();
            assert!(
                kind != "urn:treu:problem:not-found" && kind != "urn:treu:problem:method-not-allowed",
                "{method} {path}: {}",
                reply.text
            );
            assert!(reply.status < 500, "{method} {path}: {}", reply.text);
            operations += 1;
        }
    }
    assert_eq!(operations, 56);
}

#[test]
fn every_problem_type_the_host_sends_is_documented() {
    let description = document()["info"]["description"].as_str().unwrap().to_owned();
    let mut sent = Vec::new();
    let mut folders = vec![common::repo_root().join("host/src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for marker in ["StatusCode::", "not_found("] {
                    for (at, _) in text.match_indices(marker) {
                        let rest = &text[at + marker.len()..];
                        let rest = rest.trim_start_matches(|c: char| c.is_ascii_uppercase() || c == '_');
                        let rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
                        if let Some(quoted) = rest.strip_prefix('"') {
                            let slug: String =
                                quoted.chars().take_while(|c| c.is_ascii_lowercase() || *c == '-').collect();
                            if quoted[slug.len()..].starts_with('"') && !slug.is_empty() {
                                sent.push(slug);
                            }
                        }
                    }
                }
            }
        }
    }
    sent.sort();
    sent.dedup();
    assert!(sent.len() >= 20, "{sent:?}");
    for slug in sent {
        assert!(description.contains(&format!("`{slug}`")), "urn:treu:problem:{slug} is not in docs/openapi.yaml");
    }
}

#[test]
fn cors_admits_only_the_shops_origins() {
    let host = Host::with(&test_program(), &["--allowed-origins", "https://shop.example,https://www.shop.example"]);
    let agent =
        ureq::Agent::config_builder().http_status_as_error(false).allow_non_standard_methods(true).build().new_agent();
    let request = |origin: &str| {
        let request = ureq::http::Request::builder()
            .method("OPTIONS")
            .uri(format!("{}/v1/quote", host.url))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type,idempotency-key,authorization")
            .body(())
            .unwrap();
        let response = agent.run(request).unwrap();
        response.headers().get("access-control-allow-origin").map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(request("https://shop.example").as_deref(), Some("https://shop.example"));
    assert_eq!(request("https://www.shop.example").as_deref(), Some("https://www.shop.example"));
    assert_eq!(request("https://evil.example"), None);
}
