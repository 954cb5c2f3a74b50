//! `Idempotency-Key` header values: the host's own check
//! (host/src/idempotency_key.rs, compiled here as it is) accepts only 1 to 255
//! visible ASCII characters, and accepts what it returned.
#![no_main]

#[path = "../../host/src/idempotency_key.rs"]
mod idempotency_key;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(key) = idempotency_key::parse(data) {
        assert!((1..=idempotency_key::MAX_KEY_LENGTH).contains(&key.len()));
        assert!(key.bytes().all(|byte| byte.is_ascii_graphic()));
        assert_eq!(idempotency_key::parse(key.as_bytes()), Some(key));
    }
});
