//! Shopify and WooCommerce connected without the merchant's own code: their
//! webhooks (`webhooks.rs`), Shopify's app proxy for customer tokens
//! (`proxy.rs`), and reconciliation from their REST APIs (`sync.rs`). Both
//! platforms' orders are mapped (`shopify.rs`, `woocommerce.rs`) to one
//! [`order::PlatformOrder`] and applied by one path (`converge.rs`) through
//! the same order functions as `POST /v1/webhooks/orders`.
//!
//! Ids: the treu customer id is the platform's customer id as a decimal
//! string, and product ids in the program are the platform's product ids.

pub mod converge;
pub mod decimal;
pub mod order;
pub mod payload;
pub mod proxy;
pub mod secrets;
pub mod settings;
pub mod shopify;
pub mod sync;
pub mod webhooks;
pub mod woocommerce;

pub use settings::{PlatformArgs, PlatformSettings};

/// The platforms' endpoints (docs/openapi.yaml, tag `platform`).
pub fn routes() -> axum::Router<crate::state::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/v1/platforms/shopify/webhooks", post(webhooks::post_shopify).layer(body_limit()))
        .route("/v1/platforms/woocommerce/webhooks", post(webhooks::post_woocommerce).layer(body_limit()))
        .route("/v1/platforms/shopify/proxy/token", get(proxy::get_token))
}

/// Largest webhook body accepted from a platform: an order with hundreds of
/// lines (each with its tax and discount sets) is far larger than any of the
/// storefront's requests, and a refused delivery would be lost.
pub const MAX_PAYLOAD_BYTES: usize = 8 * 1024 * 1024;

/// The body limit of the platforms' webhook routes (the API's own is smaller).
pub fn body_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(MAX_PAYLOAD_BYTES)
}

/// A connected platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Platform {
    Shopify,
    #[value(name = "woocommerce")]
    WooCommerce,
}

impl Platform {
    /// The name used in URLs, the database and answers.
    pub fn name(self) -> &'static str {
        match self {
            Platform::Shopify => "shopify",
            Platform::WooCommerce => "woocommerce",
        }
    }

    pub fn secret_variable(self) -> &'static str {
        match self {
            Platform::Shopify => "TREU_SHOPIFY_SECRET",
            Platform::WooCommerce => "TREU_WOOCOMMERCE_SECRET",
        }
    }

    pub fn signature_header(self) -> &'static str {
        match self {
            Platform::Shopify => "X-Shopify-Hmac-Sha256",
            Platform::WooCommerce => "X-WC-Webhook-Signature",
        }
    }
}
