//! The engine's inputs and errors as the storefront sends them back: the cart
//! in a redemption's request body, and the `errors` list of a `TreuInputError`.

use super::{Json, ToJs};
use crate::engine::cart::{Cart, CartLine};
use crate::engine::error::{FieldError, InputError};
use crate::engine::money::Currency;
use crate::engine::time::Timestamp;

impl ToJs for Currency {
    fn write(&self, json: &mut Json) {
        self.code().write(json);
    }
}

impl ToJs for Timestamp {
    fn write(&self, json: &mut Json) {
        self.to_string().write(json);
    }
}

impl ToJs for Cart {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("currency", &self.currency);
        json.field("lines", &self.lines);
        json.field_if_some("market", &self.market);
        if self.shipping != 0 {
            json.field("shipping", &self.shipping);
        }
        if self.tax != 0 {
            json.field("tax", &self.tax);
        }
        json.end_object();
    }
}

impl ToJs for CartLine {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("productId", &self.product_id);
        json.field("quantity", &self.quantity);
        json.field("unitPrice", &self.unit_price);
        json.field("giftCard", &self.gift_card);
        if !self.collections.is_empty() {
            json.field("collections", &self.collections);
        }
        json.end_object();
    }
}

impl ToJs for FieldError {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("path", &self.path);
        json.field("reason", &self.reason);
        json.end_object();
    }
}

impl ToJs for InputError {
    fn write(&self, json: &mut Json) {
        self.errors.write(json);
    }
}
