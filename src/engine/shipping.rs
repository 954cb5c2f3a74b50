//! Free shipping: how far this cart is from shipping free.

use super::cart::Cart;
use super::money::MoneyError;
use super::program::FreeShippingRules;
use serde::Serialize;

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

/// The free-shipping standing of `cart`, or `None` when the program has no
/// threshold in the cart's currency.
pub fn free_shipping_progress(
    rules: &FreeShippingRules,
    cart: &Cart,
) -> Result<Option<FreeShippingProgress>, MoneyError> {
    let Some(threshold) = rules.thresholds.iter().find(|t| t.currency == cart.currency) else {
        return Ok(None);
    };
    let eligible_subtotal = eligible_subtotal(rules, cart)?;
    let threshold = threshold.minimum;
    let remaining = threshold.saturating_sub(eligible_subtotal).max(0);
    let permille = i128::from(eligible_subtotal.max(0)) * 1000 / i128::from(threshold.max(1));
    Ok(Some(FreeShippingProgress {
        threshold,
        eligible_subtotal,
        remaining,
        qualified: remaining == 0,
        progress_permille: permille.min(1000) as u16,
    }))
}

/// The part of the cart that counts toward free shipping, in minor units.
pub fn eligible_subtotal(rules: &FreeShippingRules, cart: &Cart) -> Result<i64, MoneyError> {
    let mut sum: i64 = 0;
    for line in &cart.lines {
        if line.gift_card || rules.excluded_products.contains(&line.product_id) {
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
                "thresholds":[{"currency":"EUR","minimum":5000}],"excludedProducts":["gift-wrap"]}}"#,
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
            &cart(r#"{"productId":"mug","quantity":2,"unitPrice":1250},{"productId":"gift-wrap","quantity":1,"unitPrice":400},{"productId":"card","quantity":1,"unitPrice":2500,"giftCard":true}"#),
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
        let at = free_shipping_progress(&program().free_shipping, &cart(r#"{"productId":"a","quantity":1,"unitPrice":5000}"#));
        assert_eq!(at.unwrap().unwrap().remaining, 0);
        let below = free_shipping_progress(&program().free_shipping, &cart(r#"{"productId":"a","quantity":1,"unitPrice":4999}"#))
            .unwrap()
            .unwrap();
        assert_eq!((below.remaining, below.qualified, below.progress_permille), (1, false, 999));
    }

    #[test]
    fn no_threshold_in_the_cart_currency_means_no_progress() {
        let chf: Cart = serde_json::from_str(r#"{"currency":"CHF","lines":[]}"#).unwrap();
        assert_eq!(free_shipping_progress(&program().free_shipping, &chf), Ok(None));
    }
}
