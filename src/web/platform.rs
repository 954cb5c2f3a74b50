//! Cart sources (`data-platform`): the platform's own cart API, read into a
//! treu [`Cart`]. `generic` pages call `setCart` themselves; `shopify` reads
//! the Ajax API's `/cart.js`; `woocommerce` reads the Store API's
//! `/wc/store/v1/cart`. Only the fields treu needs are read; anything else in
//! the platform's answer is ignored, so new platform fields never break us.

use super::interop::from_js;
use crate::engine::cart::{Cart, CartLine};
use crate::engine::error::InputError;
use crate::engine::money::Currency;
use serde::Deserialize;
use wasm_bindgen::JsValue;

/// A platform whose cart treu can read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Platform {
    Shopify,
    WooCommerce,
}

impl Platform {
    /// The platform for a `data-platform` value; `generic` and unknown values have none.
    pub fn named(name: &str) -> Option<Platform> {
        match name {
            "shopify" => Some(Platform::Shopify),
            "woocommerce" => Some(Platform::WooCommerce),
            _ => None,
        }
    }

    /// Reads the platform's cart response into a validated [`Cart`].
    pub fn cart(self, response: JsValue) -> Result<Cart, InputError> {
        match self {
            Platform::Shopify => shopify_cart(response),
            Platform::WooCommerce => woocommerce_cart(response),
        }
    }
}

/// Shopify Ajax API `GET /cart.js`. Money is in the currency's "cents":
/// Shopify counts every currency in hundredths, JPY included.
#[derive(Deserialize)]
struct ShopifyCart {
    currency: String,
    items: Vec<ShopifyItem>,
}

#[derive(Deserialize)]
struct ShopifyItem {
    product_id: i64,
    quantity: i64,
    /// Unit price after line-level discounts.
    final_price: i64,
    #[serde(default)]
    gift_card: bool,
}

/// Reads a Shopify `/cart.js` response. Product ids become `productId`s.
pub fn shopify_cart(response: JsValue) -> Result<Cart, InputError> {
    let cart: ShopifyCart = from_js("shopifyCart", response)?;
    let currency = currency("shopifyCart.currency", &cart.currency)?;
    let lines = cart
        .items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let path = format!("shopifyCart.items[{index}].final_price");
            Ok(CartLine {
                product_id: item.product_id.to_string(),
                quantity: item.quantity,
                unit_price: rescale(item.final_price, 2, currency.exponent(), &path)?,
                gift_card: item.gift_card,
                collections: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, InputError>>()?;
    plain_cart(currency, lines)
}

/// WooCommerce Store API `GET /wc/store/v1/cart`. Prices are strings of
/// minor units in the shop's configured number of decimals.
#[derive(Deserialize)]
struct WooCart {
    items: Vec<WooItem>,
    totals: WooTotals,
}

#[derive(Deserialize)]
struct WooTotals {
    currency_code: String,
    currency_minor_unit: u8,
}

#[derive(Deserialize)]
struct WooItem {
    id: i64,
    quantity: i64,
    prices: WooPrices,
}

#[derive(Deserialize)]
struct WooPrices {
    /// Current unit price (the sale price when on sale).
    price: String,
}

/// Reads a WooCommerce Store API cart response. Product ids become `productId`s.
pub fn woocommerce_cart(response: JsValue) -> Result<Cart, InputError> {
    let cart: WooCart = from_js("wooCart", response)?;
    let currency = currency("wooCart.totals.currency_code", &cart.totals.currency_code)?;
    let lines = cart
        .items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let path = format!("wooCart.items[{index}].prices.price");
            let price = item.prices.price.parse::<i64>().map_err(|_| {
                InputError::field(&path, format!("\"{}\" is not a whole number of minor units", item.prices.price))
            })?;
            Ok(CartLine {
                product_id: item.id.to_string(),
                quantity: item.quantity,
                unit_price: rescale(price, cart.totals.currency_minor_unit, currency.exponent(), &path)?,
                gift_card: false,
                collections: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, InputError>>()?;
    plain_cart(currency, lines)
}

fn currency(path: &str, code: &str) -> Result<Currency, InputError> {
    Currency::parse(code).map_err(|error| InputError::field(path, error.to_string()))
}

fn plain_cart(currency: Currency, lines: Vec<CartLine>) -> Result<Cart, InputError> {
    Cart { currency, lines, market: None, shipping: 0, tax: 0 }.validated()
}

/// `amount` counted with `from` decimals, counted with `to` decimals instead,
/// rounding half away from zero when decimals are dropped: Shopify's 150000
/// "cents" of JPY are ¥1500; WooCommerce's "13" EUR at 0 decimals is 1300 cents.
pub fn rescale(amount: i64, from: u8, to: u8, path: &str) -> Result<i64, InputError> {
    let too_large = || InputError::field(path, "is too large");
    if to >= from {
        let factor = 10i64.checked_pow(u32::from(to - from)).ok_or_else(too_large)?;
        amount.checked_mul(factor).ok_or_else(too_large)
    } else {
        let factor = 10i64.checked_pow(u32::from(from - to)).ok_or_else(too_large)?;
        let half = factor / 2;
        let rounded = if amount >= 0 { amount.checked_add(half) } else { amount.checked_sub(half) };
        Ok(rounded.ok_or_else(too_large)? / factor)
    }
}
