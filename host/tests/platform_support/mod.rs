//! Shopify and WooCommerce as the tests see them: the payload fixtures under
//! `tests/fixtures/platforms/`, deliveries signed as each platform signs
//! them, and a host configured with both platforms' secrets.
#![allow(dead_code)]

use crate::common::{Host, Reply};
use base64::Engine;
use hmac::Mac;
use serde_json::{json, Value};

pub const SHOPIFY_SECRET: &str = "shpss_test_client_secret";
pub const WOOCOMMERCE_SECRET: &str = "wc-webhook-secret-0123";

/// A program with a base rate in each fixture currency: 1 point per 100 minor units.
pub fn program() -> Value {
    json!({
        "version": 1, "currency": "EUR",
        "earning": { "rates": [
            { "currency": "EUR", "points": 1, "per": 100 },
            { "currency": "USD", "points": 1, "per": 100 },
            { "currency": "JPY", "points": 1, "per": 100 }
        ] }
    })
}

/// A host with [`program`] and both platforms' secrets, plus `args`.
pub fn host(args: &[&str]) -> Host {
    let mut all = vec!["--shopify-secret", SHOPIFY_SECRET, "--woocommerce-secret", WOOCOMMERCE_SECRET];
    all.extend_from_slice(args);
    Host::with(&program(), &all)
}

/// The fixture text, byte for byte (signatures are over the raw body).
pub fn fixture(platform: &str, name: &str) -> String {
    let path = crate::common::repo_root().join(format!("tests/fixtures/platforms/{platform}/{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// base64(HMAC-SHA256(body, secret)), as both platforms sign.
pub fn sign(body: &str, secret: &str) -> String {
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A Shopify delivery of `body` on `topic`, signed with the app secret.
pub fn shopify(host: &Host, topic: &str, webhook_id: &str, body: &str) -> Reply {
    let signature = sign(body, SHOPIFY_SECRET);
    shopify_with(host, &[("x-shopify-hmac-sha256", &signature)], topic, webhook_id, body)
}

/// A Shopify delivery with the given signature headers.
pub fn shopify_with(host: &Host, signature: &[(&str, &str)], topic: &str, webhook_id: &str, body: &str) -> Reply {
    let mut headers = vec![
        ("content-type", "application/json"),
        ("x-shopify-topic", topic),
        ("x-shopify-webhook-id", webhook_id),
        ("x-shopify-shop-domain", "treu-coffee.myshopify.com"),
        ("x-shopify-api-version", "2026-10"),
    ];
    headers.extend_from_slice(signature);
    host.call("POST", "/v1/platforms/shopify/webhooks", &headers, Some(body))
}

/// A WooCommerce delivery of `body` on `topic`, signed with the webhook secret.
pub fn woocommerce(host: &Host, topic: &str, delivery: &str, body: &str) -> Reply {
    let signature = sign(body, WOOCOMMERCE_SECRET);
    woocommerce_with(host, &[("x-wc-webhook-signature", &signature)], topic, delivery, body)
}

pub fn woocommerce_with(host: &Host, signature: &[(&str, &str)], topic: &str, delivery: &str, body: &str) -> Reply {
    let (resource, event) = topic.split_once('.').unwrap_or((topic, ""));
    let mut headers = vec![
        ("content-type", "application/json"),
        ("x-wc-webhook-source", "https://shop.example/"),
        ("x-wc-webhook-topic", topic),
        ("x-wc-webhook-resource", resource),
        ("x-wc-webhook-event", event),
        ("x-wc-webhook-id", "12"),
        ("x-wc-webhook-delivery-id", delivery),
    ];
    headers.extend_from_slice(signature);
    host.call("POST", "/v1/platforms/woocommerce/webhooks", &headers, Some(body))
}

/// The member's balance total (0 for someone never seen).
pub fn balance(host: &Host, customer: &str) -> i64 {
    host.me(customer)["balance"]["total"].as_i64().expect("balance.total")
}

/// Asserts a 200 that matches the contract, and returns the body.
pub fn handled(reply: &Reply) -> &Value {
    assert_eq!(reply.status, 200, "{}", reply.text);
    crate::common::contract::check("PlatformEventResult", &reply.body);
    &reply.body
}
