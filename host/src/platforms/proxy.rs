//! `GET /v1/platforms/shopify/proxy/token`: Shopify's app proxy forwards the
//! storefront's same-origin request here with the signed-in customer's id,
//! and the answer is a short-lived customer token for it, so a Shopify shop
//! needs no backend code to sign its members in.
//!
//! The signature (<https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies>):
//! hex HMAC-SHA256, under the app's client secret, of the query's
//! `key=value` pairs without `signature`, sorted by key and joined with no
//! separator, a repeated key's values joined with `,`. Shopify's own library
//! refuses a `timestamp` more than 90 seconds from its clock; so do we.

use crate::identity::{mint, Claims};
use crate::problem::Problem;
use crate::state::AppState;
use crate::views::platforms::ProxyToken;
use crate::views::Body;
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use treu::engine::time::Timestamp;

use super::secrets::Secrets;

/// How far `timestamp` may be from the host's clock, either way.
pub const TOLERANCE_SECONDS: i64 = 90;
/// How long a token answered here is valid: the loader asks again on a later page.
pub const TOKEN_SECONDS: i64 = 30 * 60;

/// The verified request: the shop and the signed-in customer, if any.
#[derive(Debug, PartialEq, Eq)]
pub struct ProxyRequest {
    pub shop: Option<String>,
    pub customer: Option<String>,
}

/// Checks `query` (the raw query string) at `now`; the reason when it fails.
pub fn verify(secrets: &Secrets, query: &str, now: i64) -> Result<ProxyRequest, &'static str> {
    let mut pairs: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        pairs.entry(key.into_owned()).or_default().push(value.into_owned());
    }
    let signature = pairs.remove("signature").and_then(|values| values.into_iter().next());
    let signature = signature.filter(|value| !value.is_empty()).ok_or("the query has no signature")?;
    let expected = hex::decode(signature).map_err(|_| "the signature is not hex")?;
    let message: String = pairs.iter().map(|(key, values)| format!("{key}={}", values.join(","))).collect();
    if !secrets.any_signs(message.as_bytes(), &expected) {
        return Err("the signature does not match the query under the configured secret");
    }
    let single = |key: &str| pairs.get(key).map(|values| values.join(",")).filter(|value| !value.is_empty());
    let timestamp =
        single("timestamp").and_then(|value| value.parse::<i64>().ok()).ok_or("the query has no timestamp")?;
    if (now - timestamp).abs() > TOLERANCE_SECONDS {
        return Err("the timestamp is more than 90 seconds from the host's clock");
    }
    Ok(ProxyRequest { shop: single("shop"), customer: single("logged_in_customer_id") })
}

fn refused(detail: &str) -> Problem {
    Problem::new(StatusCode::UNAUTHORIZED, "invalid-signature", "Invalid signature").with_detail(detail)
}

/// `GET /v1/platforms/shopify/proxy/token`.
pub async fn get_token(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Response, Problem> {
    let settings = &state.settings.platforms;
    if settings.shopify.is_empty() {
        return Err(Problem::unauthorized("this host has no TREU_SHOPIFY_SECRET and accepts no app-proxy requests"));
    }
    let now = crate::clock::now().unix();
    let request = verify(&settings.shopify, query.as_deref().unwrap_or_default(), now).map_err(refused)?;
    if let Some(expected) = &settings.shopify_shop {
        if request.shop.as_deref() != Some(expected.as_str()) {
            return Err(refused("the request comes from another shop than TREU_SHOPIFY_SHOP"));
        }
    }
    let Some(customer) = request.customer else {
        return Err(Problem::new(StatusCode::UNAUTHORIZED, "not-signed-in", "No customer signed in").with_detail(
            "Shopify sent no logged_in_customer_id: the shopper is not signed in to a customer account.",
        ));
    };
    let secret = state
        .settings
        .shop_secret
        .as_deref()
        .ok_or_else(|| Problem::unauthorized("this host has no TREU_SHOP_SECRET to sign customer tokens with"))?;
    let expires = now + TOKEN_SECONDS;
    let claims = Claims { sub: customer, exp: expires, email: None, name: None };
    let token = mint(&claims, secret).map_err(Problem::internal)?;
    let expires_at = Timestamp::from_unix(expires).ok_or_else(|| Problem::internal("token expiry out of range"))?;
    let body = ProxyToken { token, customer: claims.sub, expires_at };
    // The token belongs to one shopper: no shared cache may keep it.
    Ok(([(header::CACHE_CONTROL, "no-store, private")], Body(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shopify's documented example (secret `hush`), with the shop the
    /// published digests were computed for.
    const DOCUMENTED: &str = "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1\
        &path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555\
        &signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb";

    #[test]
    fn shopifys_documented_example_verifies() {
        let hush = Secrets::parse(Some("hush"));
        let request = verify(&hush, DOCUMENTED, 1_317_327_555 + 90).unwrap();
        assert_eq!(request.customer.as_deref(), Some("1"));
        assert_eq!(request.shop.as_deref(), Some("shop-name.myshopify.com"));
        assert!(verify(&hush, DOCUMENTED, 1_317_327_555 + 91).is_err());
        assert!(verify(&Secrets::parse(Some("other")), DOCUMENTED, 1_317_327_555).is_err());
        assert!(verify(&Secrets::parse(Some("new,hush")), DOCUMENTED, 1_317_327_555).is_ok());
        let tampered = DOCUMENTED.replace("logged_in_customer_id=1", "logged_in_customer_id=2");
        assert!(verify(&hush, &tampered, 1_317_327_555).is_err());
    }
}
