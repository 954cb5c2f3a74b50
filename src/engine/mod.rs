//! The rules engine: pure functions of the program, the cart, the customer and
//! the time. No I/O, no clock, no browser: the same code runs in the storefront
//! (Wasm) for instant previews and in the host (native), which is authoritative.
//!
//! Start at [`quote::quote`]; the program format is [`program::Program`].
//!
//! The program's types and the customer's reject unknown fields, except in a
//! build with the `lenient` feature (the storefront's Wasm module only): a
//! page cached with an older storefront must still read a newer host's answer.

pub mod actions;
pub mod campaigns;
pub mod cart;
pub mod customer;
pub mod discount;
pub mod earning;
pub mod error;
pub mod incentive;
pub mod ledger;
pub mod lifecycle;
pub mod metrics;
pub mod money;
pub mod offers;
pub mod program;
pub mod quote;
pub mod redemption;
pub mod referral;
pub mod reports;
pub mod segments;
pub mod shipping;
pub mod text;
pub mod tiers;
pub mod time;
