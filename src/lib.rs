//! treu: loyalty points, VIP tiers, free-shipping progress and referrals for
//! online shops.
//!
//! [`engine`] holds every rule as pure Rust. On `wasm32` the [`web`] module binds
//! it to the browser: custom elements rendered into Shadow DOM and the sync with
//! the shop's host API.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod web;
