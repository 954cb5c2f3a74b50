//! The shopper's cart, as the storefront or the platform describes it.

use super::error::InputError;
use super::money::{Currency, Money, MAX_MINOR};
use serde::{Deserialize, Serialize};

/// A cart: its currency and its lines. Amounts are minor units of `currency`.
///
/// ```
/// let cart: treu::engine::cart::Cart = serde_json::from_str(
///     r#"{"currency":"EUR","lines":[{"productId":"mug","quantity":2,"unitPrice":1250}]}"#,
/// ).unwrap();
/// let cart = cart.validated().unwrap();
/// assert_eq!(cart.subtotal().unwrap().minor(), 2500);
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Cart {
    pub currency: Currency,
    #[serde(default)]
    pub lines: Vec<CartLine>,
    /// The shipping market (e.g. a country code `"DE"`), when the shop has several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<String>,
    /// Shipping charged, in minor units. Never earns points, never counts toward free shipping.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub shipping: i64,
    /// Tax charged on top of the lines, in minor units. Never earns points.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tax: i64,
}

fn is_zero(amount: &i64) -> bool {
    *amount == 0
}

/// One line of a cart: a product, how many, and the price of one.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CartLine {
    /// The platform's product (or variant) id.
    pub product_id: String,
    /// How many; at least 1.
    pub quantity: i64,
    /// Price of one unit after line discounts, in minor units; not negative.
    pub unit_price: i64,
    /// Gift cards are money, not merchandise: they never earn points or count toward free shipping.
    #[serde(default)]
    pub gift_card: bool,
    /// The collections (categories) the product belongs to, for collection rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<String>,
}

impl CartLine {
    /// Whether this line's product is one of `products` or belongs to one of `collections`.
    pub fn is_in(&self, products: &[String], collections: &[String]) -> bool {
        products.contains(&self.product_id)
            || collections.iter().any(|collection| self.collections.contains(collection))
    }
}

/// Largest quantity on one line; beyond it a cart is surely not a real one.
pub const MAX_QUANTITY: i64 = 1_000_000;

impl Cart {
    /// A cart with nothing in it, in `currency`: what a member's standing
    /// (tier, offers) is quoted on before the shop has told its cart.
    pub fn empty(currency: Currency) -> Cart {
        Cart { currency, lines: Vec::new(), market: None, shipping: 0, tax: 0 }
    }

    /// The cart if every field is sensible, else every problem, with JSON paths
    /// under `cart`. A validated cart's totals cannot overflow.
    pub fn validated(self) -> Result<Cart, InputError> {
        let mut errors = InputError::default();
        self.check(&mut errors);
        errors.or_ok(self)
    }

    /// Records every problem with this cart in `errors`, with paths under `cart`.
    pub fn check(&self, errors: &mut InputError) {
        if !(0..=MAX_MINOR).contains(&self.shipping) {
            errors.push("cart.shipping", MINOR_RANGE);
        }
        if !(0..=MAX_MINOR).contains(&self.tax) {
            errors.push("cart.tax", MINOR_RANGE);
        }
        if self.market.as_deref().is_some_and(|market| market.trim().is_empty()) {
            errors.push("cart.market", "must not be empty when given");
        }
        let mut subtotal = Money::zero(self.currency);
        for (index, line) in self.lines.iter().enumerate() {
            let path = || format!("cart.lines[{index}]");
            if line.product_id.trim().is_empty() {
                errors.push(format!("{}.productId", path()), "must not be empty");
            }
            let quantity_ok = (1..=MAX_QUANTITY).contains(&line.quantity);
            if !quantity_ok {
                errors.push(format!("{}.quantity", path()), QUANTITY_RANGE);
            }
            for (position, collection) in line.collections.iter().enumerate() {
                if collection.trim().is_empty() {
                    errors.push(format!("{}.collections[{position}]", path()), "must not be empty");
                }
            }
            if line.unit_price < 0 {
                errors.push(format!("{}.unitPrice", path()), "must not be negative (minor units)");
            } else if quantity_ok {
                match self.line_total(line).and_then(|total| subtotal.checked_add(total)) {
                    Ok(sum) if sum.minor() <= MAX_MINOR => subtotal = sum,
                    _ => errors.push(format!("{}.unitPrice", path()), TOTAL_RANGE),
                }
            }
        }
    }

