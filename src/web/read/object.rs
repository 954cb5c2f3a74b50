//! A JS object read field by field, with its JSON path. The browser's own
//! `JSON.parse` (or `response.json()`) has already done the parsing, so the
//! module carries no JSON parser and no serde visitors: each engine type has a
//! short reader that asks for the fields it knows (see the other files here).

use crate::engine::error::InputError;
use crate::engine::money::Currency;
use crate::engine::time::{Timestamp, OUT_OF_RANGE};
use wasm_bindgen::{JsCast, JsValue};

/// A JS object and the JSON path it was found at. Only the fields a reader
/// asks for are read, each checked; a missing field and `null` read the same.
pub struct JsObject {
    value: JsValue,
    path: String,
}

/// An engine type read from a JS object, the way its serde derive reads JSON
/// (same field names, same defaults for missing fields, same enum names).
pub trait FromJs: Sized {
    fn from_js(object: &JsObject) -> Result<Self, InputError>;
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

    /// Refuses a field not in `known`, as serde's `deny_unknown_fields` does:
    /// for the types the engine reads strictly (the cart always, the program
    /// and customer unless this build reads leniently). A field set to
    /// `undefined` is not there, as for `JSON.stringify`.
    pub fn deny_unknown(&self, known: &[&str]) -> Result<(), InputError> {
        for key in js_sys::Object::keys::<JsValue>(self.value.unchecked_ref()).iter() {
            let Some(key) = key.as_string() else { continue };
            if !known.contains(&key.as_str()) && self.get(&key).is_some() {
                let reason = format!("unknown field `{key}`, {}", expected(known));
                return Err(InputError::field(self.path(&key), reason));
            }
        }
        Ok(())
    }

    pub fn object(&self, key: &str) -> Result<JsObject, InputError> {
        JsObject::at(self.path(key), self.required(key)?)
    }

    pub fn optional_object(&self, key: &str) -> Result<Option<JsObject>, InputError> {
        self.get(key).map(|value| JsObject::at(self.path(key), value)).transpose()
    }

    /// The engine value in the field `key`.
    pub fn read<T: FromJs>(&self, key: &str) -> Result<T, InputError> {
        T::from_js(&self.object(key)?)
    }

    /// The engine value in the field `key`, if there is one.
    pub fn optional<T: FromJs>(&self, key: &str) -> Result<Option<T>, InputError> {
        self.optional_object(key)?.map(|object| T::from_js(&object)).transpose()
    }

    /// The engine value in the field `key`, or its default when missing.
    pub fn or_default<T: FromJs + Default>(&self, key: &str) -> Result<T, InputError> {
        Ok(self.optional(key)?.unwrap_or_default())
    }

    /// The engine values in the list `key`; none when it is missing.
    pub fn read_list<T: FromJs>(&self, key: &str) -> Result<Vec<T>, InputError> {
        read_all(&self.optional_list(key)?)
    }

    /// The engine values in the list `key`, which must be there.
    pub fn read_required_list<T: FromJs>(&self, key: &str) -> Result<Vec<T>, InputError> {
        read_all(&self.list(key)?)
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
        let items = array(&path, value)?;
        let mut objects = Vec::with_capacity(items.length() as usize);
        for (index, item) in items.iter().enumerate() {
            objects.push(JsObject::at(format!("{path}[{index}]"), item)?);
        }
        Ok(objects)
    }

    /// The strings in the list `key`; none when it is missing.
    pub fn strings(&self, key: &str) -> Result<Vec<String>, InputError> {
        let Some(value) = self.get(key) else { return Ok(Vec::new()) };
        let path = self.path(key);
        let items = array(&path, value)?;
        let mut strings = Vec::with_capacity(items.length() as usize);
        for (index, item) in items.iter().enumerate() {
            strings.push(
                item.as_string().ok_or_else(|| InputError::field(format!("{path}[{index}]"), "must be a string"))?,
            );
        }
        Ok(strings)
    }

    pub fn string(&self, key: &str) -> Result<String, InputError> {
        self.required(key).and_then(|value| self.text(key, value))
    }

    pub fn optional_string(&self, key: &str) -> Result<Option<String>, InputError> {
        self.get(key).map(|value| self.text(key, value)).transpose()
    }

    /// A string that is empty when missing.
    pub fn string_or_empty(&self, key: &str) -> Result<String, InputError> {
        Ok(self.optional_string(key)?.unwrap_or_default())
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
        self.integer_or(key, 0)
    }

    /// A whole number that is `missing` when missing.
    pub fn integer_or(&self, key: &str, missing: i64) -> Result<i64, InputError> {
        self.get(key).map_or(Ok(missing), |value| self.whole(key, value))
    }

    /// A whole number, if there is one.
    pub fn maybe_integer(&self, key: &str) -> Result<Option<i64>, InputError> {
        self.get(key).map(|value| self.whole(key, value)).transpose()
    }

