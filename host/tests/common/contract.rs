//! Responses checked against `docs/openapi.yaml`: the document is read once,
//! and a body is validated (JSON Schema 2020-12, as OpenAPI 3.1 uses) against
//! one of its `components.schemas`.

use serde_json::{json, Value};
use std::sync::OnceLock;

fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let path = super::repo_root().join("docs/openapi.yaml");
        let text = std::fs::read_to_string(&path).expect("docs/openapi.yaml");
        serde_yaml::from_str(&text).expect("docs/openapi.yaml is YAML")
    })
}

/// Panics, naming every misfit, unless `body` matches `components.schemas.<name>`.
pub fn check(name: &str, body: &Value) {
    assert!(
        document()["components"]["schemas"].get(name).is_some(),
        "docs/openapi.yaml has no components.schemas.{name}"
    );
    // The whole document is the root resource, so `#/components/...` references resolve.
    let mut schema = document().clone();
    let root = schema.as_object_mut().expect("an object");
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert("$ref".into(), json!(format!("#/components/schemas/{name}")));
    let validator = jsonschema::draft202012::new(&schema).expect("the OpenAPI schemas compile");
    let errors: Vec<String> =
        validator.iter_errors(body).map(|error| format!("{} at {}", error, error.instance_path())).collect();
    assert!(errors.is_empty(), "response does not match {name}:\n{}\n{body:#}", errors.join("\n"));
}

/// Checks a problem document: the right status and `type`, and the Problem schema.
pub fn problem(reply: &super::Reply, status: u16, slug: &str) {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(reply.content_type, "application/problem+json", "{}", reply.text);
    assert_eq!(reply.body["type"], format!("urn:treu:problem:{slug}"), "{}", reply.text);
    check("Problem", &reply.body);
}
