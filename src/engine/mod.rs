//! The rules engine: pure functions of the program, the cart, the customer and
//! the time. No I/O, no clock, no browser: the same code runs in the storefront
//! (Wasm) for instant previews and in the host (native), which is authoritative.

pub mod cart;
pub mod error;
pub mod money;
pub mod program;
pub mod shipping;