    /// `unit_price × quantity` of one line, in the cart's currency.
    pub fn line_total(&self, line: &CartLine) -> Result<Money, super::money::MoneyError> {
        Money::new(line.unit_price, self.currency).checked_mul(line.quantity)
    }

    /// The sum of all line totals.
    pub fn subtotal(&self) -> Result<Money, super::money::MoneyError> {
        self.lines.iter().try_fold(Money::zero(self.currency), |sum, line| sum.checked_add(self.line_total(line)?))
    }
}

// The problems with a cart's numbers, worded once (no formatting code for them).
const MINOR_RANGE: &str = "must be from 0 to 1000000000000000 (minor units)";
const QUANTITY_RANGE: &str = "must be between 1 and 1000000";
const TOTAL_RANGE: &str = "makes the cart total larger than 1000000000000000 (minor units)";

#[cfg(test)]
mod tests {
    use super::*;

    fn cart(json: &str) -> Cart {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_range_problems_name_the_limits() {
        assert_eq!(MINOR_RANGE, format!("must be from 0 to {MAX_MINOR} (minor units)"));
        assert_eq!(QUANTITY_RANGE, format!("must be between 1 and {MAX_QUANTITY}"));
        assert_eq!(TOTAL_RANGE, format!("makes the cart total larger than {MAX_MINOR} (minor units)"));
    }

    #[test]
    fn reports_every_bad_line_with_its_path() {
        let error = cart(
            r#"{"currency":"EUR","lines":[
                {"productId":"","quantity":0,"unitPrice":100},
                {"productId":"tea","quantity":1,"unitPrice":-5}]}"#,
        )
        .validated()
        .unwrap_err();
        let paths: Vec<&str> = error.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["cart.lines[0].productId", "cart.lines[0].quantity", "cart.lines[1].unitPrice"]);
    }

    #[test]
    fn totals_that_overflow_are_rejected_not_wrapped() {
        let three = |price: i64| {
            format!(
                r#"{{"currency":"EUR","lines":[{{"productId":"a","quantity":1,"unitPrice":{price}}},
                {{"productId":"b","quantity":1,"unitPrice":{price}}},{{"productId":"c","quantity":1,"unitPrice":{price}}}]}}"#
            )
        };
        // Two lines fit under the bound, the third does not.
        let error = cart(&three(MAX_MINOR / 3 + 1)).validated().unwrap_err();
        assert_eq!(error.errors[0].path, "cart.lines[2].unitPrice");
        assert_eq!(error.errors.len(), 1);
        assert!(cart(&three(MAX_MINOR / 3)).validated().is_ok(), "exactly the bound is accepted");
        // Sums that would wrap i64 are refused the same way.
        let error = cart(&three(i64::MAX / 2)).validated().unwrap_err();
        assert_eq!(error.errors[0].path, "cart.lines[0].unitPrice");
        let shipping = format!(r#"{{"currency":"EUR","shipping":{},"lines":[]}}"#, MAX_MINOR + 1);
        assert_eq!(cart(&shipping).validated().unwrap_err().errors[0].path, "cart.shipping");
    }

    #[test]
    fn unknown_fields_and_currencies_are_rejected() {
        assert!(serde_json::from_str::<Cart>(r#"{"currency":"EUR","lines":[],"coupon":"x"}"#).is_err());
        assert!(serde_json::from_str::<Cart>(r#"{"currency":"EURO","lines":[]}"#).is_err());
    }
}
