//! treu's DOM events, dispatched on `document` as `treu:<name>` (documented in
//! `treu.d.ts`). Most are sent by the loader; those that can happen without a
//! call from the page (a queued request delivered on a later page view, or by
//! another tab) are sent from here.

use wasm_bindgen::JsValue;

/// Dispatches `treu:<name>` with `detail` on `document`. A listener that
/// throws is the page's own error; nothing is thrown back into treu.
pub fn emit(name: &str, detail: &JsValue) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(&format!("treu:{name}"), &init) {
        let _ = document.dispatch_event(&event);
    }
}

/// `treu:error` with `{ message, errors }`, as the loader reports errors.
pub fn emit_error(error: &JsValue) {
    let detail = js_sys::Object::new();
    let message = js_sys::Reflect::get(error, &"message".into()).unwrap_or_else(|_| JsValue::from_str(""));
    let errors = js_sys::Reflect::get(error, &"errors".into())
        .ok()
        .filter(|errors| errors.is_object())
        .unwrap_or_else(|| js_sys::Array::new().into());
    let _ = js_sys::Reflect::set(&detail, &"message".into(), &message);
    let _ = js_sys::Reflect::set(&detail, &"errors".into(), &errors);
    emit("error", &detail);
}
