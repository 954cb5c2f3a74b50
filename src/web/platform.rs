//! Cart sources (`data-platform`): the platform's own cart API, read into a
//! treu [`Cart`]. `generic` pages call `setCart` themselves; `shopify` reads
//! the Ajax API's `/cart.js`; `woocommerce` reads the Store API's
//! `/wc/store/v1/cart`. Only the fields treu needs are read; anything else in
//! the platform's answer is ignored, so new platform fields never break us.

use super::read::JsObject as Object;
use crate::engine::cart::{Cart, CartLine};
use crate::engine::error::InputError;
use crate::engine::money::Currency;
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

/// Reads a Shopify Ajax API `GET /cart.js` response. Money is in the
/// currency's "cents": Shopify counts every currency in hundredths, JPY
/// included. Each item's `final_price` is the unit price after line-level
/// discounts; product ids become `productId`s.
pub fn shopify_cart(response: JsValue) -> Result<Cart, InputError> {
    let cart = Object::root("shopifyCart", response);
    let currency = cart.currency("currency");
    let mut lines = Vec::new();
    for item in cart.list("items") {
        let unit_price = item.integer("final_price");
        lines.push(CartLine {
            product_id: item.integer("product_id").to_string(),
            quantity: item.integer("quantity"),
            unit_price: rescaled(&item, unit_price, 2, currency.exponent(), &item.path("final_price")),
            gift_card: item.optional_bool("gift_card", false),
            collections: Vec::new(),
        });
    }
    plain_cart(&cart, currency, lines)
}

/// Reads a WooCommerce Store API `GET /wc/store/v1/cart` response. Prices are
/// strings of minor units in the shop's configured number of decimals
/// (`prices.price` is the current unit price, the sale price when on sale);
/// product ids become `productId`s.
pub fn woocommerce_cart(response: JsValue) -> Result<Cart, InputError> {
    let cart = Object::root("wooCart", response);
    let totals = cart.object("totals");
    let currency = totals.currency("currency_code");
    let decimals = u8::try_from(totals.integer("currency_minor_unit")).unwrap_or_else(|_| {
        totals.fail(totals.path("currency_minor_unit"), "must be a whole number from 0 to 255");
        0
    });
    let mut lines = Vec::new();
    for item in cart.list("items") {
        let prices = item.object("prices");
        let path = prices.path("price");
        let text = prices.string("price");
        let price = text.parse::<i64>().unwrap_or_else(|_| {
            prices.fail(&path, format!("\"{text}\" is not a whole number of minor units"));
            0
        });
        lines.push(CartLine {
            product_id: item.integer("id").to_string(),
            quantity: item.integer("quantity"),
            unit_price: rescaled(&item, price, decimals, currency.exponent(), &path),
            gift_card: false,
            collections: Vec::new(),
        });
    }
    plain_cart(&cart, currency, lines)
}

/// The cart read from `response`, checked as the engine checks a cart, or
/// the first problem found reading it.
fn plain_cart(response: &Object, currency: Currency, lines: Vec<CartLine>) -> Result<Cart, InputError> {
    response.result(Cart { currency, lines, market: None, shipping: 0, tax: 0 })?.validated()
}

/// [`rescale`], recording a problem in `object` (0 then).
fn rescaled(object: &Object, amount: i64, from: u8, to: u8, path: &str) -> i64 {
    rescale(amount, from, to, path).unwrap_or_else(|problem| {
        object.record(problem);
        0
    })
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
