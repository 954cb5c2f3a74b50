//! The storefront's conversions between JS values and engine types, and
//! engine errors into JS `Error`s (the npm engine entry reads and writes its
//! values through serde-wasm-bindgen instead: `engine_interop.rs`).
//!
//! Values come in through the readers in `read/` (JS objects read field by
//! field, after the browser's own `JSON` parsed them) and go out through
//! [`to_js`], which takes any `write::ToJs` value. Neither links serde.

use crate::engine::error::InputError;
use wasm_bindgen::{JsCast, JsValue};

pub use super::write::to_js;

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
