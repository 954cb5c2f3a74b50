//! The browser binding layer (wasm32 only): thin, one file per exported thing,
//! JS ↔ Rust conversions in `interop.rs`. Rules never live here; they are in
//! `crate::engine`.

mod cache;
mod controls;
mod dom;
mod events;
mod format;
mod http;
mod interop;
mod launcher;
mod member;
mod member_panel;
mod member_sync;
mod messages;
mod outbox;
pub mod platform;
mod points;
mod queue;
mod quote;
mod referral;
mod retry;
mod shipping_bar;
mod storefront;
mod tabs;
mod view;
mod widget;

pub use storefront::Storefront;

/// Every exported function returns this: errors become JS `Error`s at the boundary.
pub type JsResult<T> = Result<T, wasm_bindgen::JsValue>;

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
// talc instead of the default dlmalloc: a smaller module (about 2 KB gzip)
// with a well-kept allocator. Sound because Wasm here is single-threaded and
// nothing else claims the memory `TalckWasm` grows.
#[global_allocator]
static ALLOCATOR: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
