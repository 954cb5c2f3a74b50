//! Free shipping: how far this cart is from shipping free.

use super::cart::Cart;
use super::error::InputError;
use super::money::{divide_wide, Currency, MoneyError};
use serde::{Deserialize, Serialize};

/// When an order ships free.
///
/// ```json
/// { "thresholds": [
///     { "currency": "EUR", "minimum": 5000 },
///     { "currency": "EUR", "minimum": 2500, "tier": "gold" },
///     { "currency": "CHF", "minimum": 6000, "market": "CH" } ],
///   "excludedProducts": ["gift-wrap"], "excludedCollections": ["bulky"] }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct FreeShippingRules {
    /// Minimum order values, per currency and optionally per market or tier.
    #[serde(default)]
    pub thresholds: Vec<ShippingThreshold>,
    /// Products whose price does not count toward the minimum.
    #[serde(default)]
    pub excluded_products: Vec<String>,
    /// Collections whose products do not count toward the minimum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_collections: Vec<String>,
}

/// Orders in `currency` ship free from `minimum` (minor units) of eligible goods.
///
/// A threshold with a `market` applies only to carts shipping to that market; one
/// with a `tier` only to members of that tier (a tier perk, which may be 0:
/// always free). When several apply, the lowest minimum wins.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct ShippingThreshold {
    pub currency: Currency,
    pub minimum: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
}

impl ShippingThreshold {
    fn applies(&self, cart: &Cart, tier: Option<&str>) -> bool {
        self.currency == cart.currency
            && self.market.as_deref().is_none_or(|market| cart.market.as_deref() == Some(market))
            && self.tier.as_deref().is_none_or(|wanted| tier == Some(wanted))
    }
}

impl FreeShippingRules {
    /// Records every problem in `errors`, with paths under `program.freeShipping`.
    /// Tier names are checked against the tiers by the program.
    pub fn check(&self, errors: &mut InputError) {
        for (index, threshold) in self.thresholds.iter().enumerate() {
            let path = || format!("program.freeShipping.thresholds[{index}]");
            let lowest = if threshold.tier.is_some() { 0 } else { 1 };
            errors.require(
                threshold.minimum >= lowest,
                || format!("{}.minimum", path()),
                if lowest == 0 {
                    "must not be negative (minor units)"
                } else {
                    "must be greater than 0 (minor units); only a tier's threshold may be 0"
                },
            );
            let same = |other: &ShippingThreshold| {
                other.currency == threshold.currency && other.market == threshold.market && other.tier == threshold.tier
            };
            if self.thresholds[..index].iter().any(same) {
                errors.push(
                    format!("{}.currency", path()),
                    format!("{} has a threshold for this market and tier already", threshold.currency),
                );
            }
            for (field, value) in [("market", &threshold.market), ("tier", &threshold.tier)] {
                let empty = value.as_deref().is_some_and(|value| value.trim().is_empty());
                errors.require(!empty, || format!("{}.{field}", path()), "must not be empty when given");
            }
        }
        for (list, values) in
            [("excludedProducts", &self.excluded_products), ("excludedCollections", &self.excluded_collections)]
        {
            for (index, value) in values.iter().enumerate() {
                errors.require(
                    !value.trim().is_empty(),
                    || format!("program.freeShipping.{list}[{index}]"),
                    "must not be empty",
                );
            }
        }
    }
}

/// Where a cart stands against the free-shipping minimum for its currency.
///
/// Until the cart qualifies, `eligible_subtotal + remaining == threshold`.
/// Amounts are minor units of the cart's currency.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FreeShippingProgress {
    /// The minimum order value for free shipping.
    pub threshold: i64,
    /// What counts toward it: all lines but gift cards and excluded products.
    pub eligible_subtotal: i64,
    /// How much more to spend; 0 once qualified.
    pub remaining: i64,
    /// Whether this cart ships free.
    pub qualified: bool,
    /// Progress toward the threshold in thousandths (0..=1000), rounded down,
    /// so the bar never shows "full" before the cart qualifies.
    pub progress_permille: u16,
}

/// The free-shipping standing of `cart` for a guest or a member without a tier
/// perk; see [`free_shipping_progress_for_tier`].
pub fn free_shipping_progress(
    rules: &FreeShippingRules,
    cart: &Cart,
) -> Result<Option<FreeShippingProgress>, MoneyError> {
    free_shipping_progress_for_tier(rules, cart, None)
}

