//! A request the host refused, as the JS `Error` the caller's promise
//! rejects with, and that `Error` as a plain object for the other tabs.

use super::Answer;
use wasm_bindgen::JsValue;

/// The `Error` for a refused request: `POST /v1/actions: Title: detail`, with
/// the problem's `status`, `type` and `errors` as properties.
pub(super) fn problem_error(path: &str, answer: &Answer) -> JsValue {
    let text = |name: &str| js_sys::Reflect::get(&answer.body, &name.into()).ok().and_then(|value| value.as_string());
    let message = match (text("title"), text("detail")) {
        (Some(title), Some(detail)) => format!("POST {path}: {title}: {detail}"),
        (Some(title), None) => format!("POST {path}: {title}"),
        _ => format!("POST {path}: HTTP {}", answer.status),
    };
    let error = js_sys::Error::new(&message);
    error.set_name("TreuRequestError");
    let errors = js_sys::Reflect::get(&answer.body, &"errors".into())
        .ok()
        .filter(js_sys::Array::is_array)
        .unwrap_or_else(|| js_sys::Array::new().into());
    let kind = text("type").map(JsValue::from).unwrap_or(JsValue::NULL);
    let detail = text("detail").or_else(|| text("title")).map(JsValue::from).unwrap_or(JsValue::NULL);
    for (name, value) in
        [("status", JsValue::from(answer.status)), ("type", kind), ("errors", errors), ("detail", detail)]
    {
        let _ = js_sys::Reflect::set(&error, &name.into(), &value);
    }
    error.into()
}

/// An `Error` as a plain object, to cross to another tab (structured clone
/// keeps no custom properties of an `Error`).
pub(super) fn error_object(error: &JsValue) -> JsValue {
    let object = js_sys::Object::new();
    for name in ["name", "message", "status", "type", "errors", "detail"] {
        if let Ok(value) = js_sys::Reflect::get(error, &name.into()) {
            let _ = js_sys::Reflect::set(&object, &name.into(), &value);
        }
    }
    object.into()
}

/// The `Error` an object from `error_object` stands for, in the tab that hears it.
pub(super) fn error_from_object(object: &JsValue) -> JsValue {
    let text = |name: &str| js_sys::Reflect::get(object, &name.into()).ok().and_then(|value| value.as_string());
    let error = js_sys::Error::new(&text("message").unwrap_or_default());
    error.set_name(&text("name").unwrap_or_else(|| "TreuRequestError".into()));
    for name in ["status", "type", "errors", "detail"] {
        if let Ok(value) = js_sys::Reflect::get(object, &name.into()) {
            let _ = js_sys::Reflect::set(&error, &name.into(), &value);
        }
    }
    error.into()
}
