//! Money as Shopify and WooCommerce send it, decimal strings: the host's own
//! reader (host/src/platforms/decimal.rs, compiled here as it is) never
//! panics, stays within its bound, and what it reads writes back to itself.
#![no_main]

#[path = "../../host/src/platforms/decimal.rs"]
mod decimal;

use libfuzzer_sys::fuzz_target;
use treu::engine::money::Currency;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for code in ["EUR", "JPY", "KWD"] {
        let currency = Currency::parse(code).expect("an ISO 4217 code");
        let Ok(minor) = decimal::minor_units(&text, currency) else { continue };
        assert!(minor.abs() <= decimal::MAX_MINOR_UNITS, "{text:?} read as {minor}");
        let exponent = usize::from(currency.exponent());
        let digits = format!("{:0>width$}", minor.unsigned_abs(), width = exponent + 1);
        let (whole, fraction) = digits.split_at(digits.len() - exponent);
        let sign = if minor < 0 { "-" } else { "" };
        let written = if exponent == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") };
        assert_eq!(decimal::minor_units(&written, currency), Ok(minor), "{text:?} → {minor} → {written:?}");
    }
});
