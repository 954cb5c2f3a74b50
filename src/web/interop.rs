//! All conversions between JS values and engine types, and engine errors into
//! JS `Error`s, happen here.

use crate::engine::error::InputError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Reads a JS value into an engine type. A shape error names the JSON path
/// under `root` (e.g. `cart.lines[0].quantity`) and the reason.
///
/// The value goes through a `serde_json::Value` first, for two reasons: the
/// typed read then sees every key, so unknown fields are rejected as they are
/// natively (serde-wasm-bindgen reads only the fields a struct names), and the
/// reasons are serde_json's, word for word the host's.
pub fn from_js<T: DeserializeOwned>(root: &str, value: JsValue) -> Result<T, InputError> {
    let json: serde_json::Value = serde_wasm_bindgen::from_value(value)
        .map_err(|error| InputError::field(root, format!("is not plain JSON data: {error}")))?;
    serde_path_to_error::deserialize(json).map_err(|error| {
        let inner = error.path().to_string();
        let path = if inner == "." { root.to_owned() } else { format!("{root}.{inner}") };
        InputError::field(path, error.into_inner().to_string())
    })
}

/// Writes an engine value as a plain JS object (maps become objects).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|error| js_error(&error.to_string()))
}

/// A JS `Error` with `message`.
pub fn js_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// A JS `Error` whose message lists every problem and whose `errors` property
/// holds them as `{ path, reason }` objects, for programs to read.
pub fn input_error_to_js(error: &InputError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("TreuInputError");
    if let Ok(errors) = to_js(&error.errors) {
        // Setting a property on a fresh Error cannot fail.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str("errors"), &errors);
    }
    js.into()
}

/// Reads the string property `name` of a JS options object, if present.
pub fn string_property(object: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).ok()?.as_string()
}

/// `value` as an `HtmlElement`, or a JS `TypeError` naming `what`.
pub fn html_element(value: JsValue, what: &str) -> Result<web_sys::HtmlElement, JsValue> {
    value
        .dyn_into::<web_sys::HtmlElement>()
        .map_err(|_| js_sys::TypeError::new(&format!("{what} must be an HTML element")).into())
}
