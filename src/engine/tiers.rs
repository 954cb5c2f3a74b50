//! Tiers (VIP levels): who qualifies, what they get, and how far the next one is.

use super::campaigns::{hundred, MAX_PERCENT};
use super::customer::PastOrder;
use super::error::InputError;
use super::money::divide_wide;
use super::time::{Date, Timestamp};
use serde::{Deserialize, Serialize};

/// The VIP levels, what qualifies for them and over which period.
///
/// A member holds the highest level whose `threshold` their qualifying total
/// reaches. With `calendarYear`, a level reached in one year is kept through
/// the next (re-qualification at the end of each year); with `rolling`, the
/// total is over the last `rollingDays` days and a level is lost as soon as it
/// falls below; with `lifetime`, a level is never lost.
///
/// ```json
/// { "basis": "spend", "period": "calendarYear", "levels": [
///     { "id": "silver", "name": "Silver", "threshold": 20000, "earnPercent": 125 },
///     { "id": "gold", "name": "Gold", "threshold": 50000, "earnPercent": 150, "earlyAccess": true } ] }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct TierRules {
    pub basis: TierBasis,
    pub period: TierPeriod,
    /// Length of the window for `rolling`; required there, not allowed otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rolling_days: Option<i64>,
    /// From lowest to highest threshold.
    pub levels: Vec<TierLevel>,
}

/// What counts toward a tier.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TierBasis {
    /// Points earned from orders (net of reversals); redeeming does not lower it.
    PointsEarned,
    /// Eligible spend in minor units of the program currency.
    Spend,
}

/// Over which period the qualifying total is counted.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TierPeriod {
    CalendarYear,
    Rolling,
    Lifetime,
}

/// One level and its perks. A free-shipping threshold for the level is set in
/// `freeShipping.thresholds` with `"tier": "<id>"`.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct TierLevel {
    pub id: String,
    pub name: String,
    /// Qualifying total needed (points, or minor units of spend).
    pub threshold: i64,
    /// Earn rate for members, in percent of the base rate; 150 = ×1.5.
    #[serde(default = "hundred")]
    pub earn_percent: i64,
    /// Members see new products and sales early.
    #[serde(default)]
    pub early_access: bool,
}

impl TierRules {
    /// Records every problem in `errors`, with paths under `program.tiers`.
    pub fn check(&self, errors: &mut InputError) {
        let rolling_ok = match (self.period, self.rolling_days) {
            (TierPeriod::Rolling, Some(days)) => (1..=36_500).contains(&days),
            (TierPeriod::Rolling, None) => false,
            (_, days) => days.is_none(),
        };
        errors.require(
            rolling_ok,
            || "program.tiers.rollingDays".into(),
            "rolling needs rollingDays from 1 to 36500; other periods take none",
        );
        errors.require(!self.levels.is_empty(), || "program.tiers.levels".into(), "list at least one level");
        for (index, level) in self.levels.iter().enumerate() {
            let path = |field: &str| format!("program.tiers.levels[{index}].{field}");
            errors.require(!level.id.trim().is_empty(), || path("id"), "must not be empty");
            errors.require(
                !self.levels[..index].iter().any(|l| l.id == level.id),
                || path("id"),
                "is used by another level",
            );
            errors.require(!level.name.trim().is_empty(), || path("name"), "must not be empty");
            let above_previous = index == 0 || level.threshold > self.levels[index - 1].threshold;
            errors.require(
                level.threshold >= 0 && above_previous,
                || path("threshold"),
                "must not be negative and must be above the previous level's",
            );
            errors.require(
                (100..=MAX_PERCENT).contains(&level.earn_percent),
                || path("earnPercent"),
                EARN_PERCENT_RANGE,
            );
        }
    }

    /// The level with `id`.
    pub fn level(&self, id: &str) -> Option<&TierLevel> {
        self.levels.iter().find(|level| level.id == id)
    }

    /// How many levels a qualifying total of `total` reaches (0: none).
    fn reached(&self, total: i64) -> usize {
        self.levels.iter().take_while(|level| level.threshold <= total).count()
    }

    /// The qualifying total of `orders` placed in `[from, until)`.
    pub fn qualifying_total(&self, orders: &[PastOrder], from: Option<Timestamp>, until: Timestamp) -> i64 {
        orders
            .iter()
            .filter(|order| from.is_none_or(|from| order.placed_at >= from) && order.placed_at < until)
            .map(|order| match self.basis {
                TierBasis::PointsEarned => order.points,
                TierBasis::Spend => order.spend,
            })
            .fold(0, i64::saturating_add)
    }

