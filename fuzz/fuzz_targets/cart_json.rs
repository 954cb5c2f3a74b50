//! A shopper's cart as JSON (`POST /v1/quote`, redemptions, the order webhook's
//! cart): parsed, validated, and, when valid, quoted under a program using every section.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use treu::engine::cart::Cart;

fuzz_target!(|data: &[u8]| {
    let Ok(cart) = serde_json::from_slice::<Cart>(data) else { return };
    let Ok(cart) = cart.validated() else { return };
    let program = common::program();
    let customer = common::customer();
    common::exercise(&program, &cart, Some(&customer));
    common::exercise(&program, &cart, None);
});
