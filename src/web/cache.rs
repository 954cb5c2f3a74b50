//! The page-view cache: the last program and the signed-in member's state in
//! `localStorage`, so widgets paint at once on the next page view and are then
//! revalidated. Storage can be full, disabled or throw (private modes,
//! sandboxed frames): every failure here just means "no cache".
//!
//! Values are stored as JSON text through the browser's own `JSON`, which keeps
//! serde_json out of the Wasm module.

use wasm_bindgen::JsValue;

/// Key prefix of everything treu stores; versioned so a format change starts clean.
pub const PREFIX: &str = "treu:v1:";

/// A cache slot for one kind of value from one API.
pub struct Slot {
    key: String,
}

impl Slot {
    /// The slot for `name` (e.g. `"program"`) of the API at `api`.
    pub fn new(api: &str, name: &str) -> Slot {
        Slot { key: format!("{PREFIX}{name}:{api}") }
    }

    /// The stored value, parsed, if there is one.
    pub fn read(&self) -> Option<JsValue> {
        self.read_with_text().map(|(value, _)| value)
    }

    /// The stored value, parsed, with the JSON text it was stored as.
    pub fn read_with_text(&self) -> Option<(JsValue, String)> {
        let text = storage()?.get_item(&self.key).ok()??;
        Some((js_sys::JSON::parse(&text).ok()?, text))
    }

    /// Stores `value`; a failure (quota, disabled storage) is ignored.
    pub fn write(&self, value: &JsValue) {
        if let Some(text) = js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string()) {
            self.write_text(&text);
        }
    }

    /// Stores a value already written as JSON `text`.
    pub fn write_text(&self, text: &str) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(&self.key, text);
        }
    }
}

impl Slot {
    /// Forgets the stored value.
    pub fn remove(&self) {
        if let Some(storage) = storage() {
            let _ = storage.remove_item(&self.key);
        }
    }
}

/// `localStorage`, if the page may use it.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
