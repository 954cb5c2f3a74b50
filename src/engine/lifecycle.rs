//! Lifecycle: where a customer is in their relationship with the shop, and the
//! win-back offer that greets a lapsed customer who comes back.

use super::customer::PastOrder;
use super::discount::Discount;
use super::error::InputError;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Windows that place a customer in a stage, and the win-back offer.
///
/// ```json
/// { "atRiskAfterDays": 90, "lapsedAfterDays": 180,
///   "winBack": { "name": "Welcome back: 15 % off", "discount": { "kind": "percentOff", "percent": 15 }, "validDays": 14 } }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct LifecycleRules {
    /// Days without an order after which a customer is at risk.
    #[serde(default = "default_at_risk")]
    pub at_risk_after_days: i64,
    /// Days without an order after which a customer has lapsed.
    #[serde(default = "default_lapsed")]
    pub lapsed_after_days: i64,
    /// The offer shown to a lapsed customer; none means no offer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub win_back: Option<WinBack>,
}

pub(crate) fn default_at_risk() -> i64 {
    90
}

pub(crate) fn default_lapsed() -> i64 {
    180
}

impl Default for LifecycleRules {
    fn default() -> Self {
        LifecycleRules { at_risk_after_days: default_at_risk(), lapsed_after_days: default_lapsed(), win_back: None }
    }
}

/// A discount for lapsed customers, valid for `validDays` from when it is issued.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct WinBack {
    #[serde(default)]
    pub name: String,
    pub discount: Discount,
    #[serde(default = "default_valid_days")]
    pub valid_days: i64,
}

pub(crate) fn default_valid_days() -> i64 {
    14
}

/// A customer's stage.
///
/// - `prospect`: no order yet;
/// - `new`: one order, placed within `atRiskAfterDays`;
/// - `repeat`: two or more orders, the last within `atRiskAfterDays`;
/// - `atRisk`: the last order is `atRiskAfterDays` old or older;
/// - `lapsed`: the last order is `lapsedAfterDays` old or older.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Stage {
    Prospect,
    New,
    Repeat,
    AtRisk,
    Lapsed,
}

impl LifecycleRules {
    /// Records every problem in `errors`, with paths under `program.lifecycle`.
    pub fn check(&self, errors: &mut InputError) {
        errors.require(
            (1..=36_500).contains(&self.at_risk_after_days),
            || "program.lifecycle.atRiskAfterDays".into(),
            "must be from 1 to 36500",
        );
        errors.require(
            self.lapsed_after_days > self.at_risk_after_days && self.lapsed_after_days <= 36_500,
            || "program.lifecycle.lapsedAfterDays".into(),
            "must be longer than atRiskAfterDays and at most 36500",
        );
        if let Some(win_back) = &self.win_back {
            win_back.discount.check("program.lifecycle.winBack.discount", errors);
            errors.require(
                (1..=3650).contains(&win_back.valid_days),
                || "program.lifecycle.winBack.validDays".into(),
                "must be from 1 to 3650",
            );
        }
    }

    /// The stage of a customer with `orders` at `now`; orders after `now` do not count.
    pub fn stage(&self, orders: &[PastOrder], now: Timestamp) -> Stage {
        let placed = orders.iter().filter(|order| order.placed_at <= now);
        let (count, last) = placed.fold((0_usize, None), |(count, last): (usize, Option<Timestamp>), order| {
            (count + 1, Some(last.map_or(order.placed_at, |last| last.max(order.placed_at))))
        });
        self.stage_of(count, last, now)
    }

    /// The stage at `now` of a customer with `count` orders, the last at `last`.
    pub fn stage_of(&self, count: usize, last: Option<Timestamp>, now: Timestamp) -> Stage {
        let Some(last) = last else { return Stage::Prospect };
        let idle_days = now.days_since(last);
        if idle_days >= self.lapsed_after_days {
            Stage::Lapsed
        } else if idle_days >= self.at_risk_after_days {
            Stage::AtRisk
        } else if count == 1 {
            Stage::New
        } else {
            Stage::Repeat
        }
    }

    /// The win-back offer for a customer in `stage`, priced on a cart with
    /// `goods` and `shipping` (minor units): only lapsed customers get one.
    pub fn win_back_offer(&self, stage: Stage, goods: i64, shipping: i64) -> Option<WinBackOffer> {
        let win_back = self.win_back.as_ref().filter(|_| stage == Stage::Lapsed)?;
        let value = win_back.discount.value(goods, shipping);
        Some(WinBackOffer {
            name: win_back.name.clone(),
            discount: win_back.discount.clone(),
            valid_days: win_back.valid_days,
            applies_to_cart: goods >= win_back.discount.minimum_spend,
            value,
        })
    }
}

/// The win-back offer as the quote shows it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WinBackOffer {
    pub name: String,
    pub discount: Discount,
    pub valid_days: i64,
    /// Whether this cart meets the discount's minimum spend.
    pub applies_to_cart: bool,
    /// What the discount takes off this cart, in minor units.
    pub value: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(at: &str) -> PastOrder {
        PastOrder {
            id: at.into(),
            placed_at: Timestamp::parse(at).unwrap(),
            spend: 1000,
            points: 10,
            products: Vec::new(),
            collections: Vec::new(),
        }
    }

    #[test]
    fn stages_follow_the_windows() {
        let rules = LifecycleRules::default();
        let now = Timestamp::parse("2025-06-30T00:00:00Z").unwrap();
        assert_eq!(rules.stage(&[], now), Stage::Prospect);
        assert_eq!(rules.stage(&[order("2025-06-01T00:00:00Z")], now), Stage::New);
        assert_eq!(rules.stage(&[order("2025-05-01T00:00:00Z"), order("2025-06-01T00:00:00Z")], now), Stage::Repeat);
        assert_eq!(rules.stage(&[order("2025-04-01T00:00:00Z")], now), Stage::AtRisk);
        assert_eq!(rules.stage(&[order("2025-01-01T00:00:00Z")], now), Stage::Lapsed);
        assert_eq!(rules.stage(&[order("2025-07-01T00:00:00Z")], now), Stage::Prospect);
    }

    #[test]
    fn only_lapsed_customers_get_the_offer() {
        let rules: LifecycleRules = serde_json::from_str(
            r#"{"winBack":{"name":"Welcome back","discount":{"kind":"percentOff","percent":15,"minimumSpend":2000}}}"#,
        )
        .unwrap();
        assert!(rules.win_back_offer(Stage::AtRisk, 5000, 0).is_none());
        let offer = rules.win_back_offer(Stage::Lapsed, 5000, 0).unwrap();
        assert_eq!((offer.value, offer.applies_to_cart, offer.valid_days), (750, true, 14));
    }
}
