//! What the Chromium tests of the storefront classes share: JSON in, and a
//! renderer that records the facts each element was last drawn with, worded
//! by `pkg-template/treu_words.js` (the launcher's panel by
//! `treu_panel_model.js`) as the page's renderer words them.

use serde_json::Value;
use treu::web::{Paint, Storefront};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlElement;

pub fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test JSON is valid")
}

/// The renderer these tests give a storefront: it keeps each element's
/// latest facts on the element, for `model` to word and read.
pub fn recorder() -> js_sys::Function {
    Closure::<dyn Fn(JsValue, JsValue)>::new(|element: JsValue, facts: JsValue| {
        js_sys::Reflect::set(&element, &"treuFacts".into(), &facts).unwrap();
    })
    .into_js_value()
    .unchecked_into()
}

#[wasm_bindgen(module = "/pkg-template/treu_words.js")]
extern "C" {
    /// The view model the renderer draws into the element `tag` from its facts.
    #[wasm_bindgen(js_name = widgetModel)]
    fn widget_model(tag: &str, facts: &JsValue) -> JsValue;
    /// The words and formats for a locale, which the panel's model speaks through.
    fn wording(locale: &JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/pkg-template/treu_panel_model.js")]
extern "C" {
    /// The launcher panel's sections, worded from the facts the first paint gives.
    #[wasm_bindgen(js_name = panelModel)]
    fn panel_model(facts: &JsValue, speaker: &JsValue) -> JsValue;
}

/// The view model last drawn into `host`, worded from the facts as the
/// page's renderer words them; a launcher's `panel` is the panel's content
/// (`{ member }` or `{ guest }`), and its facts are under `facts`.
pub fn model(host: &HtmlElement) -> Value {
    let facts = js_sys::Reflect::get(host, &"treuFacts".into()).unwrap();
    let model = widget_model(&host.local_name(), &facts);
    let panel = js_sys::Reflect::get(&model, &"panel".into()).unwrap();
    if panel.is_object() {
        let copy = js_sys::Object::assign(&js_sys::Object::new(), model.unchecked_ref());
        let speaker = wording(&js_sys::Reflect::get(&panel, &"locale".into()).unwrap());
        js_sys::Reflect::set(&copy, &"facts".into(), &panel).unwrap();
        js_sys::Reflect::set(&copy, &"panel".into(), &panel_model(&panel, &speaker)).unwrap();
        return value(&copy);
    }
    value(&model)
}

fn value(model: &JsValue) -> Value {
    serde_json::from_str(&js_sys::JSON::stringify(model).unwrap().as_string().unwrap()).unwrap()
}

/// A page as the loader builds it once the later module is in: the first
/// paint (drawing through `recorder`) with the later module's `Storefront`
/// attached, both given `options` (JSON).
pub fn storefront(options: &str) -> Result<Storefront, JsValue> {
    let paint = Paint::new(json(options), recorder())?;
    Storefront::new(json(options), paint.into())
}
