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

/// `GET url` (with the customer `token` as a bearer token, when given) and
/// its JSON body; rejects with an `Error` saying what failed (network, HTTP
/// status, a body that is not JSON). An HTTP failure's `status` is a property
/// of the error, so callers can tell a refused token from an outage.
pub async fn get_json(url: &str, token: Option<&str>) -> JsResult<JsValue> {
    let failed = |what: &str| js_error(&format!("GET {url}: {what}"));
    let window = web_sys::window().ok_or_else(|| failed("no window"))?;
    let fetched = match token {
        None => window.fetch_with_str(url),
        Some(token) => {
            let headers = web_sys::Headers::new()?;
            headers.set("Authorization", &format!("Bearer {token}"))?;
            let init = web_sys::RequestInit::new();
            init.set_headers(&headers);
            window.fetch_with_str_and_init(url, &init)
        }
    };
    let response = JsFuture::from(fetched).await.map_err(|error| {
        let message = error.dyn_ref::<js_sys::Error>().map(|error| String::from(error.message()));
        failed(&message.unwrap_or_else(|| "the request failed".to_owned()))
    })?;
    let response = web_sys::Response::from(response);
    if !response.ok() {
        let error = failed(&format!("HTTP {}", response.status()));
        let _ = js_sys::Reflect::set(&error, &"status".into(), &JsValue::from(response.status()));
        return Err(error);
    }
    let body = response.json().map_err(|_| failed("the body is not JSON"))?;
    JsFuture::from(body).await.map_err(|_| failed("the body is not JSON"))
}
