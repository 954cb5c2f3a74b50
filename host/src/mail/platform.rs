//! Marketing consent a platform reports (docs/mail.md, "From the platforms").
//! Shopify's `customers/create` and `customers/update` carry the customer's
//! `email_marketing_consent` (`state`, `opt_in_level`, `consent_updated_at`):
//! `subscribed` with `confirmed_opt_in` is a double opt-in Shopify already
//! holds and confirms here; `subscribed` with a single or unknown opt-in is a
//! request, answered with treu's own opt-in mail; `unsubscribed` ends consent.
//! Any other state changes nothing. WooCommerce's customer data holds no
//! marketing consent, so WooCommerce reports none.

use crate::extract::parse_json;
use crate::platforms::payload::optional_id;
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::customers::{self, Known};
use serde::Deserialize;

/// The Shopify topics that carry consent.
pub const SHOPIFY_TOPICS: [&str; 2] = ["customers/create", "customers/update"];

#[derive(Deserialize)]
struct ShopifyCustomer {
    #[serde(default, deserialize_with = "optional_id")]
    id: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    email_marketing_consent: Option<ShopifyConsent>,
}

#[derive(Deserialize)]
struct ShopifyConsent {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    opt_in_level: Option<String>,
    #[serde(default)]
    consent_updated_at: Option<String>,
}

/// Applies a Shopify customer webhook's consent; what it did
/// (`confirmed`, `requested`, `unsubscribed` or `unchanged`).
pub async fn shopify(state: &AppState, body: &[u8]) -> Result<&'static str, Problem> {
    let customer: ShopifyCustomer = parse_json(body, "")?;
    let id = customer.id.ok_or_else(|| Problem::invalid("id", "is required"))?;
    let Some(consent) = customer.email_marketing_consent else { return Ok("unchanged") };
    let now = crate::clock::now().unix();
    let at = consent
        .consent_updated_at
        .as_deref()
        .and_then(|text| text.parse::<jiff::Timestamp>().ok())
        .map_or(now, |at| at.as_second());
    let mut transaction = state.store.write().await?;
    let email = customer.email.as_deref().filter(|email| !email.is_empty());
    customers::ensure(&mut transaction, &id, Known { email, ..Known::default() }, now).await?;
    transaction.commit().await?;
    let store = &state.store;
    Ok(match (consent.state.as_deref(), consent.opt_in_level.as_deref()) {
        (Some("subscribed"), Some("confirmed_opt_in")) => {
            super::consent::confirmed_elsewhere(store, &id, "shopify", at).await?;
            "confirmed"
        }
        (Some("subscribed"), _) => {
            let current = super::consent::of(store, &id).await?;
            if current.status == super::consent::CONFIRMED || current.status == super::consent::REQUESTED {
                return Ok("unchanged");
            }
            super::consent::request(store, &id, "shopify", None, now).await?;
            "requested"
        }
        (Some("unsubscribed"), _) => {
            super::consent::unsubscribe(store, &id, "shopify", now).await?;
            "unsubscribed"
        }
        _ => "unchanged",
    })
}
