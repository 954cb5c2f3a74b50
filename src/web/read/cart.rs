//! Reads a cart (`setCart`, and the engine's input from platform carts).
//! The engine reads carts strictly in every build: a theme's misspelt field
//! (`"coupon"`, `"qty"`) is named rather than silently dropped.

use super::object::{FromJs, JsObject};
use crate::engine::cart::{Cart, CartLine};

impl FromJs for Cart {
    fn from_js(cart: &JsObject) -> Cart {
        cart.deny_unknown(&["currency", "lines", "market", "shipping", "tax"]);
        Cart {
            currency: cart.currency("currency"),
            lines: cart.read_list("lines"),
            market: cart.optional_string("market"),
            shipping: cart.optional_integer("shipping"),
            tax: cart.optional_integer("tax"),
        }
    }
}

impl FromJs for CartLine {
    fn from_js(line: &JsObject) -> CartLine {
        line.deny_unknown(&["productId", "quantity", "unitPrice", "giftCard", "collections"]);
        CartLine {
            product_id: line.string("productId"),
            quantity: line.integer("quantity"),
            unit_price: line.integer("unitPrice"),
            gift_card: line.optional_bool("giftCard", false),
            collections: line.strings("collections"),
        }
    }
}
