//! Earning: the points an order earns for what it spends.
//!
//! The base rate gives `points` per `per` minor units of eligible spend. Extra
//! earn rates add to it, each as its own line so the widget can explain the
//! total: a tier's multiplier, a product or collection multiplier, a running
//! campaign, an offer for the member's segment. Rates add up rather than multiply: a ×2 campaign for a ×1.5 tier
//! member earns ×2.5 (base + 100 % + 50 %). Each line is rounded on its own with
//! the program's rounding mode, and the total is the sum of the lines, so what
//! the widget shows adds up to what the host awards.

use super::campaigns::{hundred, Campaign, MAX_PERCENT};
use super::cart::Cart;
use super::error::InputError;
use super::money::{scale, Currency, Rounding};
use super::offers::Offer;
use super::program::Program;
use super::segments::targets;
use super::tiers::TierLevel;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// How spend turns into points.
///
/// ```json
/// { "rates": [{ "currency": "EUR", "points": 1, "per": 100 }], "rounding": "down",
///   "excludedProducts": ["gift-wrap"], "excludedCollections": ["sale"],
///   "multipliers": [{ "id": "coffee", "name": "Double points on coffee", "percent": 200, "collections": ["coffee"] }],
///   "returnWindowDays": 30, "expiresAfterDays": 365 }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct EarningRules {
    /// One base rate per currency; a cart in a currency without a rate earns no spend points.
    #[serde(default)]
    pub rates: Vec<EarnRate>,
    #[serde(default)]
    pub rounding: Rounding,
    /// Products that never earn points. Gift cards, shipping and tax never do either.
    #[serde(default)]
    pub excluded_products: Vec<String>,
    #[serde(default)]
    pub excluded_collections: Vec<String>,
    /// Extra earn rates for products or collections; a line takes the highest that matches.
    #[serde(default)]
    pub multipliers: Vec<Multiplier>,
    /// Days an order's points stay pending (the return window) before they can be spent.
    #[serde(default)]
    pub return_window_days: i64,
    /// Days after which unspent points expire; none means they never do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_after_days: Option<i64>,
}

/// `points` for every `per` minor units spent in `currency`: `{ "points": 1, "per": 100 }`
/// is one point per euro.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct EarnRate {
    pub currency: Currency,
    pub points: i64,
    pub per: i64,
}

/// Lines of the listed products or collections earn `percent` % of the base
/// rate; with `segment`, only for members of that segment.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct Multiplier {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default = "hundred")]
    pub percent: i64,
    #[serde(default)]
    pub products: Vec<String>,
    #[serde(default)]
    pub collections: Vec<String>,
    /// The id of the segment the multiplier is aimed at; none: everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
}

/// Longest return window or expiry: 100 years.
pub const MAX_DAYS: i64 = 36_500;

impl EarningRules {
    /// Records every problem in `errors`, with paths under `program.earning`.
    pub fn check(&self, errors: &mut InputError) {
        for (index, rate) in self.rates.iter().enumerate() {
            let path = |field: &str| format!("program.earning.rates[{index}].{field}");
            errors.require((0..=1_000_000).contains(&rate.points), || path("points"), "must be from 0 to 1000000");
            errors.require(
                (1..=1_000_000_000).contains(&rate.per),
                || path("per"),
                "must be from 1 to 1000000000 (minor units)",
            );
            let twice = self.rates[..index].iter().any(|other| other.currency == rate.currency);
            errors.require(!twice, || path("currency"), format!("{} has a rate already", rate.currency));
        }
        for (list, values) in
            [("excludedProducts", &self.excluded_products), ("excludedCollections", &self.excluded_collections)]
        {
            for (index, value) in values.iter().enumerate() {
                errors.require(
                    !value.trim().is_empty(),
                    || format!("program.earning.{list}[{index}]"),
                    "must not be empty",
                );
            }
        }
        for (index, multiplier) in self.multipliers.iter().enumerate() {
            let path = |field: &str| format!("program.earning.multipliers[{index}].{field}");
            errors.require(!multiplier.id.trim().is_empty(), || path("id"), "must not be empty");
            let twice = self.multipliers[..index].iter().any(|other| other.id == multiplier.id);
            errors.require(!twice, || path("id"), "is used by another multiplier");
            errors.require((101..=MAX_PERCENT).contains(&multiplier.percent), || path("percent"), MULTIPLIER_RANGE);
            errors.require(
                !(multiplier.products.is_empty() && multiplier.collections.is_empty()),
                || path("products"),
                "list at least one product or collection",
            );
        }
        errors.require(
            (0..=MAX_DAYS).contains(&self.return_window_days),
            || "program.earning.returnWindowDays".into(),
            RETURN_WINDOW_RANGE,
        );
        if let Some(days) = self.expires_after_days {
            errors.require(
                (1..=MAX_DAYS).contains(&days) && days > self.return_window_days,
                || "program.earning.expiresAfterDays".into(),
                EXPIRY_RANGE,
            );
        }
    }

