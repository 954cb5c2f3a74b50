//! `Idempotency-Key` values: 1 to 255 visible ASCII characters, e.g. a UUID.
//! Pure, so `fuzz/` compiles this file as it is.

/// Longest idempotency key accepted.
pub const MAX_KEY_LENGTH: usize = 255;

/// The key in a header's `value`, trimmed; `None` if it is no valid key.
pub fn parse(value: &[u8]) -> Option<&str> {
    let key = std::str::from_utf8(value).ok()?.trim();
    let valid = !key.is_empty() && key.len() <= MAX_KEY_LENGTH && key.bytes().all(|b| b.is_ascii_graphic());
    valid.then_some(key)
}
