//! An order webhook: the first line is the `Treu-Signature` header, the rest
//! the raw body. The host's own verification (host/src/signature.rs, compiled
//! here as it is) must refuse without panicking, accept what it signed itself,
//! and a body's cart must go through the engine like a paid order's.
#![no_main]

mod common;

#[path = "../../host/src/signature.rs"]
mod signature;

use libfuzzer_sys::fuzz_target;
use treu::engine::cart::Cart;

const SECRET: &str = "fuzz-shop-secret";

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|byte| *byte == b'\n').unwrap_or(data.len());
    let header = String::from_utf8_lossy(&data[..split]);
    let body = data.get(split + 1..).unwrap_or_default();
    for now in [common::NOW, 0, i64::MIN, i64::MAX] {
        let _ = signature::verify(SECRET, &header, body, now);
    }
    let signed = signature::sign(SECRET, common::NOW, body);
    assert!(signature::verify(SECRET, &signed, body, common::NOW).is_ok(), "its own signature refused");
    assert!(signature::verify("another-secret", &signed, body, common::NOW).is_err());
    let Ok(event) = serde_json::from_slice::<serde_json::Value>(body) else { return };
    let Ok(cart) = serde_json::from_value::<Cart>(event["order"]["cart"].clone()) else { return };
    let Ok(cart) = cart.validated() else { return };
    let customer = common::customer();
    common::exercise(&common::program(), &cart, Some(&customer));
});
