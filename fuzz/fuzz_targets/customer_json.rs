//! A member as the engine sees them (balance, past orders), as JSON: parsed,
//! validated, and, when valid, quoted under a program using every section.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use treu::engine::customer::Customer;

fuzz_target!(|data: &[u8]| {
    let Ok(customer) = serde_json::from_slice::<Customer>(data) else { return };
    let Ok(customer) = customer.validated() else { return };
    common::exercise(&common::program(), &common::cart(), Some(&customer));
});
