//! Discounts the program gives away outright: a referred friend's welcome
//! discount and the win-back offer for lapsed customers.

use super::error::InputError;
use serde::{Deserialize, Serialize};

/// What kind of discount.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DiscountKind {
    /// `percent` % off the eligible goods.
    PercentOff,
    /// A fixed `amount` (minor units of the program currency) off, never more than the goods.
    AmountOff,
    /// The order ships free.
    FreeShipping,
}

/// A discount: percent off, amount off or free shipping, from a minimum spend.
///
/// ```json
/// { "kind": "percentOff", "percent": 15, "minimumSpend": 3000 }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct Discount {
    pub kind: DiscountKind,
    /// For `percentOff`: 1 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<i64>,
    /// For `amountOff`: minor units, more than 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// The goods must come to at least this much (minor units); 0 means no minimum.
    #[serde(default)]
    pub minimum_spend: i64,
}

impl Discount {
    /// Records every problem with this discount in `errors`, with paths under `path`.
    pub fn check(&self, path: &str, errors: &mut InputError) {
        let percent_ok = match (self.kind, self.percent) {
            (DiscountKind::PercentOff, Some(percent)) => (1..=100).contains(&percent),
            (DiscountKind::PercentOff, None) => false,
            (_, percent) => percent.is_none(),
        };
        errors.require(
            percent_ok,
            || format!("{path}.percent"),
            "percentOff needs a percent from 1 to 100; other kinds take none",
        );
        let amount_ok = match (self.kind, self.amount) {
            (DiscountKind::AmountOff, Some(amount)) => amount > 0,
            (DiscountKind::AmountOff, None) => false,
            (_, amount) => amount.is_none(),
        };
        errors.require(
            amount_ok,
            || format!("{path}.amount"),
            "amountOff needs an amount above 0 (minor units); other kinds take none",
        );
        errors.require(
            self.minimum_spend >= 0,
            || format!("{path}.minimumSpend"),
            "must not be negative (minor units)",
        );
    }

    /// What the discount is worth on goods of `goods` and shipping of `shipping`
    /// (minor units): 0 below the minimum spend; percent off rounds down; an
    /// amount off never exceeds the goods.
    pub fn value(&self, goods: i64, shipping: i64) -> i64 {
        if goods < self.minimum_spend {
            return 0;
        }
        match self.kind {
            DiscountKind::PercentOff => goods.saturating_mul(self.percent.unwrap_or(0)) / 100,
            DiscountKind::AmountOff => self.amount.unwrap_or(0).min(goods).max(0),
            DiscountKind::FreeShipping => shipping.max(0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn discount(json: &str) -> Discount {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn values_follow_the_kind() {
        assert_eq!(discount(r#"{"kind":"percentOff","percent":15}"#).value(4599, 490), 689);
        assert_eq!(discount(r#"{"kind":"amountOff","amount":1000}"#).value(800, 490), 800);
        assert_eq!(discount(r#"{"kind":"freeShipping","minimumSpend":3000}"#).value(2999, 490), 0);
        assert_eq!(discount(r#"{"kind":"freeShipping","minimumSpend":3000}"#).value(3000, 490), 490);
    }

    #[test]
    fn mismatched_fields_are_named() {
        let mut errors = InputError::default();
        discount(r#"{"kind":"percentOff","amount":5,"minimumSpend":-1}"#).check("program.x", &mut errors);
        let paths: Vec<&str> = errors.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["program.x.percent", "program.x.amount", "program.x.minimumSpend"]);
    }
}
