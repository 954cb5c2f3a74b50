//! A JS object read field by field, with its JSON path. The browser's own
//! `JSON.parse` (or `response.json()`) has already done the parsing, so the
//! module carries no JSON parser and no serde visitors: each engine type has a
//! short reader that asks for the fields it knows (see the other files here).

use crate::engine::error::InputError;
use crate::engine::money::Currency;
use crate::engine::time::{Timestamp, OUT_OF_RANGE};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// A JS object and the JSON path it was found at. Only the fields a reader
/// asks for are read, each checked; a missing field and `null` read the same.
///
/// Reading never stops early: a field that cannot be read records its
/// problem (the first one found is kept, as serde reports the first) and
/// gives a stand-in value (zero, empty, the first of an enum's names), and
/// the reader goes on; [`JsObject::result`] then returns the value or that
/// problem. So no reader has an early return, and the module carries no
/// clean-up code for the half-read values each one would drop (measured:
/// about a third of the program's reader; docs/benchmarks.md).
pub struct JsObject {
    value: JsValue,
    path: String,
    problem: Rc<RefCell<Option<InputError>>>,
}

/// An engine type read from a JS object, the way its serde derive reads JSON
/// (same field names, same defaults for missing fields, same enum names).
/// A problem is recorded in `object` (see [`JsObject`]).
pub trait FromJs: Sized {
    fn from_js(object: &JsObject) -> Self;
}

impl JsObject {
    /// `value` as the object at `path`, with a problem of its own to record.
    pub fn root(path: &str, value: JsValue) -> JsObject {
        let root = JsObject { value: JsValue::UNDEFINED, path: String::new(), problem: Rc::default() };
        root.at(path.to_owned(), value)
    }

    /// `value` read from this object, or the first problem recorded while reading it.
    pub fn result<T>(&self, value: T) -> Result<T, InputError> {
        match self.problem.borrow_mut().take() {
            Some(problem) => Err(problem),
            None => Ok(value),
        }
    }

    /// Records a problem with the field at `path`, unless one was found before.
    pub fn fail(&self, path: impl Into<String>, reason: impl Into<String>) {
        self.record(InputError::field(path, reason));
    }

    /// Records `problem`, unless one was found before.
    pub fn record(&self, problem: InputError) {
        self.problem.borrow_mut().get_or_insert(problem);
    }