    /// Where a member with `orders` stands at `now`, before the cart being quoted
    /// (see [`TierStatus::with_cart`]).
    pub fn status(&self, orders: &[PastOrder], now: Timestamp) -> TierStatus {
        let after_now = now.plus_seconds(1);
        let (window_start, held, period_ends_at) = match self.period {
            TierPeriod::Lifetime => (None, 0, None),
            TierPeriod::Rolling => (Some(now.plus_days(-self.rolling_days.unwrap_or(365))), 0, None),
            TierPeriod::CalendarYear => {
                let this_year = now.date().first_of_year();
                let last_year = Date::new(this_year.year() - 1, 1, 1).unwrap_or(this_year);
                let next_year = Date::new(this_year.year() + 1, 1, 1).map(Date::start);
                let last_total = self.qualifying_total(orders, Some(last_year.start()), this_year.start());
                (Some(this_year.start()), self.reached(last_total), next_year)
            }
        };
        let qualifying = self.qualifying_total(orders, window_start, after_now);
        let reached = self.reached(qualifying).max(held);
        let current = reached.checked_sub(1).and_then(|index| self.levels.get(index));
        let next = self.levels.get(reached);
        let remaining = next.map_or(0, |next| (next.threshold - qualifying).max(0));
        let progress_permille = match next {
            Some(next) if next.threshold > 0 => {
                divide_wide(i128::from(qualifying.max(0)) * 1000, i128::from(next.threshold)).min(999) as u16
            }
            _ => 1000,
        };
        TierStatus {
            basis: self.basis,
            period: self.period,
            current: current.map(|level| CurrentTier {
                id: level.id.clone(),
                name: level.name.clone(),
                earn_percent: level.earn_percent,
                early_access: level.early_access,
            }),
            next: next.map(|level| NextTier {
                id: level.id.clone(),
                name: level.name.clone(),
                threshold: level.threshold,
            }),
            qualifying,
            remaining,
            progress_permille,
            cart_adds: 0,
            reaches_next_with_cart: false,
            period_ends_at,
        }
    }
}

impl TierStatus {
    /// The same standing, noting that the cart would add `cart_adds` to the total.
    pub fn with_cart(mut self, cart_adds: i64) -> TierStatus {
        self.cart_adds = cart_adds;
        self.reaches_next_with_cart = self.next.is_some() && cart_adds >= self.remaining;
        self
    }
}

/// A member's tier standing, as the quote shows it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierStatus {
    pub basis: TierBasis,
    pub period: TierPeriod,
    /// The level held now, if any.
    pub current: Option<CurrentTier>,
    /// The level above it, if any.
    pub next: Option<NextTier>,
    /// Points earned or spend (minor units) counted in the current period.
    pub qualifying: i64,
    /// How much more `qualifying` needs to reach `next`; 0 without a next level.
    pub remaining: i64,
    /// `qualifying` toward `next` in thousandths, rounded down (1000 without a next level).
    pub progress_permille: u16,
    /// What this cart adds to `qualifying` once paid (its points or its eligible spend).
    pub cart_adds: i64,
    /// Whether this cart alone would reach `next`.
    pub reaches_next_with_cart: bool,
    /// For `calendarYear`: when the period ends and levels are re-qualified.
    pub period_ends_at: Option<Timestamp>,
}

/// The level a member holds, with its perks.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrentTier {
    pub id: String,
    pub name: String,
    pub earn_percent: i64,
    pub early_access: bool,
}

/// The level a member can reach next.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextTier {
    pub id: String,
    pub name: String,
    pub threshold: i64,
}

/// The problem with a level's earn percent, worded once: checking a sound
/// program (every quote does) builds no text.
const EARN_PERCENT_RANGE: &str = "must be from 100 to 10000";

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(period: &str) -> TierRules {
        serde_json::from_str(&format!(
            r#"{{"basis":"spend","period":"{period}",{}"levels":[
                {{"id":"silver","name":"Silver","threshold":20000,"earnPercent":125}},
                {{"id":"gold","name":"Gold","threshold":50000,"earnPercent":150,"earlyAccess":true}}]}}"#,
            if period == "rolling" { r#""rollingDays":90,"# } else { "" }
        ))
        .unwrap()
    }

    fn order(at: &str, spend: i64) -> PastOrder {
        PastOrder {
            id: at.into(),
            placed_at: Timestamp::parse(at).unwrap(),
            spend,
            points: spend / 100,
            products: Vec::new(),
            collections: Vec::new(),
        }
    }

    #[test]
    fn the_earn_percent_problem_names_the_limit() {
        assert_eq!(EARN_PERCENT_RANGE, format!("must be from 100 to {MAX_PERCENT}"));
    }

    #[test]
    fn calendar_year_keeps_last_years_level() {
        let orders = [order("2024-05-01T00:00:00Z", 60000), order("2025-02-01T00:00:00Z", 25000)];
        let status = rules("calendarYear").status(&orders, Timestamp::parse("2025-06-01T00:00:00Z").unwrap());
        assert_eq!(status.current.unwrap().id, "gold");
        assert_eq!((status.qualifying, status.next, status.remaining), (25000, None, 0));
        let next_year = rules("calendarYear").status(&orders, Timestamp::parse("2026-01-01T00:00:00Z").unwrap());
        assert_eq!(next_year.current.unwrap().id, "silver");
        assert_eq!((next_year.qualifying, next_year.remaining, next_year.progress_permille), (0, 50000, 0));
    }

    #[test]
    fn rolling_window_forgets_old_orders() {
        let orders = [order("2025-01-01T00:00:00Z", 30000), order("2025-05-01T00:00:00Z", 5000)];
        let status =
            rules("rolling").status(&orders, Timestamp::parse("2025-06-01T00:00:00Z").unwrap()).with_cart(15000);
        assert!(status.current.is_none());
        assert_eq!((status.remaining, status.progress_permille, status.reaches_next_with_cart), (15000, 250, true));
    }

    #[test]
    fn levels_must_climb() {
        let mut rules = rules("lifetime");
        rules.levels[1].threshold = 20000;
        rules.rolling_days = Some(3);
        let mut errors = InputError::default();
        rules.check(&mut errors);
        let paths: Vec<&str> = errors.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["program.tiers.rollingDays", "program.tiers.levels[1].threshold"]);
    }
}