/// The free-shipping standing of `cart` for a member of `tier`, or `None` when
/// no threshold applies to the cart's currency and market. The lowest applying
/// minimum wins, so a tier perk can only lower the bar.
pub fn free_shipping_progress_for_tier(
    rules: &FreeShippingRules,
    cart: &Cart,
    tier: Option<&str>,
) -> Result<Option<FreeShippingProgress>, MoneyError> {
    let applying = rules.thresholds.iter().filter(|t| t.applies(cart, tier));
    let Some(threshold) = applying.map(|t| t.minimum).min() else {
        return Ok(None);
    };
    let eligible_subtotal = eligible_subtotal(rules, cart)?;
    let remaining = threshold.saturating_sub(eligible_subtotal).max(0);
    let permille = divide_wide(i128::from(eligible_subtotal.max(0)) * 1000, i128::from(threshold.max(1)));
    let progress_permille = if remaining == 0 { 1000 } else { permille.min(999) as u16 };
    Ok(Some(FreeShippingProgress {
        threshold,
        eligible_subtotal,
        remaining,
        qualified: remaining == 0,
        progress_permille,
    }))
}

/// The part of the cart that counts toward free shipping, in minor units: every
/// line except gift cards and excluded products or collections.
pub fn eligible_subtotal(rules: &FreeShippingRules, cart: &Cart) -> Result<i64, MoneyError> {
    let mut sum: i64 = 0;
    for line in &cart.lines {
        if line.gift_card || line.is_in(&rules.excluded_products, &rules.excluded_collections) {
            continue;
        }
        sum = sum.checked_add(cart.line_total(line)?.minor()).ok_or(MoneyError::Overflow)?;
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::program::Program;

    fn program() -> Program {
        serde_json::from_str(
            r#"{"version":1,"currency":"EUR","freeShipping":{
                "thresholds":[{"currency":"EUR","minimum":5000},{"currency":"EUR","minimum":2500,"tier":"gold"},
                  {"currency":"EUR","minimum":4000,"market":"AT"}],
                "excludedProducts":["gift-wrap"],"excludedCollections":["bulky"]}}"#,
        )
        .unwrap()
    }

    fn cart(lines: &str) -> Cart {
        serde_json::from_str(&format!(r#"{{"currency":"EUR","lines":[{lines}]}}"#)).unwrap()
    }

    #[test]
    fn remaining_and_progress_until_qualified() {
        let progress = free_shipping_progress(
            &program().free_shipping,
            &cart(r#"{"productId":"mug","quantity":2,"unitPrice":1250},{"productId":"gift-wrap","quantity":1,"unitPrice":400},{"productId":"card","quantity":1,"unitPrice":2500,"giftCard":true},{"productId":"sofa","quantity":1,"unitPrice":90000,"collections":["bulky"]}"#),
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            progress,
            FreeShippingProgress {
                threshold: 5000,
                eligible_subtotal: 2500,
                remaining: 2500,
                qualified: false,
                progress_permille: 500
            }
        );
    }

    #[test]
    fn qualifies_at_the_threshold_exactly() {
        let at = free_shipping_progress(
            &program().free_shipping,
            &cart(r#"{"productId":"a","quantity":1,"unitPrice":5000}"#),
        );
        assert_eq!(at.unwrap().unwrap().remaining, 0);
        let below = free_shipping_progress(
            &program().free_shipping,
            &cart(r#"{"productId":"a","quantity":1,"unitPrice":4999}"#),
        )
        .unwrap()
        .unwrap();
        assert_eq!((below.remaining, below.qualified, below.progress_permille), (1, false, 999));
    }

    #[test]
    fn tiers_and_markets_lower_the_bar() {
        let rules = program().free_shipping;
        let mut basket = cart(r#"{"productId":"a","quantity":1,"unitPrice":3000}"#);
        assert_eq!(free_shipping_progress_for_tier(&rules, &basket, Some("gold")).unwrap().unwrap().threshold, 2500);
        assert_eq!(free_shipping_progress_for_tier(&rules, &basket, Some("silver")).unwrap().unwrap().threshold, 5000);
        basket.market = Some("AT".into());
        assert_eq!(free_shipping_progress(&rules, &basket).unwrap().unwrap().threshold, 4000);
    }

    #[test]
    fn no_threshold_in_the_cart_currency_means_no_progress() {
        let chf: Cart = serde_json::from_str(r#"{"currency":"CHF","lines":[]}"#).unwrap();
        assert_eq!(free_shipping_progress(&program().free_shipping, &chf), Ok(None));
    }
}
