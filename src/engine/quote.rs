//! The quote: everything the widget shows about a cart, from one pure function.
//!
//! The browser calls [`quote`] for an instant preview and the host calls it
//! again, authoritatively, when the order is paid; the same inputs give the
//! same JSON, byte for byte, in both places.

use super::cart::Cart;
use super::customer::Customer;
use super::earning::{points_for_cart, Earn};
use super::error::InputError;
use super::incentive::{next_incentive, NextIncentive, Standing};
use super::lifecycle::{Stage, WinBackOffer};
use super::money::Currency;
use super::offers::OfferStatus;
use super::program::Program;
use super::redemption::{redeemable_goods, redemptions_for, Redemptions};
use super::segments::{segments_of, Member};
use super::shipping::{free_shipping_progress_for_tier, FreeShippingProgress};
use super::tiers::{TierBasis, TierStatus};
use super::time::Timestamp;
use serde::Serialize;

/// What a cart means for the shopper. Serialized as camelCase JSON with every
/// key always present (`null` where a part does not apply):
///
/// ```json
/// { "currency": "EUR",
///   "earn": { "total": 68, "eligibleSpend": 4599,
///             "lines": [{ "rule": "spend", "kind": "spend", "name": "", "points": 45 }, …] },
///   "freeShipping": { "threshold": 5000, "eligibleSubtotal": 4599, "remaining": 401,
///                     "qualified": false, "progressPermille": 919 },
///   "tier": { "basis": "spend", "period": "calendarYear", "current": {…}, "next": {…},
///             "qualifying": 12000, "remaining": 8000, "progressPermille": 600,
///             "cartAdds": 4599, "reachesNextWithCart": false, "periodEndsAt": "2026-01-01T00:00:00Z" },
///   "redemptions": { "balance": 720, "affordable": [{ "id": "5-off", "name": "€5 off",
///                    "kind": "amountOff", "points": 500, "value": 500 }], "next": { … } },
///   "stage": "repeat",
///   "nextIncentive": { "kind": "freeShipping", "spendNeeded": 401 },
///   "winBack": null,
///   "offers": [{ "id": "beans-double", "name": "Double points on beans for you",
///                "percent": 200, "endsAt": "2025-07-01T00:00:00Z", "points": 12 }] }
/// ```
///
/// `tier` and `stage` are `null` for guests; `redemptions.balance` is 0 for
/// them, and `offers` is empty (offers are for members of a segment).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// The cart's currency; every amount in the quote is in its minor units,
    /// except tier spend, which is in the program currency.
    pub currency: Currency,
    /// Points this cart earns, with a line per rule.
    pub earn: Earn,
    /// Free-shipping progress, or `null` when no threshold applies to the cart.
    pub free_shipping: Option<FreeShippingProgress>,
    /// The member's tier standing, or `null` for guests and programs without tiers.
    pub tier: Option<TierStatus>,
    /// What the member can redeem on this cart now.
    pub redemptions: Redemptions,
    /// The member's lifecycle stage, or `null` for guests.
    pub stage: Option<Stage>,
    /// The one nudge to show, if any.
    pub next_incentive: Option<NextIncentive>,
    /// The win-back offer, for lapsed members of a program that has one.
    pub win_back: Option<WinBackOffer>,
    /// The offers running for the member's segments, each with what this cart
    /// earns from it, in program order.
    pub offers: Vec<OfferStatus>,
}

