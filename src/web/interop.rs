//! The storefront's conversions between JS values and engine types, and
//! engine errors into JS `Error`s (the npm engine entry reads and writes its
//! values through serde-wasm-bindgen instead: `engine_interop.rs`).
//!
//! Values cross the boundary as JSON text, through the browser's own `JSON`:
//! the engine then reads exactly the text the host would read, with the same
//! serde_json code, so unknown fields are rejected and every reason is
//! serde_json's, word for word the host's. One deserializer per type (not a
//! `serde_json::Value` plus a path-tracking wrapper around it) keeps the
//! module small; the JSON path of a problem is found from the text only when
//! there is a problem (see [`json_path_at`]).

use crate::engine::error::InputError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

/// Reads a JS value into an engine type. A shape error names the JSON path
/// under `root` (e.g. `cart.lines[0].quantity`) and the reason.
pub fn from_js<T: DeserializeOwned>(root: &str, value: JsValue) -> Result<T, InputError> {
    let text = json_text(root, &value)?;
    serde_json::from_str(&text).map_err(|error| shape_error(root, &text, &error))
}

/// Writes an engine value as a plain JS object (maps become objects).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|error| js_error(&error.to_string()))?;
    js_sys::JSON::parse(&text)
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

/// A JS object read field by field, with its JSON path: for answers only the
/// browser reads (platform carts, `GET /v1/me`, queued entries). Only the
/// fields treu needs are read, each checked; unknown fields are ignored. Per
/// type this weighs far less than serde's code. A missing field and `null`
/// read the same.
pub struct JsObject {
    value: JsValue,
    path: String,
}

impl JsObject {
    /// `value` as the object at `path`.
    pub fn root(path: &str, value: JsValue) -> Result<JsObject, InputError> {
        JsObject::at(path.to_owned(), value)
    }

    fn at(path: String, value: JsValue) -> Result<JsObject, InputError> {
        if value.is_object() && !js_sys::Array::is_array(&value) {
            Ok(JsObject { value, path })
        } else {
            Err(InputError::field(path, "must be an object"))
        }
    }

