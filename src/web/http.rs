//! Requests to the host API and the platform's cart API, through the
//! browser's `fetch`.
//!
//! Plain web-sys rather than gloo-net: for a JSON GET, gloo-net's request
//! builder and error types added about 3.7 KB gzip to what a storefront
//! downloads (2.7 KB of Wasm, 1.0 KB of glue).

use super::interop::js_error;
use super::JsResult;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `GET url` and its JSON body; rejects with an `Error` saying what failed
/// (network, HTTP status, a body that is not JSON).
pub async fn get_json(url: &str) -> JsResult<JsValue> {
    let failed = |what: &str| js_error(&format!("GET {url}: {what}"));
    let window = web_sys::window().ok_or_else(|| failed("no window"))?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|error| {
        let message = error.dyn_ref::<js_sys::Error>().map(|error| String::from(error.message()));
        failed(&message.unwrap_or_else(|| "the request failed".to_owned()))
    })?;
    let response = web_sys::Response::from(response);
    if !response.ok() {
        return Err(failed(&format!("HTTP {}", response.status())));
    }
    let body = response.json().map_err(|_| failed("the body is not JSON"))?;
    JsFuture::from(body).await.map_err(|_| failed("the body is not JSON"))
}