    /// A whole number from 0 up.
    pub fn count(&self, key: &str) -> Result<u64, InputError> {
        let number = self.integer(key)?;
        u64::try_from(number).map_err(|_| InputError::field(self.path(key), "must not be negative"))
    }

    fn whole(&self, key: &str, value: JsValue) -> Result<i64, InputError> {
        whole_number(&value).ok_or_else(|| InputError::field(self.path(key), "must be a whole number"))
    }

    /// A boolean that is `missing` when missing.
    pub fn optional_bool(&self, key: &str, missing: bool) -> Result<bool, InputError> {
        self.get(key).map_or(Ok(missing), |value| {
            value.as_bool().ok_or_else(|| InputError::field(self.path(key), "must be true or false"))
        })
    }

    /// The currency code in the field `key`.
    pub fn currency(&self, key: &str) -> Result<Currency, InputError> {
        let code = self.string(key)?;
        Currency::parse(&code).map_err(|error| InputError::field(self.path(key), error.to_string()))
    }

    /// An instant: an RFC 3339 text or whole Unix seconds, as the engine reads it.
    pub fn timestamp(&self, key: &str) -> Result<Timestamp, InputError> {
        timestamp(&self.path(key), self.required(key)?)
    }

    /// An instant, if there is one.
    pub fn optional_timestamp(&self, key: &str) -> Result<Option<Timestamp>, InputError> {
        self.get(key).map(|value| timestamp(&self.path(key), value)).transpose()
    }

    /// The enum value named in the field `key`, by the names in `names`.
    pub fn one_of<T: Copy>(&self, key: &str, names: &[(&str, T)]) -> Result<T, InputError> {
        let name = self.string(key)?;
        // Without serde's "expected one of …": listing the names from a table
        // per enum type costs about 1 KB gzip; the path and the name say enough.
        names
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, value)| *value)
            .ok_or_else(|| InputError::field(self.path(key), format!("unknown variant `{name}`")))
    }

    /// Like [`JsObject::one_of`], `missing` when the field is missing.
    pub fn one_of_or<T: Copy>(&self, key: &str, names: &[(&str, T)], missing: T) -> Result<T, InputError> {
        if self.get(key).is_none() {
            return Ok(missing);
        }
        self.one_of(key, names)
    }
}

/// The name of `value` in an enum's table of JSON names.
pub fn name_of<T: Copy + PartialEq>(names: &[(&'static str, T)], value: T) -> &'static str {
    names.iter().find(|(_, known)| *known == value).map_or("", |(name, _)| *name)
}

/// Each of `objects` as a `T`. A plain loop: `collect` into a `Result`
/// costs a try-fold adapter per type.
fn read_all<T: FromJs>(objects: &[JsObject]) -> Result<Vec<T>, InputError> {
    let mut values = Vec::with_capacity(objects.len());
    for object in objects {
        values.push(T::from_js(object)?);
    }
    Ok(values)
}

/// The names a field may have, worded as serde words them
/// (`expected one of `a`, `b`, `c``), so both readers give the same reason.
fn expected(names: &[&str]) -> String {
    let mut text = String::from(if names.len() > 2 { "expected one of " } else { "expected " });
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            text.push_str(if names.len() == 2 { " or " } else { ", " });
        }
        text.push('`');
        text.push_str(name);
        text.push('`');
    }
    text
}

/// `value` as a JS array, or a problem at `path`.
fn array(path: &str, value: JsValue) -> Result<js_sys::Array, InputError> {
    if js_sys::Array::is_array(&value) {
        Ok(value.unchecked_into())
    } else {
        Err(InputError::field(path, "must be a list"))
    }
}

/// `value` if it is a number JS holds exactly that is whole.
fn whole_number(value: &JsValue) -> Option<i64> {
    if !js_sys::Number::is_safe_integer(value) {
        return None;
    }
    let digits: String = value.unchecked_ref::<js_sys::Number>().to_string_with_radix(10).ok()?.into();
    digits.parse().ok()
}

/// The instant `value` names, as the engine's serde reader takes it: an
/// RFC 3339 text, or whole Unix seconds within the years 0 to 9999.
pub fn timestamp(path: &str, value: JsValue) -> Result<Timestamp, InputError> {
    if let Some(text) = value.as_string() {
        return Timestamp::parse(&text).map_err(|reason| InputError::field(path, reason));
    }
    // A JS number that is not whole: worded as the engine's serde reader words it.
    if js_sys::Number::is_finite(&value) && !js_sys::Number::is_safe_integer(&value) {
        return Err(InputError::field(path, "must be whole Unix seconds within the years 0 to 9999"));
    }
    let seconds = whole_number(&value).ok_or_else(|| {
        InputError::field(path, "must be an RFC 3339 time such as \"2025-11-28T09:30:00Z\" or whole Unix seconds")
    })?;
    Timestamp::from_unix(seconds).ok_or_else(|| InputError::field(path, format!("{seconds} {OUT_OF_RANGE}")))
}