    /// `value` as an object at `path`, sharing this one's problem; a value
    /// that is not an object records so and reads as an empty one.
    fn at(&self, path: String, value: JsValue) -> JsObject {
        let object = value.is_object() && !js_sys::Array::is_array(&value);
        if !object {
            self.fail(&path, "must be an object");
        }
        let value = if object { value } else { JsValue::UNDEFINED };
        JsObject { value, path, problem: self.problem.clone() }
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

    fn required(&self, key: &str) -> Option<JsValue> {
        let value = self.get(key);
        if value.is_none() {
            self.fail(&self.path, format!("missing field `{key}`"));
        }
        value
    }

    /// Refuses a field not in `known`, as serde's `deny_unknown_fields` does:
    /// for the types the engine reads strictly (the cart always, the program
    /// and customer unless this build reads leniently). A field set to
    /// `undefined` is not there, as for `JSON.stringify`.
    pub fn deny_unknown(&self, known: &[&str]) {
        if !self.value.is_object() {
            return;
        }
        for key in js_sys::Object::keys::<JsValue>(self.value.unchecked_ref()).iter() {
            let Some(key) = key.as_string() else { continue };
            if !known.contains(&key.as_str()) && self.get(&key).is_some() {
                let reason = format!("unknown field `{key}`, {}", expected(known));
                return self.fail(self.path(&key), reason);
            }
        }
    }

    /// The object in the field `key`; a missing one records so and reads as empty.
    pub fn object(&self, key: &str) -> JsObject {
        match self.required(key) {
            Some(value) => self.at(self.path(key), value),
            None => JsObject { value: JsValue::UNDEFINED, path: self.path(key), problem: self.problem.clone() },
        }
    }

    pub fn optional_object(&self, key: &str) -> Option<JsObject> {
        self.get(key).map(|value| self.at(self.path(key), value))
    }

    /// The engine value in the field `key`.
    pub fn read<T: FromJs>(&self, key: &str) -> T {
        T::from_js(&self.object(key))
    }

    /// The engine value in the field `key`, if there is one.
    pub fn optional<T: FromJs>(&self, key: &str) -> Option<T> {
        self.optional_object(key).map(|object| T::from_js(&object))
    }

    /// The engine value in the field `key`, or its default when missing.
    pub fn or_default<T: FromJs + Default>(&self, key: &str) -> T {
        self.optional(key).unwrap_or_default()
    }

    /// The engine values in the list `key`; none when it is missing.
    pub fn read_list<T: FromJs>(&self, key: &str) -> Vec<T> {
        read_all(&self.optional_list(key))
    }

    /// The engine values in the list `key`, which must be there.
    pub fn read_required_list<T: FromJs>(&self, key: &str) -> Vec<T> {
        read_all(&self.list(key))
    }

    /// The objects in the list `key`.
    pub fn list(&self, key: &str) -> Vec<JsObject> {
        self.required(key).map_or_else(Vec::new, |value| self.items(key, value))
    }

    /// The objects in the list `key`; none when it is missing.
    pub fn optional_list(&self, key: &str) -> Vec<JsObject> {
        self.get(key).map_or_else(Vec::new, |value| self.items(key, value))
    }

    fn items(&self, key: &str, value: JsValue) -> Vec<JsObject> {
        let path = self.path(key);
        let Some(items) = self.array(&path, value) else { return Vec::new() };
        let mut objects = Vec::with_capacity(items.length() as usize);
        for (index, item) in items.iter().enumerate() {
            objects.push(self.at(format!("{path}[{index}]"), item));
        }
        objects
    }

    /// The strings in the list `key`; none when it is missing.
    pub fn strings(&self, key: &str) -> Vec<String> {
        let Some(value) = self.get(key) else { return Vec::new() };
        let path = self.path(key);
        let Some(items) = self.array(&path, value) else { return Vec::new() };
        let mut strings = Vec::with_capacity(items.length() as usize);
        for (index, item) in items.iter().enumerate() {
            match item.as_string() {
                Some(text) => strings.push(text),
                None => self.fail(format!("{path}[{index}]"), "must be a string"),
            }
        }
        strings
    }

    pub fn string(&self, key: &str) -> String {
        self.required(key).map(|value| self.text(key, value)).unwrap_or_default()
    }

    pub fn optional_string(&self, key: &str) -> Option<String> {
        self.get(key).map(|value| self.text(key, value))
    }

    /// A string that is empty when missing.
    pub fn string_or_empty(&self, key: &str) -> String {
        self.optional_string(key).unwrap_or_default()
    }

    fn text(&self, key: &str, value: JsValue) -> String {
        value.as_string().unwrap_or_else(|| {
            self.fail(self.path(key), "must be a string");
            String::new()
        })
    }

    /// A whole number, read from the number's decimal text: no float
    /// arithmetic, and nothing a JS number cannot hold exactly.
    pub fn integer(&self, key: &str) -> i64 {
        self.required(key).map_or(0, |value| self.whole(key, value))
    }

    /// A whole number that is `0` when missing.
    pub fn optional_integer(&self, key: &str) -> i64 {
        self.integer_or(key, 0)
    }

    /// A whole number that is `missing` when missing.
    pub fn integer_or(&self, key: &str, missing: i64) -> i64 {
        self.get(key).map_or(missing, |value| self.whole(key, value))
    }

    /// A whole number, if there is one.
    pub fn maybe_integer(&self, key: &str) -> Option<i64> {
        self.get(key).map(|value| self.whole(key, value))
    }

    /// A whole number from 0 up.
    pub fn count(&self, key: &str) -> u64 {
        let number = self.integer(key);
        u64::try_from(number).unwrap_or_else(|_| {
            self.fail(self.path(key), "must not be negative");
            0
        })
    }

    fn whole(&self, key: &str, value: JsValue) -> i64 {
        whole_number(&value).unwrap_or_else(|| {
            self.fail(self.path(key), "must be a whole number");
            0
        })
    }

    /// A boolean that is `missing` when missing.
    pub fn optional_bool(&self, key: &str, missing: bool) -> bool {
        self.get(key).map_or(missing, |value| {
            value.as_bool().unwrap_or_else(|| {
                self.fail(self.path(key), "must be true or false");
                missing
            })
        })
    }

    /// The currency code in the field `key`.
    pub fn currency(&self, key: &str) -> Currency {
        let Some(value) = self.required(key) else { return Currency::NONE };
        let code = self.text(key, value);
        Currency::parse(&code).unwrap_or_else(|error| {
            self.fail(self.path(key), error.to_string());
            Currency::NONE
        })
    }

    /// An instant: an RFC 3339 text or whole Unix seconds, as the engine reads it.
    pub fn timestamp(&self, key: &str) -> Timestamp {
        self.required(key).map_or(Timestamp::EPOCH, |value| self.instant(key, value))
    }

    /// An instant, if there is one.
    pub fn optional_timestamp(&self, key: &str) -> Option<Timestamp> {
        self.get(key).map(|value| self.instant(key, value))
    }

    fn instant(&self, key: &str, value: JsValue) -> Timestamp {
        timestamp(&self.path(key), value).unwrap_or_else(|problem| {
            self.record(problem);
            Timestamp::EPOCH
        })
    }

    /// The enum value named in the field `key`, by the names in `names`.
    pub fn one_of<T: Copy>(&self, key: &str, names: &[(&str, T)]) -> T {
        let Some(value) = self.required(key) else { return names[0].1 };
        let name = self.text(key, value);
        // Without serde's "expected one of …": listing the names from a table
        // per enum type costs about 1 KB gzip; the path and the name say enough.
        names.iter().find(|(known, _)| *known == name).map_or_else(
            || {
                self.fail(self.path(key), format!("unknown variant `{name}`"));
                names[0].1
            },
            |(_, value)| *value,
        )
    }

    /// Like [`JsObject::one_of`], `missing` when the field is missing.
    pub fn one_of_or<T: Copy>(&self, key: &str, names: &[(&str, T)], missing: T) -> T {
        if self.get(key).is_none() {
            return missing;
        }
        self.one_of(key, names)
    }

    /// `value` as a JS array, or a problem at `path`.
    fn array(&self, path: &str, value: JsValue) -> Option<js_sys::Array> {
        if js_sys::Array::is_array(&value) {
            Some(value.unchecked_into())
        } else {
            self.fail(path, "must be a list");
            None
        }
    }
}

/// The name of `value` in an enum's table of JSON names.
pub fn name_of<T: Copy + PartialEq>(names: &[(&'static str, T)], value: T) -> &'static str {
    names.iter().find(|(_, known)| *known == value).map_or("", |(name, _)| *name)
}

/// Each of `objects` as a `T`.
fn read_all<T: FromJs>(objects: &[JsObject]) -> Vec<T> {
    objects.iter().map(T::from_js).collect()
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
