//! The storefront's one way out to JS: [`to_js`] writes a value as JSON text
//! with [`Json`] and hands it to the browser's `JSON.parse`, so the page gets
//! a plain object (maps as objects, `None` as `null`, numbers as numbers).
//! Types that cross implement [`ToJs`]; each writes its fields in the order
//! and under the names the engine's serde derive uses, so the text is byte for
//! byte what the host writes (tested in Chromium against serde_json for every
//! quote fixture).
//!
//! Why not serde_json here: its serializer per type, plus the float printer
//! it always links, cost the storefront more than the rules themselves
//! (docs/benchmarks.md). No value that crosses holds a float: money and points
//! are integers, written here digit by digit.

mod input;
// The quote goes out only from the storefront (the engine entry uses serde-wasm-bindgen).
#[cfg(feature = "storefront")]
mod quote;

use wasm_bindgen::JsValue;

/// A value the storefront hands to JS (quotes, request bodies, errors, widgets' facts).
pub trait ToJs {
    /// Appends the value as JSON to `json`.
    fn write(&self, json: &mut Json);
}

/// Writes `value` as a plain JS object.
pub fn to_js<T: ToJs + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&to_json(value))
}

/// `value` as compact JSON text, as serde_json writes it.
pub fn to_json<T: ToJs + ?Sized>(value: &T) -> String {
    let mut json = Json::default();
    value.write(&mut json);
    json.text
}

/// JSON text being written. Commas are placed by looking at what came last,
/// so writers only say where objects, keys and values begin and end.
#[derive(Default)]
pub struct Json {
    text: String,
}

impl Json {
    /// Starts an object (end it with [`Json::end_object`]).
    pub fn begin_object(&mut self) {
        self.separate();
        self.text.push('{');
    }

    pub fn end_object(&mut self) {
        self.text.push('}');
    }

    /// Writes the field `key` with `value`.
    pub fn field<T: ToJs + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        value.write(self);
    }

    /// Writes the field `key` unless `value` is `None` (serde's
    /// `skip_serializing_if = "Option::is_none"`).
    pub fn field_if_some<T: ToJs>(&mut self, key: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }

    /// Writes an object key; its value follows.
    pub fn key(&mut self, key: &str) {
        self.separate();
        self.quote(key);
        self.text.push(':');
    }

    fn separate(&mut self) {
        if !matches!(self.text.as_bytes().last(), None | Some(b'{' | b'[' | b':')) {
            self.text.push(',');
        }
    }

    fn raw(&mut self, text: &str) {
        self.separate();
        self.text.push_str(text);
    }

    /// A whole number in decimal, without `core::fmt`.
    fn integer(&mut self, negative: bool, mut magnitude: u64) {
        self.separate();
        if negative {
            self.text.push('-');
        }
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (magnitude % 10) as u8;
            magnitude /= 10;
            if magnitude == 0 {
                break;
            }
        }
        for &digit in &digits[start..] {
            self.text.push(char::from(digit));
        }
    }

    /// `value` as a JSON string, escaped as serde_json escapes: `"`, `\` and
    /// control characters; everything else as it is.
    fn quote(&mut self, value: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.text.push('"');
        for character in value.chars() {
            match character {
                '"' => self.text.push_str("\\\""),
                '\\' => self.text.push_str("\\\\"),
                '\n' => self.text.push_str("\\n"),
                '\r' => self.text.push_str("\\r"),
                '\t' => self.text.push_str("\\t"),
                '\u{8}' => self.text.push_str("\\b"),
                '\u{c}' => self.text.push_str("\\f"),
                control if u32::from(control) < 0x20 => {
                    let code = u32::from(control) as usize;
                    self.text.push_str("\\u00");
                    self.text.push(char::from(HEX[code >> 4]));
                    self.text.push(char::from(HEX[code & 15]));
                }
                other => self.text.push(other),
            }
        }
        self.text.push('"');
    }
}

impl ToJs for str {
    fn write(&self, json: &mut Json) {
        json.separate();
        json.quote(self);
    }
}

impl ToJs for String {
    fn write(&self, json: &mut Json) {
        self.as_str().write(json);
    }
}

impl ToJs for i64 {
    fn write(&self, json: &mut Json) {
        json.integer(*self < 0, self.unsigned_abs());
    }
}

impl ToJs for u64 {
    fn write(&self, json: &mut Json) {
        json.integer(false, *self);
    }
}

impl ToJs for u16 {
    fn write(&self, json: &mut Json) {
        json.integer(false, u64::from(*self));
    }
}

impl ToJs for bool {
    fn write(&self, json: &mut Json) {
        json.raw(if *self { "true" } else { "false" });
    }
}

impl<T: ToJs> ToJs for Option<T> {
    fn write(&self, json: &mut Json) {
        match self {
            Some(value) => value.write(json),
            None => json.raw("null"),
        }
    }
}

impl<T: ToJs> ToJs for [T] {
    fn write(&self, json: &mut Json) {
        json.separate();
        json.text.push('[');
        for item in self {
            item.write(json);
        }
        json.text.push(']');
    }
}

impl<T: ToJs + ?Sized> ToJs for &T {
    fn write(&self, json: &mut Json) {
        (**self).write(json);
    }
}

impl<T: ToJs> ToJs for Vec<T> {
    fn write(&self, json: &mut Json) {
        self.as_slice().write(json);
    }
}

/// Implements [`ToJs`] for a struct written as an object of the listed
/// fields, in that order, each under its JSON name (the widgets' facts).
#[cfg(feature = "storefront")]
macro_rules! object {
    ($($type:ty { $($field:ident: $name:literal),* $(,)? })*) => {$(
        impl $crate::web::write::ToJs for $type {
            fn write(&self, json: &mut $crate::web::write::Json) {
                json.begin_object();
                $(json.field($name, &self.$field);)*
                json.end_object();
            }
        }
    )*};
}
#[cfg(feature = "storefront")]
pub(crate) use object;
