//! The browser binding layer (wasm32 only): thin, one file per exported thing,
//! JS ↔ Rust conversions in `interop.rs`. Rules never live here; they are in
//! `crate::engine`.

// Each storefront module's build compiles the shared modules and links only
// what its class reaches.
#![cfg_attr(not(all(feature = "first-paint", feature = "member")), allow(dead_code))]

// The storefront is two modules, loaded when the page needs them
// (pkg-template/treu.js). `storefront` compiles the browser layer.
// `first-paint` adds the `Paint` class, the module a page needs before its
// widgets show and the only one that reaches the engine, the readers and the
// widgets' facts (worded by pkg-template/treu_words.js, drawn by treu_widgets.js); `member` adds the
// later module's `Storefront`: the member's sync, redemptions, referral
// claims, the outbox and the cross-tab sync, drawing through a `Paint`
// (`first_paint.rs`). What a class never reaches is dropped by the linker.
#[cfg(feature = "storefront")]
mod cache;
#[cfg(feature = "storefront")]
mod controls;
#[cfg(feature = "storefront")]
mod events;
#[cfg(feature = "member")]
mod first_paint;
#[cfg(feature = "member")]
mod http;
#[cfg(feature = "storefront")]
mod launcher;
#[cfg(feature = "storefront")]
mod links;
#[cfg(feature = "storefront")]
mod member;
#[cfg(feature = "member")]
mod member_sync;
#[cfg(feature = "member")]
mod outbox;
#[cfg(feature = "storefront")]
pub mod platform;
#[cfg(feature = "storefront")]
mod points;
#[cfg(feature = "member")]
mod queue;
// Public so that the Chromium tests can compare them with the engine's serde.
#[cfg(feature = "storefront")]
pub mod read;
#[cfg(feature = "storefront")]
mod referral;
#[cfg(feature = "member")]
mod retry;
#[cfg(feature = "first-paint")]
mod session;
#[cfg(feature = "storefront")]
mod shared;
#[cfg(feature = "storefront")]
mod shipping_bar;
#[cfg(feature = "member")]
mod storefront;
#[cfg(feature = "member")]
mod tabs;
#[cfg(feature = "member")]
mod tasks;
#[cfg(feature = "storefront")]
mod view;
#[cfg(feature = "storefront")]
mod widget;

// Both modules: reading engine types from JS. `quote.rs` also holds the npm
// engine entry's `quote` and `validateProgram` (the `engine-entry` feature).
// The engine entry alone leaves the storefront's readers unused.
#[cfg_attr(not(feature = "storefront"), allow(dead_code))]
mod interop;
#[cfg_attr(not(feature = "storefront"), allow(dead_code))]
mod quote;
// Writing values out to JS without serde (also the `errors` of both modules).
#[cfg_attr(not(feature = "storefront"), allow(dead_code))]
pub mod write;
// The engine entry's own boundary: serde-wasm-bindgen, strict.
#[cfg(feature = "engine-entry")]
mod engine_interop;

#[cfg(feature = "first-paint")]
mod paint;

#[cfg(feature = "first-paint")]
pub use paint::Paint;
#[cfg(feature = "member")]
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
