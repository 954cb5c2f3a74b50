//! The shared input-error fixtures: `tests/fixtures/input_errors.json`, each an
//! input of the wrong shape with the JSON path and reason it must be rejected
//! with. Natively the input is read the way the host reads a request body;
//! in headless Chromium it goes through the JS boundary (`setProgram`,
//! `setCart`). Both must report the same path and, for unknown fields and
//! every engine rule, the same words. The storefront reads without serde
//! (`src/web/read/`), so a value of the wrong JSON type is worded its own way
//! (`must be a whole number` for serde's `invalid type: string "2", expected
//! i64`), an unknown name does not list the known ones, and it reads `null`
//! as a missing field: a fixture gives those as `storefrontReason` (and
//! `storefrontPath`).

use serde::Deserialize;
use serde_json::value::RawValue;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const FIXTURES: &str = include_str!("fixtures/input_errors.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture<'a> {
    input: String,
    #[serde(borrow)]
    value: &'a RawValue,
    path: String,
    reason: String,
    /// Where the storefront's words differ: see the module comment.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    #[serde(default, rename = "storefrontPath")]
    storefront_path: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    #[serde(default, rename = "storefrontReason")]
    storefront_reason: Option<String>,
}

impl Fixture<'_> {
    /// The path and reason this build must report.
    fn expected(&self) -> (&str, &str) {
        #[cfg(target_arch = "wasm32")]
        if let Some(reason) = &self.storefront_reason {
            return (self.storefront_path.as_deref().unwrap_or(&self.path), reason);
        }
        (&self.path, &self.reason)
    }
}

/// The first problem reading `json` as `input`, as `(path, reason)`.
#[cfg(not(target_arch = "wasm32"))]
fn first_error(input: &str, json: &str) -> (String, String) {
    use treu::engine::{cart::Cart, program::Program};
    // As the host's `parse_json` does.
    fn read<T: serde::de::DeserializeOwned>(root: &str, json: &str) -> (String, String) {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let error = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Ok(_) => return (root.to_owned(), "accepted".to_owned()),
            Err(error) => error,
        };
        let path = match error.path().to_string().as_str() {
            "." => root.to_owned(),
            inner => format!("{root}.{inner}"),
        };
        let message = error.into_inner().to_string();
        (path, message.split(" at line ").next().unwrap_or(&message).to_owned())
    }
    match input {
        "program" => read::<Program>("program", json),
        "cart" => read::<Cart>("cart", json),
        other => panic!("unknown input {other}"),
    }
}

/// The first problem the storefront reports for `json` as `input`, as
/// `(path, reason)`: its readers run in the first paint's `Paint`.
#[cfg(target_arch = "wasm32")]
fn first_error(input: &str, json: &str) -> (String, String) {
    use wasm_bindgen::JsValue;
    let options = js_sys::JSON::parse(r#"{"api":"https://shop.example/apps/treu"}"#).unwrap();
    // No widget is mounted, so nothing is drawn: an empty function will do.
    let storefront = treu::web::Paint::new(options, js_sys::Function::new_no_args("")).unwrap();
    let value = js_sys::JSON::parse(json).unwrap();
    let result = match input {
        "program" => storefront.set_program(value),
        "cart" => storefront.set_cart(value),
        other => panic!("unknown input {other}"),
    };
    let Err(error) = result else { return (input.to_owned(), "accepted".to_owned()) };
    let errors = js_sys::Array::from(&js_sys::Reflect::get(&error, &"errors".into()).unwrap());
    let first = errors.get(0);
    let field = |name: &str| js_sys::Reflect::get(&first, &JsValue::from_str(name)).unwrap().as_string().unwrap();
    (field("path"), field("reason"))
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_input_error_names_its_path_and_reason() {
    let fixtures: Vec<Fixture> = serde_json::from_str(FIXTURES).expect("readable fixtures");
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let (path, reason) = first_error(&fixture.input, fixture.value.get());
        let (expected_path, expected_reason) = fixture.expected();
        if (path.as_str(), reason.as_str()) != (expected_path, expected_reason) {
            failures.push(format!(
                "{} {}:\n  expected {expected_path} : {expected_reason}\n  actual   {path} : {reason}",
                fixture.input,
                fixture.value.get(),
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), fixtures.len(), failures.join("\n"));
}
