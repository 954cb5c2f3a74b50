//! The referral link a shopper arrived through (`?treu_ref=CODE`), kept in
//! the page-view cache from the first paint on, so that a later signed-in
//! page view can claim it (`member_sync.rs`), even when the shopper leaves
//! before the later module has loaded.

use super::cache::Slot;
use wasm_bindgen::JsValue;

/// Keeps the referral code of a link the shopper arrived with
/// (`?treu_ref=CODE`) until a signed-in page view within the program's
/// attribution window claims it.
pub fn remember_referral(slot: &Slot) {
    let Some(window) = web_sys::window() else { return };
    let Ok(search) = window.location().search() else { return };
    let Some(code) = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|params| params.get("treu_ref"))
    else {
        return;
    };
    let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect();
    if code.is_empty() {
        return;
    }
    let entry = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&entry, &"code".into(), &JsValue::from_str(&code));
    let _ = js_sys::Reflect::set(&entry, &"arrivedAt".into(), &JsValue::from_f64(js_sys::Date::now()));
    slot.write(&entry);
}