    /// The base rate for carts in `currency`, if the program has one.
    pub fn rate_for(&self, currency: Currency) -> Option<&EarnRate> {
        self.rates.iter().find(|rate| rate.currency == currency)
    }
}

/// What an order earns: the total and the line per rule that makes it up.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Earn {
    /// The sum of the lines' points.
    pub total: i64,
    /// Spend that earns points (minor units of the cart): lines other than gift
    /// cards and excluded products or collections; never shipping or tax.
    pub eligible_spend: i64,
    /// One line per rule that adds points, in a fixed order: base, tier,
    /// multipliers, campaigns, offers (each in program order), then campaign
    /// bonuses. Rules that add 0 are left out.
    pub lines: Vec<EarnLine>,
}

/// Points from one rule. `rule` is stable, so the host records one earn per
/// (order, rule): `"spend"`, `"tier:<id>"`, `"multiplier:<id>"`,
/// `"campaign:<id>"`, `"offer:<id>"`, `"campaign:<id>:bonus"`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EarnLine {
    pub rule: String,
    pub kind: EarnKind,
    /// The merchant's name for the rule (the tier's name for `tier`); empty for `spend`.
    pub name: String,
    pub points: i64,
}

/// What kind of rule an [`EarnLine`] comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EarnKind {
    Spend,
    Tier,
    Multiplier,
    Campaign,
    CampaignBonus,
    Offer,
}

/// The points `cart` earns at `now` for a member of `tier` (or a guest) who is
/// in `segments` (ids; none for a guest).
///
/// Monotonic: adding a line or raising a quantity never lowers any line.
pub fn points_for_cart(
    program: &Program,
    cart: &Cart,
    tier: Option<&TierLevel>,
    segments: &[&str],
    now: Timestamp,
) -> Earn {
    let rules = &program.earning;
    let active: Vec<&Campaign> =
        program.campaigns.iter().filter(|c| c.is_active(now, tier.map(|t| t.id.as_str()), segments)).collect();
    let offers: Vec<&Offer> = program.offers.iter().filter(|offer| offer.is_active(now, segments)).collect();
    let mut eligible_spend: i64 = 0;
    let mut by_multiplier = vec![0_i64; rules.multipliers.len()];
    let mut by_campaign = vec![0_i64; active.len()];
    let mut by_offer = vec![0_i64; offers.len()];
    for line in &cart.lines {
        if line.gift_card || line.is_in(&rules.excluded_products, &rules.excluded_collections) {
            continue;
        }
        let total = line.unit_price.saturating_mul(line.quantity);
        eligible_spend = eligible_spend.saturating_add(total);
        let best = rules
            .multipliers
            .iter()
            .enumerate()
            .filter(|(_, m)| targets(m.segment.as_deref(), segments) && line.is_in(&m.products, &m.collections))
            .max_by_key(|(index, m)| (m.percent, std::cmp::Reverse(*index)));
        if let Some((index, _)) = best {
            by_multiplier[index] = by_multiplier[index].saturating_add(total);
        }
        for (campaign, sum) in active.iter().zip(by_campaign.iter_mut()) {
            if campaign.covers(line) {
                *sum = sum.saturating_add(total);
            }
        }
        for (offer, sum) in offers.iter().zip(by_offer.iter_mut()) {
            if offer.covers(line) {
                *sum = sum.saturating_add(total);
            }
        }
    }

    let mut earn = Earn { eligible_spend, ..Earn::default() };
    let mut add = |rule: String, kind: EarnKind, name: &str, points: i64| {
        if points > 0 {
            earn.total = earn.total.saturating_add(points);
            earn.lines.push(EarnLine { rule, kind, name: name.to_owned(), points });
        }
    };
    if let Some(rate) = rules.rate_for(cart.currency) {
        let extra =
            |amount: i64, percent: i64| scale(amount, rate.points * (percent - 100), rate.per * 100, rules.rounding);
        add("spend".into(), EarnKind::Spend, "", scale(eligible_spend, rate.points, rate.per, rules.rounding));
        if let Some(tier) = tier.filter(|tier| tier.earn_percent > 100) {
            add(format!("tier:{}", tier.id), EarnKind::Tier, &tier.name, extra(eligible_spend, tier.earn_percent));
        }
        for (multiplier, amount) in rules.multipliers.iter().zip(&by_multiplier) {
            let points = extra(*amount, multiplier.percent);
            add(format!("multiplier:{}", multiplier.id), EarnKind::Multiplier, &multiplier.name, points);
        }
        for (campaign, amount) in active.iter().zip(&by_campaign) {
            if campaign.percent > 100 {
                let points = extra(*amount, campaign.percent);
                add(format!("campaign:{}", campaign.id), EarnKind::Campaign, &campaign.name, points);
            }
        }
        for (offer, amount) in offers.iter().zip(&by_offer) {
            add(format!("offer:{}", offer.id), EarnKind::Offer, &offer.name, extra(*amount, offer.percent));
        }
    }
    for campaign in &active {
        if campaign.bonus_points > 0 && reaches_minimum(program, cart, eligible_spend, campaign.minimum_spend) {
            let rule = format!("campaign:{}:bonus", campaign.id);
            add(rule, EarnKind::CampaignBonus, &campaign.name, campaign.bonus_points);
        }
    }
    earn
}

