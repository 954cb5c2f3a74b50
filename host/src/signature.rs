//! Webhook signatures: `Treu-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`
//! with the shop secret, accepted within five minutes of `t`.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How far `t` may be from the host's clock, either way.
pub const TOLERANCE_SECONDS: i64 = 300;

/// The header value for `body` signed at `t` (what a platform sends; the demo
/// shop signs its events with it).
pub fn sign(secret: &str, t: i64, body: &[u8]) -> String {
    let mac = mac(secret, t, body);
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

fn mac(secret: &str, t: i64, body: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// Checks `header` for `body` at `now`; the reason when it fails. Every `v1`
/// in the header is tried (a platform rotating secrets may send two), each
/// compared in constant time.
pub fn verify(secret: &str, header: &str, body: &[u8], now: i64) -> Result<(), &'static str> {
    let mut t = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => t = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.push(value),
            _ => {}
        }
    }
    let t = t.ok_or("Treu-Signature has no valid t=<unix seconds>")?;
    if signatures.is_empty() {
        return Err("Treu-Signature has no v1=<hex>");
    }
    // `t` is the sender's, unauthenticated until the MAC is checked: any i64
    // may arrive, so the distance is taken without overflow (i64::MIN - 1 would
    // wrap, and `abs` of i64::MIN panics in debug builds).
    if now.abs_diff(t) > TOLERANCE_SECONDS.unsigned_abs() {
        return Err("Treu-Signature's timestamp is more than 5 minutes from the host's clock");
    }
    let matches = signatures
        .iter()
        .filter_map(|signature| hex::decode(signature).ok())
        .any(|signature| mac(secret, t, body).verify_slice(&signature).is_ok());
    if matches {
        Ok(())
    } else {
        Err("Treu-Signature does not match the body")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_and_verifies() {
        let header = sign("s3cret", 1_700_000_000, b"{}");
        assert!(verify("s3cret", &header, b"{}", 1_700_000_100).is_ok());
        assert!(verify("other", &header, b"{}", 1_700_000_100).is_err());
        assert!(verify("s3cret", &header, b"{ }", 1_700_000_100).is_err());
        assert!(verify("s3cret", &header, b"{}", 1_700_000_301).is_err());
        assert!(verify("s3cret", "t=1700000000", b"{}", 1_700_000_000).is_err());
    }

    #[test]
    fn timestamps_at_the_ends_of_i64_are_refused_without_overflow() {
        for t in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
            let header = format!("t={t},v1={}", "00".repeat(32));
            for now in [i64::MIN, 0, 1_700_000_000, i64::MAX] {
                let refused = verify("s3cret", &header, b"{}", now);
                assert!(refused.is_err(), "t={t} now={now}");
            }
        }
        // At the ends, a correct signature still counts only within the tolerance.
        let header = sign("s3cret", i64::MAX, b"{}");
        assert!(verify("s3cret", &header, b"{}", i64::MAX - TOLERANCE_SECONDS).is_ok());
        assert!(verify("s3cret", &header, b"{}", i64::MAX - TOLERANCE_SECONDS - 1).is_err());
        let header = sign("s3cret", i64::MIN, b"{}");
        assert!(verify("s3cret", &header, b"{}", i64::MIN + TOLERANCE_SECONDS).is_ok());
        assert!(verify("s3cret", &header, b"{}", i64::MAX).is_err());
        // A timestamp that is no i64 at all is no timestamp.
        assert!(verify("s3cret", "t=9223372036854775808,v1=00", b"{}", 0).is_err());
    }
}
