//! The first paint's `Paint` as the later module sees it: a JS object the
//! loader hands over (`treu_paint.js`'s class, or this crate's own in a build
//! with both features), called through its exports. Every call catches: a
//! `Paint` that was freed or throws never aborts the later module.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A running first paint (`session.rs` and `paint.rs` hold its exports).
    #[derive(Clone)]
    pub type PaintHandle;

    #[wasm_bindgen(method, catch, js_name = setProgram)]
    pub fn set_program(this: &PaintHandle, program: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = receiveProgram)]
    pub fn receive_program(this: &PaintHandle, program: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setCart)]
    pub fn set_cart(this: &PaintHandle, cart: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn mount(this: &PaintHandle, element: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn unmount(this: &PaintHandle, element: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn attach(this: &PaintHandle) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = setMember)]
    pub fn set_member(this: &PaintHandle, member: &JsValue, announce: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = setPanel)]
    pub fn set_panel(this: &PaintHandle, redeeming: Option<String>, notice: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    pub fn redemption(this: &PaintHandle, option: &str) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, getter, js_name = hasProgram)]
    pub fn has_program(this: &PaintHandle) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, catch, getter)]
    pub fn api(this: &PaintHandle) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, getter, js_name = memberId)]
    pub fn member_id(this: &PaintHandle) -> Result<Option<String>, JsValue>;
    #[wasm_bindgen(method, catch, getter, js_name = referralDays)]
    pub fn referral_days(this: &PaintHandle) -> Result<Option<f64>, JsValue>;
    #[wasm_bindgen(method, catch, getter)]
    pub fn quote(this: &PaintHandle) -> Result<JsValue, JsValue>;
}

/// A notice for `PaintHandle::set_panel`: `{ name: value }`.
pub fn notice(name: &str, value: JsValue) -> JsValue {
    let notice = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&notice, &name.into(), &value);
    notice.into()
}