/// Whether `eligible_spend` reaches a minimum set in the program currency. A cart
/// in another currency only reaches a minimum of 0.
pub fn reaches_minimum(program: &Program, cart: &Cart, eligible_spend: i64, minimum: i64) -> bool {
    minimum == 0 || (cart.currency == program.currency && eligible_spend >= minimum)
}

// The problems with the earning rules' numbers, worded once: checking a
// sound program (every quote does) builds no text.
const MULTIPLIER_RANGE: &str = "must be from 101 to 10000 (200 = double points)";
const RETURN_WINDOW_RANGE: &str = "must be from 0 to 36500";
const EXPIRY_RANGE: &str = "must be from 1 to 36500 and longer than returnWindowDays";

#[cfg(test)]
mod tests {
    use super::*;

    fn program(extra: &str) -> Program {
        let json = format!(
            r#"{{"version":1,"currency":"EUR","earning":{{"rates":[{{"currency":"EUR","points":1,"per":100}}],
                "excludedProducts":["wrap"],"multipliers":[{{"id":"coffee","name":"Coffee x2","percent":200,"collections":["coffee"]}},
                {{"id":"beans","name":"Beans x3","percent":300,"products":["beans"]}}]{extra}}}}}"#
        );
        serde_json::from_str::<Program>(&json).unwrap().validated().unwrap()
    }

    fn cart(lines: &str) -> Cart {
        serde_json::from_str(&format!(r#"{{"currency":"EUR","shipping":490,"tax":300,"lines":[{lines}]}}"#)).unwrap()
    }

    fn now() -> Timestamp {
        Timestamp::parse("2025-06-01T12:00:00Z").unwrap()
    }

    #[test]
    fn the_range_problems_name_the_limits() {
        assert_eq!(MULTIPLIER_RANGE, format!("must be from 101 to {MAX_PERCENT} (200 = double points)"));
        assert_eq!(RETURN_WINDOW_RANGE, format!("must be from 0 to {MAX_DAYS}"));
        assert_eq!(EXPIRY_RANGE, format!("must be from 1 to {MAX_DAYS} and longer than returnWindowDays"));
    }

    #[test]
    fn base_rate_skips_gift_cards_exclusions_shipping_and_tax() {
        let earn = points_for_cart(
            &program(""),
            &cart(
                r#"{"productId":"mug","quantity":2,"unitPrice":1299},{"productId":"wrap","quantity":1,"unitPrice":500},{"productId":"card","quantity":1,"unitPrice":5000,"giftCard":true}"#,
            ),
            None,
            &[],
            now(),
        );
        assert_eq!((earn.eligible_spend, earn.total), (2598, 25));
        assert_eq!(earn.lines.len(), 1);
    }

    #[test]
    fn a_line_takes_its_highest_multiplier_only() {
        let earn = points_for_cart(
            &program(""),
            &cart(
                r#"{"productId":"beans","quantity":1,"unitPrice":1000,"collections":["coffee"]},{"productId":"cup","quantity":1,"unitPrice":1000,"collections":["coffee"]}"#,
            ),
            None,
            &[],
            now(),
        );
        let lines: Vec<(&str, i64)> = earn.lines.iter().map(|l| (l.rule.as_str(), l.points)).collect();
        assert_eq!(lines, [("spend", 20), ("multiplier:coffee", 10), ("multiplier:beans", 20)]);
        assert_eq!(earn.total, 50);
    }

    #[test]
    fn rounding_mode_applies_per_line() {
        let basket = cart(r#"{"productId":"mug","quantity":1,"unitPrice":1950}"#);
        assert_eq!(points_for_cart(&program(""), &basket, None, &[], now()).total, 19);
        assert_eq!(points_for_cart(&program(r#","rounding":"nearest""#), &basket, None, &[], now()).total, 20);
        assert_eq!(points_for_cart(&program(r#","rounding":"up""#), &basket, None, &[], now()).total, 20);
    }

    #[test]
    fn a_cart_in_a_currency_without_a_rate_earns_nothing() {
        let chf: Cart =
            serde_json::from_str(r#"{"currency":"CHF","lines":[{"productId":"a","quantity":1,"unitPrice":9999}]}"#)
                .unwrap();
        let earn = points_for_cart(&program(""), &chf, None, &[], now());
        assert_eq!((earn.total, earn.eligible_spend), (0, 9999));
    }
}
