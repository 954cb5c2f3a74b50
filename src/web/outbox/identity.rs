//! Who sends an entry: the customer a token names, this tab's id, and the
//! random idempotency keys entries carry.

/// The customer id (`sub`) of a customer token, read without verifying it:
/// the host verifies; this only keeps one customer's entries from being sent
/// with another's token.
pub fn token_customer(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let mut base64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while base64.len() % 4 != 0 {
        base64.push('=');
    }
    // `atob` gives one char per byte; a non-ASCII `sub` reads the same way every
    // time, which is all the comparison needs.
    let text = web_sys::window()?.atob(&base64).ok()?;
    let claims = js_sys::JSON::parse(&text).ok()?;
    js_sys::Reflect::get(&claims, &"sub".into()).ok()?.as_string().filter(|sub| !sub.is_empty())
}

/// A random UUID (version 4) from `crypto.getRandomValues`, which, unlike
/// `crypto.randomUUID`, also exists on pages served over plain http.
pub(super) fn random_key() -> Option<String> {
    let mut bytes = [0u8; 16];
    web_sys::window()?.crypto().ok()?.get_random_values_with_u8_array(&mut bytes).ok()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut key = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            key.push('-');
        }
        key.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        key.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    Some(key)
}

/// This browser tab's id, kept in `sessionStorage` (which is per tab and
/// survives navigations and reloads), so the next page in the same tab
/// carries on with the entries its predecessor leased instead of waiting for
/// the leases to run out.
pub(super) fn tab_id() -> Option<String> {
    const NAME: &str = "treu:v1:tab";
    let storage = web_sys::window()?.session_storage().ok().flatten();
    if let Some(id) = storage.as_ref().and_then(|storage| storage.get_item(NAME).ok().flatten()) {
        return Some(id);
    }
    let id = random_key()?;
    if let Some(storage) = storage {
        let _ = storage.set_item(NAME, &id);
    }
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::{random_key, token_customer};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn keys_are_random_version_4_uuids() {
        let first = random_key().unwrap();
        let second = random_key().unwrap();
        assert_ne!(first, second);
        assert_eq!(first.len(), 36);
        let groups: Vec<usize> = first.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&first[14..15], "4");
        assert!("89ab".contains(&first[19..20]), "{first}");
        assert!(first.chars().all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }

    #[wasm_bindgen_test]
    fn the_customer_is_read_from_the_tokens_sub() {
        // {"alg":"HS256","typ":"JWT"} . {"sub":"c-42","exp":4102444800,"name":"Zoë ?>"} . signature
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\
                     eyJzdWIiOiJjLTQyIiwiZXhwIjo0MTAyNDQ0ODAwLCJuYW1lIjoiWm_DqyA_PiJ9.c2ln";
        assert_eq!(token_customer(token).as_deref(), Some("c-42"));
        assert_eq!(token_customer("not a token"), None);
        assert_eq!(token_customer("a.!!!.c"), None);
        // {"exp":1} has no sub.
        assert_eq!(token_customer("e30.eyJleHAiOjF9.c2ln"), None);
    }
}
