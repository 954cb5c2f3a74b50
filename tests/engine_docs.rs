//! The program documentation cannot rot: the full example in `docs/program.md`
//! is `docs/examples/program.json`, it parses and validates, and every field it
//! uses is described by `docs/program.schema.json`.

use treu::engine::program::Program;

const EXAMPLE: &str = include_str!("../docs/examples/program.json");
const GUIDE: &str = include_str!("../docs/program.md");
const SCHEMA: &str = include_str!("../docs/program.schema.json");

#[test]
fn the_documented_example_is_a_valid_program() {
    let program: Program = serde_json::from_str(EXAMPLE).expect("the example parses");
    let program = program.validated().expect("the example validates");
    assert!(program.tiers.is_some() && program.referral.is_some() && program.lifecycle.win_back.is_some());
}

#[test]
fn the_guide_shows_the_example_verbatim() {
    assert!(GUIDE.contains(EXAMPLE.trim()), "docs/program.md must embed docs/examples/program.json as is");
}

#[test]
fn the_schema_describes_every_field_of_the_example() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let example: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    let mut missing = Vec::new();
    check_fields(&example, &schema["properties"], &schema, "program", &mut missing);
    assert!(missing.is_empty(), "fields without a schema: {missing:?}");
}

/// Walks `value` and its schema side by side, noting fields the schema lacks.
fn check_fields(
    value: &serde_json::Value,
    properties: &serde_json::Value,
    root: &serde_json::Value,
    path: &str,
    missing: &mut Vec<String>,
) {
    let Some(object) = value.as_object() else { return };
    for (key, child) in object {
        let Some(schema) = properties.get(key).map(|schema| resolve(schema, root)) else {
            missing.push(format!("{path}.{key}"));
            continue;
        };
        let child_path = format!("{path}.{key}");
        match child {
            serde_json::Value::Object(_) => check_fields(child, &schema["properties"], root, &child_path, missing),
            serde_json::Value::Array(items) => {
                let item_schema = resolve(&schema["items"], root);
                for (index, item) in items.iter().enumerate() {
                    check_fields(item, &item_schema["properties"], root, &format!("{child_path}[{index}]"), missing);
                }
            }
            _ => {}
        }
    }
}

fn resolve<'a>(schema: &'a serde_json::Value, root: &'a serde_json::Value) -> &'a serde_json::Value {
    match schema.get("$ref").and_then(|reference| reference.as_str()) {
        Some(reference) => &root["$defs"][reference.trim_start_matches("#/$defs/")],
        None => schema,
    }
}
