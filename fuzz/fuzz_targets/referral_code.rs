//! Referral codes as a person types them: parsing never panics, and a code it
//! accepts reads back as itself from its canonical form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treu::engine::referral::ReferralCode;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(code) = ReferralCode::parse(&text) {
        assert_eq!(ReferralCode::parse(code.as_str()).ok(), Some(code));
    }
});
