//! Reads a discount (the referral's friend discount, the win-back offer's).

use super::object::{FromJs, JsObject};
use crate::engine::discount::{Discount, DiscountKind};

/// Discount kinds by JSON name.
pub const DISCOUNT_KINDS: [(&str, DiscountKind); 3] = [
    ("percentOff", DiscountKind::PercentOff),
    ("amountOff", DiscountKind::AmountOff),
    ("freeShipping", DiscountKind::FreeShipping),
];

impl FromJs for Discount {
    fn from_js(discount: &JsObject) -> Discount {
        #[cfg(not(feature = "lenient"))]
        discount.deny_unknown(&["kind", "percent", "amount", "minimumSpend"]);
        Discount {
            kind: discount.one_of("kind", &DISCOUNT_KINDS),
            percent: discount.maybe_integer("percent"),
            amount: discount.maybe_integer("amount"),
            minimum_spend: discount.optional_integer("minimumSpend"),
        }
    }
}