/// Quotes `cart` for `customer` (`None`: a guest) under `program` at `now`.
///
/// Checks all three inputs first and returns every problem at once, with JSON
/// paths under `program`, `cart` and `customer`; never panics.
///
/// ```
/// use treu::engine::{cart::Cart, program::Program, quote::quote, time::Timestamp};
/// let program: Program = serde_json::from_str(r#"{"version":1,"currency":"EUR",
///     "earning":{"rates":[{"currency":"EUR","points":1,"per":100}]},
///     "freeShipping":{"thresholds":[{"currency":"EUR","minimum":5000}]}}"#).unwrap();
/// let cart: Cart = serde_json::from_str(r#"{"currency":"EUR",
///     "lines":[{"productId":"mug","quantity":1,"unitPrice":4599}]}"#).unwrap();
/// let now = Timestamp::parse("2025-06-01T12:00:00Z").unwrap();
/// let quote = quote(&program, &cart, None, now).unwrap();
/// assert_eq!(quote.earn.total, 45);
/// assert_eq!(quote.free_shipping.unwrap().remaining, 401);
/// ```
pub fn quote(program: &Program, cart: &Cart, customer: Option<&Customer>, now: Timestamp) -> Result<Quote, InputError> {
    let mut errors = InputError::default();
    program.check(&mut errors);
    cart.check(&mut errors);
    if let Some(customer) = customer {
        customer.check(&mut errors);
    }
    errors.or_ok(())?;

    let tier_status = program.tiers.as_ref().zip(customer).map(|(tiers, customer)| tiers.status(&customer.orders, now));
    let tier_level = tier_status
        .as_ref()
        .and_then(|status| status.current.as_ref())
        .and_then(|current| program.tiers.as_ref()?.level(&current.id));
    let stage = customer.map(|customer| program.lifecycle.stage(&customer.orders, now));
    let member = customer.zip(stage).map(|(customer, stage)| Member {
        customer,
        stage,
        tier: tier_level.map(|level| level.id.as_str()),
    });
    let segments = segments_of(&program.segments, member.as_ref(), now);
    let earn: Earn = points_for_cart(program, cart, tier_level, &segments, now);
    let tier = tier_status.map(|status| {
        let adds = match status.basis {
            TierBasis::PointsEarned => earn.total,
            TierBasis::Spend if cart.currency == program.currency => earn.eligible_spend,
            TierBasis::Spend => 0,
        };
        status.with_cart(adds)
    });
    let free_shipping =
        free_shipping_progress_for_tier(&program.free_shipping, cart, tier_level.map(|l| l.id.as_str()))
            .map_err(|_| InputError::field("cart", "totals are too large"))?;
    let redemptions = redemptions_for(program, cart, customer.map_or(0, |customer| customer.balance));
    let win_back =
        stage.and_then(|stage| program.lifecycle.win_back_offer(stage, redeemable_goods(cart), cart.shipping));
    let next_incentive = next_incentive(&Standing {
        program,
        cart,
        customer,
        now,
        earn: &earn,
        tier_level,
        segments: &segments,
        free_shipping: free_shipping.as_ref(),
        tier: tier.as_ref(),
        redemptions: &redemptions,
    });
    let offers = program
        .offers
        .iter()
        .filter(|offer| offer.is_active(now, &segments))
        .map(|offer| OfferStatus {
            id: offer.id.clone(),
            name: offer.name.clone(),
            percent: offer.percent,
            ends_at: offer.ends_at,
            points: earn
                .lines
                .iter()
                .find(|line| line.rule.strip_prefix("offer:") == Some(offer.id.as_str()))
                .map_or(0, |l| l.points),
        })
        .collect();
    Ok(Quote {
        currency: cart.currency,
        earn,
        free_shipping,
        tier,
        redemptions,
        stage,
        next_incentive,
        win_back,
        offers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_input_is_reported_at_once() {
        let program: Program = serde_json::from_str(r#"{"version":3,"currency":"EUR"}"#).unwrap();
        let cart: Cart =
            serde_json::from_str(r#"{"currency":"EUR","lines":[{"productId":"","quantity":1,"unitPrice":1}]}"#)
                .unwrap();
        let customer: Customer = serde_json::from_str(r#"{"id":""}"#).unwrap();
        let now = Timestamp::from_unix(0).unwrap();
        let error = quote(&program, &cart, Some(&customer), now).unwrap_err();
        let paths: Vec<&str> = error.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["program.version", "cart.lines[0].productId", "customer.id"]);
    }
}
