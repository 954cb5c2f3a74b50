//! The storefront's readers: every value it takes from JS (the program, the
//! cart, the member's `quoteCustomer`) read from the JS object the browser's
//! `JSON` already parsed, one small reader per engine concept. A problem
//! names its JSON path and reason (`program.campaigns[2].percent: must be a
//! whole number`), and the first problem found is the one reported, as with
//! serde.
//!
//! Why not serde here: serde's derive monomorphises a visitor per type, and
//! serde_json brings a parser and float formatting for its error wording;
//! together about 100 KB of the storefront's module (docs/benchmarks.md). The
//! npm engine entry and the host keep serde; the Chromium tests in
//! `tests/fixtures.rs` and `tests/readers.rs` read every shared fixture both
//! ways and require the same engine values.
//!
//! Each reader reads exactly what the engine's serde derive reads: the same
//! camelCase names, the same defaults for missing fields and the same enum
//! names. A field set to `null` reads as missing. Types the engine reads
//! strictly refuse unknown fields here too, except where the `lenient`
//! feature (the storefront's build) lets a newer host add fields.

mod actions;
mod campaigns;
mod cart;
mod customer;
mod discount;
mod lifecycle;
mod object;
mod program;
mod redemption;
mod referral;
mod segments;
mod tiers;

pub use actions::{ACTIONS, CAPS};
pub use discount::DISCOUNT_KINDS;
pub use lifecycle::STAGES;
pub use object::{name_of, timestamp, FromJs, JsObject};
pub use program::ROUNDINGS;
pub use redemption::REWARD_KINDS;
pub use tiers::{TIER_BASES, TIER_PERIODS};

use crate::engine::cart::Cart;
use crate::engine::customer::Customer;
use crate::engine::error::InputError;
use crate::engine::program::Program;
use wasm_bindgen::JsValue;

/// Reads a program from JS at the JSON path `program`, without checking its rules.
pub fn program(value: JsValue) -> Result<Program, InputError> {
    read(&JsObject::root("program", value))
}

/// Reads a cart from JS at the JSON path `cart`, without checking its rules.
pub fn cart(value: JsValue) -> Result<Cart, InputError> {
    read(&JsObject::root("cart", value))
}

/// Reads a customer from JS at the JSON path `root`.
pub fn customer(root: &str, value: JsValue) -> Result<Customer, InputError> {
    read(&JsObject::root(root, value))
}

/// A `T` read from `root`, or the first problem found.
fn read<T: FromJs>(root: &JsObject) -> Result<T, InputError> {
    let value = T::from_js(root);
    root.result(value)
}
