//! A platform's shared secret, and the signatures made with it.
//!
//! Shopify signs webhooks with the app's client secret and WooCommerce with
//! the webhook's secret, both as base64(HMAC-SHA256(raw body, secret)):
//! - Shopify: <https://shopify.dev/docs/apps/build/webhooks/verify-deliveries>
//!   (`X-Shopify-Hmac-SHA256`; after a secret rotation Shopify may sign with
//!   the old secret for up to an hour).
//! - WooCommerce: `WC_Webhook::generate_signature` in
//!   `plugins/woocommerce/includes/class-wc-webhook.php` of woocommerce/woocommerce
//!   (`base64_encode(hash_hmac('sha256', $payload, $secret, true))`).
//!
//! During a rotation a variable holds two secrets, comma-separated
//! (`TREU_SHOPIFY_SECRET=new,old`); a signature made with either is accepted.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// One secret, or two while a rotation is under way. Never printed.
#[derive(Clone, Default)]
pub struct Secrets(Vec<String>);

impl Secrets {
    /// Reads `new,old` (or one secret); blanks are ignored, so an unset or
    /// empty variable means "no secret": that platform's endpoints answer 401.
    pub fn parse(value: Option<&str>) -> Secrets {
        let secrets = value
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|secret| !secret.is_empty())
            .map(str::to_owned)
            .collect();
        Secrets(secrets)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `mac` of `message` under one of the secrets equals `expected`.
    /// Every secret is tried, each comparison in constant time (`verify_slice`),
    /// so the answer's timing tells nothing about which bytes matched.
    pub fn any_signs(&self, message: &[u8], expected: &[u8]) -> bool {
        let mut matched = false;
        for secret in &self.0 {
            matched |= hmac_of(secret, message).verify_slice(expected).is_ok();
        }
        matched
    }

    /// Checks a base64 HMAC-SHA256 of `body` (`X-Shopify-Hmac-Sha256`,
    /// `X-WC-Webhook-Signature`); the reason when it fails.
    pub fn verify_body(&self, header: Option<&str>, body: &[u8]) -> Result<(), &'static str> {
        let header =
            header.map(str::trim).filter(|value| !value.is_empty()).ok_or("the signature header is missing")?;
        let expected = base64::engine::general_purpose::STANDARD
            .decode(header)
            .map_err(|_| "the signature header is not base64")?;
        if self.any_signs(body, &expected) {
            Ok(())
        } else {
            Err("the signature does not match the body under the configured secret")
        }
    }
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} configured)", self.0.len())
    }
}

fn hmac_of(secret: &str, message: &[u8]) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(message);
    mac
}

/// base64(HMAC-SHA256(`body`, `secret`)): what the platforms send.
#[cfg(test)]
pub fn sign_body(secret: &str, body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(hmac_of(secret, body).finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_secret_of_a_rotation_verifies() {
        let secrets = Secrets::parse(Some(" new-secret , old-secret "));
        let body = br#"{"id":1}"#;
        assert!(secrets.verify_body(Some(&sign_body("new-secret", body)), body).is_ok());
        assert!(secrets.verify_body(Some(&sign_body("old-secret", body)), body).is_ok());
        assert!(secrets.verify_body(Some(&sign_body("other", body)), body).is_err());
        assert!(secrets.verify_body(Some(&sign_body("new-secret", body)), b"{}").is_err());
        assert!(secrets.verify_body(None, body).is_err());
        assert!(secrets.verify_body(Some("not base64!"), body).is_err());
        assert!(Secrets::parse(Some(" , ")).is_empty());
        assert_eq!(format!("{secrets:?}"), "Secrets(2 configured)");
    }
}
