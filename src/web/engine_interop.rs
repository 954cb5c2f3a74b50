//! The npm engine entry's JS boundary (`quote`, `validateProgram`): JS values
//! are read through serde-wasm-bindgen and answers written as JS objects by
//! its serializer. `quote()` reads the cart and customer of plain JSON data
//! from the text `JSON.stringify` wrote of them instead (`quote_text` in
//! `quote.rs`); anything else, and every error, comes through here. The
//! storefront reads and writes without serde (`read/`, `write/`).
//!
//! A value is read into a `serde_json::Value` first and the engine type from
//! that, with serde_path_to_error. The detour keeps the entry as strict as the
//! host and its reasons the host's, word for word: serde-wasm-bindgen reads
//! only the fields a struct names (an unknown field would pass unseen) and
//! words a type error its own way, while the typed read from a `Value` sees
//! every key and is serde_json's.

use crate::engine::error::InputError;
use serde::de::{self, DeserializeOwned, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// How deep JSON data may nest: serde_json's own limit when it reads text. A
/// cyclic object nests without end and stops here instead of overflowing the stack.
const MAX_DEPTH: u32 = 128;

/// Reads a JS value into an engine type. A shape error names the JSON path
/// under `root` (e.g. `cart.lines[0].quantity`) and serde_json's reason.
pub fn from_js<T: DeserializeOwned>(root: &str, value: JsValue) -> Result<T, InputError> {
    let json = json_value(value, MAX_DEPTH)
        .map_err(|error| InputError::field(root, format!("is not plain JSON data: {}", message(error))))?;
    serde_path_to_error::deserialize(json).map_err(|error| {
        let inner = error.path().to_string();
        let path = if inner == "." { root.to_owned() } else { format!("{root}.{inner}") };
        InputError::field(path, error.into_inner().to_string())
    })
}

/// Writes an engine value as a plain JS object: maps as objects, `None` as
/// `null`, and money and points (`i64`) as numbers, never `BigInt`s.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|error| super::interop::js_error(&error.to_string()))
}

/// `value` as JSON data, read as `JSON.stringify` reads it: a property that
/// is `undefined` is missing (`{ coupon: undefined }` has no coupon), and
/// what JSON cannot hold (`BigInt`, functions, deeper than `depth`) is an error.
fn json_value(value: JsValue, depth: u32) -> Result<Value, serde_wasm_bindgen::Error> {
    serde_wasm_bindgen::Deserializer::from(value).deserialize_any(JsonVisitor { depth })
}

/// The words of a serde-wasm-bindgen error, without the `Error: ` that JS's
/// `String()` puts before them (a nested value's error is wrapped once per level).
fn message(error: serde_wasm_bindgen::Error) -> String {
    match JsValue::from(error).dyn_into::<js_sys::Error>() {
        Ok(error) => error.message().into(),
        Err(value) => serde_wasm_bindgen::Error::from(value).to_string(),
    }
}

/// A JS value as it is, for [`JsonVisitor`] to tell `undefined` from `null`
/// (serde sees both as unit).
struct Raw(JsValue);

impl<'de> de::Deserialize<'de> for Raw {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Raw, D::Error> {
        serde_wasm_bindgen::preserve::deserialize(deserializer).map(Raw)
    }
}

/// Builds a `Value` from what serde-wasm-bindgen reports, one level at a time.
struct JsonVisitor {
    depth: u32,
}

impl JsonVisitor {
    /// The depth left for the items of a container, or an error past the limit.
    fn deeper<E: de::Error>(&self) -> Result<u32, E> {
        self.depth.checked_sub(1).ok_or_else(|| E::custom(format!("nests deeper than {MAX_DEPTH} levels")))
    }
}

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("JSON data")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    /// As `JSON.stringify` writes them: `NaN` and the infinities are `null`.
    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let depth = self.deeper()?;
        let mut list = Vec::new();
        while let Some(Raw(item)) = items.next_element()? {
            list.push(json_value(item, depth).map_err(|error| de::Error::custom(message(error)))?);
        }
        Ok(Value::Array(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let depth = self.deeper()?;
        let mut object = serde_json::Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            let Raw(value) = entries.next_value()?;
            if !value.is_undefined() {
                object.insert(key, json_value(value, depth).map_err(|error| de::Error::custom(message(error)))?);
            }
        }
        Ok(Value::Object(object))
    }
}
