//! The platforms' configuration: flags and `TREU_*` variables, shared by
//! `serve` (webhooks, app proxy, periodic sync) and `sync`.

use super::secrets::Secrets;
use super::shopify::ShopifyMoney;
use super::Platform;
use clap::Args;

#[derive(Args, Clone, Debug, Default)]
pub struct PlatformArgs {
    /// The Shopify app's client secret: verifies webhooks and app-proxy
    /// requests. Two comma-separated while rotating (`new,old`).
    #[arg(long, env = "TREU_SHOPIFY_SECRET", hide_env_values = true)]
    pub shopify_secret: Option<String>,
    /// The WooCommerce webhooks' secret. Two comma-separated while rotating.
    #[arg(long, env = "TREU_WOOCOMMERCE_SECRET", hide_env_values = true)]
    pub woocommerce_secret: Option<String>,
    /// Which Shopify money the ledger is kept in: the shop's currency or the
    /// currency the customer paid in.
    #[arg(long, env = "TREU_SHOPIFY_MONEY", value_enum, default_value_t = ShopifyMoney::Shop)]
    pub shopify_money: ShopifyMoney,
    /// The shop's myshopify.com domain, e.g. `example.myshopify.com`: app-proxy
    /// requests from other shops are refused, and `sync` reads its orders.
    #[arg(long, env = "TREU_SHOPIFY_SHOP")]
    pub shopify_shop: Option<String>,
    /// An Admin API access token with `read_orders`, for `sync`.
    #[arg(long, env = "TREU_SHOPIFY_ACCESS_TOKEN", hide_env_values = true)]
    pub shopify_access_token: Option<String>,
    /// The Admin API version `sync` asks for.
    #[arg(long, env = "TREU_SHOPIFY_API_VERSION", default_value = "2026-10")]
    pub shopify_api_version: String,
    /// The WordPress site's URL, e.g. `https://shop.example`, for `sync`.
    #[arg(long, env = "TREU_WOOCOMMERCE_URL")]
    pub woocommerce_url: Option<String>,
    /// A WooCommerce REST API consumer key with read access, for `sync`.
    #[arg(long, env = "TREU_WOOCOMMERCE_KEY", hide_env_values = true)]
    pub woocommerce_key: Option<String>,
    /// That key's consumer secret.
    #[arg(long, env = "TREU_WOOCOMMERCE_CONSUMER_SECRET", hide_env_values = true)]
    pub woocommerce_consumer_secret: Option<String>,
}

/// What the handlers need from [`PlatformArgs`].
#[derive(Clone, Debug, Default)]
pub struct PlatformSettings {
    pub shopify: Secrets,
    pub woocommerce: Secrets,
    pub shopify_money: ShopifyMoney,
    /// The shop app-proxy requests must come from, when configured.
    pub shopify_shop: Option<String>,
}

impl PlatformSettings {
    pub fn secrets(&self, platform: Platform) -> &Secrets {
        match platform {
            Platform::Shopify => &self.shopify,
            Platform::WooCommerce => &self.woocommerce,
        }
    }
}

impl From<&PlatformArgs> for PlatformSettings {
    fn from(args: &PlatformArgs) -> PlatformSettings {
        PlatformSettings {
            shopify: Secrets::parse(args.shopify_secret.as_deref()),
            woocommerce: Secrets::parse(args.woocommerce_secret.as_deref()),
            shopify_money: args.shopify_money,
            shopify_shop: args.shopify_shop.clone().filter(|shop| !shop.trim().is_empty()),
        }
    }
}
