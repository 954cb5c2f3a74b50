//! The later module's futures, run on the page's event loop. Each goes
//! through one boxed type, so `spawn_local`'s task (and its JSPI path) and
//! `future_to_promise` are compiled once for the module instead of once per
//! future: there were twelve copies of the task alone.

use std::future::Future;
use std::pin::Pin;

use wasm_bindgen::JsValue;

use super::JsResult;

/// Runs `future` to its end in the background.
pub fn spawn(future: impl Future<Output = ()> + 'static) {
    let future: Pin<Box<dyn Future<Output = ()>>> = Box::pin(future);
    wasm_bindgen_futures::spawn_local(future);
}

/// A JS `Promise` of `future`'s outcome: its value, or its error as the rejection.
pub fn promise(future: impl Future<Output = JsResult<JsValue>> + 'static) -> js_sys::Promise {
    let future: Pin<Box<dyn Future<Output = JsResult<JsValue>>>> = Box::pin(future);
    wasm_bindgen_futures::future_to_promise(future)
}
