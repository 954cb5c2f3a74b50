//! The links in mails: confirm (the opt-in) and unsubscribe, each a token
//! signed with the shop's mail secret (HMAC-SHA-256, made on first use and
//! kept in `mail_settings`), so they work without signing in and cannot be
//! made for another customer. A confirm link names the request it answers:
//! after an unsubscribe, an old opt-in mail confirms nothing.

use crate::storage::mail as stored;
use crate::storage::{Conn, Store};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// What a link does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Confirm,
    Unsubscribe,
}

impl Purpose {
    fn tag(self) -> &'static str {
        match self {
            Purpose::Confirm => "c",
            Purpose::Unsubscribe => "u",
        }
    }
}

/// A verified link: whose, and for a confirm link the request's time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub customer: String,
    pub requested_at: i64,
}

/// The shop's mail secret, made and kept on first use.
pub async fn secret(store: &Store) -> Result<String, sqlx::Error> {
    if let Some(secret) = stored::settings(&mut *store.read().await?).await?.secret {
        return Ok(secret);
    }
    let mut bytes = [0_u8; 32];
    // The OS source failing is not recoverable; links must not be guessable.
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    let mut transaction = store.write().await?;
    stored::keep_secret(&mut transaction, &hex::encode(bytes)).await?;
    transaction.commit().await?;
    let conn: &mut Conn = &mut *store.read().await?;
    stored::settings(conn).await?.secret.ok_or(sqlx::Error::RowNotFound)
}

fn mac(secret: &str, purpose: Purpose, customer: &str, requested_at: i64) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("{}\n{customer}\n{requested_at}", purpose.tag()).as_bytes());
    mac
}

/// The token of `purpose` for `customer` (and the opt-in request at `requested_at`).
pub fn token(secret: &str, purpose: Purpose, customer: &str, requested_at: i64) -> String {
    let signature = hex::encode(mac(secret, purpose, customer, requested_at).finalize().into_bytes());
    format!("{}.{}.{requested_at}.{signature}", purpose.tag(), URL_SAFE_NO_PAD.encode(customer))
}

/// The link `token` stands for, if it is one of `purpose` signed with `secret`.
pub fn verify(secret: &str, purpose: Purpose, token: &str) -> Option<Link> {
    let mut parts = token.split('.');
    let (tag, customer, requested_at, signature) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || tag != purpose.tag() {
        return None;
    }
    let customer = String::from_utf8(URL_SAFE_NO_PAD.decode(customer).ok()?).ok()?;
    let requested_at: i64 = requested_at.parse().ok()?;
    let signature = hex::decode(signature).ok()?;
    mac(secret, purpose, &customer, requested_at).verify_slice(&signature).ok()?;
    Some(Link { customer, requested_at })
}

/// The URL of a link of `purpose` on this host.
pub fn url(public_url: &str, purpose: Purpose, token: &str) -> String {
    let path = match purpose {
        Purpose::Confirm => "/v1/mail/confirm",
        Purpose::Unsubscribe => "/v1/mail/unsubscribe",
    };
    format!("{public_url}{path}?token={token}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_only_for_its_purpose_and_secret() {
        let token = token("secret", Purpose::Unsubscribe, "ann@shop", 0);
        assert_eq!(
            verify("secret", Purpose::Unsubscribe, &token),
            Some(Link { customer: "ann@shop".into(), requested_at: 0 })
        );
        assert_eq!(verify("other", Purpose::Unsubscribe, &token), None);
        assert_eq!(verify("secret", Purpose::Confirm, &token), None);
        let forged = token.replace(&URL_SAFE_NO_PAD.encode("ann@shop"), &URL_SAFE_NO_PAD.encode("bob"));
        assert_eq!(verify("secret", Purpose::Unsubscribe, &forged), None);
        assert_eq!(verify("secret", Purpose::Unsubscribe, "u.x.0"), None);
    }
}
