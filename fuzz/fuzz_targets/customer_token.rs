//! Customer tokens as a shopper could send them: the host's own verification
//! (host/src/token.rs, compiled here as it is) refuses without panicking, and
//! a token it minted itself for any `sub` comes back with the same claims.
#![no_main]

#[path = "../../host/src/token.rs"]
mod token;

use libfuzzer_sys::fuzz_target;

const SECRET: &str = "fuzz-shop-secret";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(claims) = token::verify(&text, SECRET) {
        assert!(!claims.sub.trim().is_empty() && claims.sub.len() <= 255);
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let claims = token::Claims { sub: text.to_string(), exp: now + 3600, email: None, name: None };
    let minted = token::mint(&claims, SECRET).expect("minting never fails");
    match token::verify(&minted, SECRET) {
        Ok(back) => assert_eq!(back.sub, claims.sub),
        Err(_) => assert!(claims.sub.trim().is_empty() || claims.sub.len() > 255, "refused {:?}", claims.sub),
    }
    assert!(token::verify(&minted, "another-secret").is_err());
});