    /// The JSON path of the field `key`.
    pub fn path(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// The field `key`; `None` when it is missing or `null`.
    pub fn get(&self, key: &str) -> Option<JsValue> {
        let value = js_sys::Reflect::get(&self.value, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined() && !value.is_null()).then_some(value)
    }

    fn required(&self, key: &str) -> Result<JsValue, InputError> {
        self.get(key).ok_or_else(|| InputError::field(&self.path, format!("missing field `{key}`")))
    }

    pub fn object(&self, key: &str) -> Result<JsObject, InputError> {
        JsObject::at(self.path(key), self.required(key)?)
    }

    pub fn optional_object(&self, key: &str) -> Result<Option<JsObject>, InputError> {
        self.get(key).map(|value| JsObject::at(self.path(key), value)).transpose()
    }

    /// The objects in the list `key`.
    pub fn list(&self, key: &str) -> Result<Vec<JsObject>, InputError> {
        self.required(key).and_then(|value| self.items(key, value))
    }

    /// The objects in the list `key`; none when it is missing.
    pub fn optional_list(&self, key: &str) -> Result<Vec<JsObject>, InputError> {
        self.get(key).map_or(Ok(Vec::new()), |value| self.items(key, value))
    }

    fn items(&self, key: &str, value: JsValue) -> Result<Vec<JsObject>, InputError> {
        let path = self.path(key);
        if !js_sys::Array::is_array(&value) {
            return Err(InputError::field(path, "must be a list"));
        }
        js_sys::Array::from(&value)
            .iter()
            .enumerate()
            .map(|(index, item)| JsObject::at(format!("{path}[{index}]"), item))
            .collect()
    }

    pub fn string(&self, key: &str) -> Result<String, InputError> {
        self.required(key).and_then(|value| self.text(key, value))
    }

    pub fn optional_string(&self, key: &str) -> Result<Option<String>, InputError> {
        self.get(key).map(|value| self.text(key, value)).transpose()
    }

    fn text(&self, key: &str, value: JsValue) -> Result<String, InputError> {
        value.as_string().ok_or_else(|| InputError::field(self.path(key), "must be a string"))
    }

    /// A whole number, read from the number's decimal text: no float
    /// arithmetic, and nothing a JS number cannot hold exactly.
    pub fn integer(&self, key: &str) -> Result<i64, InputError> {
        self.required(key).and_then(|value| self.whole(key, value))
    }

    /// A whole number that is `0` when missing.
    pub fn optional_integer(&self, key: &str) -> Result<i64, InputError> {
        self.get(key).map_or(Ok(0), |value| self.whole(key, value))
    }

    /// A whole number from 0 up.
    pub fn count(&self, key: &str) -> Result<u64, InputError> {
        let number = self.integer(key)?;
        u64::try_from(number).map_err(|_| InputError::field(self.path(key), "must not be negative"))
    }

    fn whole(&self, key: &str, value: JsValue) -> Result<i64, InputError> {
        let digits = js_sys::Number::is_safe_integer(&value)
            .then(|| value.unchecked_into::<js_sys::Number>().to_string_with_radix(10).ok())
            .flatten();
        digits
            .and_then(|digits| String::from(digits).parse::<i64>().ok())
            .ok_or_else(|| InputError::field(self.path(key), "must be a whole number"))
    }

    /// A boolean that is `missing` when missing.
    pub fn optional_bool(&self, key: &str, missing: bool) -> Result<bool, InputError> {
        self.get(key).map_or(Ok(missing), |value| {
            value.as_bool().ok_or_else(|| InputError::field(self.path(key), "must be true or false"))
        })
    }

    /// The field `key` through serde: for the engine's own types, so that they
    /// read exactly as the host reads them.
    pub fn with_serde<T: DeserializeOwned>(&self, key: &str) -> Result<T, InputError> {
        from_js(&self.path(key), self.required(key)?)
    }
}

/// `value` as compact JSON text. `undefined` reads as `null`; what `JSON`
/// cannot write (cycles, `BigInt`) is an error at `root`.
fn json_text(root: &str, value: &JsValue) -> Result<String, InputError> {
    if value.is_undefined() {
        return Ok("null".to_owned());
    }
    match js_sys::JSON::stringify(value) {
        Ok(text) => Ok(text.as_string().unwrap_or_else(|| "null".to_owned())),
        Err(error) => {
            let detail =
                error.dyn_into::<js_sys::Error>().map(|error| String::from(error.message())).unwrap_or_default();
            Err(InputError::field(root, format!("is not plain JSON data: {detail}")))
        }
    }
}

/// serde_json's error at its JSON path under `root`, without the position
/// (the path says where), exactly as the host reports it.
#[cold]
fn shape_error(root: &str, text: &str, error: &serde_json::Error) -> InputError {
    // `JSON.stringify` writes one line, so the column is the byte offset.
    let inner = json_path_at(text, error.column());
    let path = if inner.is_empty() { root.to_owned() } else { format!("{root}.{inner}") };
    let mut reason = error.to_string();
    // As the host does: up to the first " at line ". A byte search, because
    // `str::find` with a `&str` pattern brings in a 1.5 KB searcher.
    const POSITION: &[u8] = b" at line ";
    if let Some(end) = reason.as_bytes().windows(POSITION.len()).position(|window| window == POSITION) {
        reason.truncate(end);
    }
    InputError::field(path, reason)
}

/// Where in a value serde_json was when it stopped after reading `text[..offset]`:
/// the keys and indices of the containers still open there, plus the key or
/// index being read in the innermost one, as `lines[0].quantity`.
///
/// serde_json reports a problem with a value once it has read it (or peeked its
/// first byte), a problem with a key once it has read the key, and a missing
/// field once it has read the closing `}`, so the path at that offset is the
/// field the problem is about. Keys are written as they are, joined with `.`.
fn json_path_at(text: &str, offset: usize) -> String {
    enum Open {
        Object { key: Option<String>, expecting_key: bool },
        Array { index: usize, started: bool },
    }
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut open: Vec<Open> = Vec::new();
    let mut at = 0;
    while at < end {
        match bytes[at] {
            b'"' => {
                let start = at;
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                if let Some(Open::Object { key, expecting_key: expecting @ true }) = open.last_mut() {
                    let quoted = text.get(start..=at).unwrap_or("\"\"");
                    *key = Some(serde_json::from_str::<String>(quoted).unwrap_or_default());
                    *expecting = false;
                } else {
                    mark_started(&mut open);
                }
            }
            b'{' => {
                mark_started(&mut open);
                open.push(Open::Object { key: None, expecting_key: true });
            }
            b'[' => {
                mark_started(&mut open);
                open.push(Open::Array { index: 0, started: false });
            }
            b'}' | b']' => {
                open.pop();
            }
            b',' => match open.last_mut() {
                Some(Open::Object { key, expecting_key }) => {
                    *key = None;
                    *expecting_key = true;
                }
                Some(Open::Array { index, .. }) => *index += 1,
                None => {}
            },
            b':' => {}
            _ => mark_started(&mut open),
        }
        at += 1;
    }

    fn mark_started(open: &mut [Open]) {
        if let Some(Open::Array { started, .. }) = open.last_mut() {
            *started = true;
        }
    }

    let mut path = String::new();
    for container in &open {
        match container {
            Open::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Open::Array { index, started: true } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
            _ => break,
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::json_path_at;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn path_at_end(text: &str) -> String {
        json_path_at(text, text.len())
    }

    #[test]
    fn paths_name_keys_and_indices() {
        assert_eq!(path_at_end(r#"{"currency":"EURO""#), "currency");
        assert_eq!(path_at_end(r#"{"lines":[{"a":1},{"quantity":"2""#), "lines[1].quantity");
        assert_eq!(path_at_end(r#"{"lines":[{"a":1},{"b":2}"#), "lines[1]");
        assert_eq!(path_at_end(r#"{"lines":[],"coupon""#), "coupon");
        assert_eq!(path_at_end(r#"{"a":{"b":[1,2]}"#), "a");
        assert_eq!(path_at_end(r#"{"a":"x,\"}]{[","b""#), "b");
        assert_eq!(path_at_end(r#"{"a\"b":1"#), "a\"b");
        assert_eq!(path_at_end(r#"{"a":[[1],["#), "a[1]");
        assert_eq!(path_at_end(r#"{"a":1}"#), "");
        assert_eq!(path_at_end(r#"{"a":1,"#), "");
        assert_eq!(path_at_end(""), "");
    }
}
