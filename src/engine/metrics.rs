//! Metrics for the merchant: retention, repeat purchases, redemption,
//! outstanding points and breakage, for a period or month by month.
//!
//! Rates are exact fractions, never floats: a [`Rate`] carries its numerator
//! and denominator, and for display its value in basis points (1 % = 100 bp),
//! rounded toward negative infinity.

use super::ledger::{Change, Entry};
use super::money::{scale, Rounding};
use super::program::Program;
use super::time::{Date, Timestamp};
use serde::{Deserialize, Serialize};

/// `numerator / denominator`, with its value in basis points for display.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rate {
    pub numerator: i64,
    pub denominator: i64,
    /// The rate × 10 000, rounded down: 0.4567 → 4567 (45.67 %).
    pub basis_points: i64,
}

impl Rate {
    /// The rate, or `None` for a zero or negative denominator (no customers, no points).
    pub fn new(numerator: i64, denominator: i64) -> Option<Rate> {
        (denominator > 0).then(|| Rate {
            numerator,
            denominator,
            basis_points: scale(numerator, 10_000, denominator, Rounding::Down),
        })
    }
}

/// One customer's history as the host stores it: order instants and ledger entries.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomerHistory {
    /// When each paid order was placed.
    pub orders: Vec<Timestamp>,
    pub entries: Vec<Entry>,
}

impl CustomerHistory {
    /// A customer "counts" at `at` if they have ordered before it and their last
    /// order before it is less than `lapsed_after_days` old (they have not lapsed).
    fn is_active(&self, at: Timestamp, lapsed_after_days: i64) -> bool {
        self.orders
            .iter()
            .filter(|order| **order < at)
            .max()
            .is_some_and(|last| at.days_since(*last) < lapsed_after_days)
    }

    fn first_order(&self) -> Option<Timestamp> {
        self.orders.iter().min().copied()
    }

    fn orders_before(&self, at: Timestamp) -> usize {
        self.orders.iter().filter(|order| **order < at).count()
    }

    fn points(&self, from: Option<Timestamp>, until: Timestamp, kind: fn(&Change) -> i64) -> i64 {
        self.entries
            .iter()
            .filter(|entry| from.is_none_or(|from| entry.at >= from) && entry.at < until)
            .map(|entry| kind(&entry.change))
            .fold(0, i64::saturating_add)
    }
}

fn earned(change: &Change) -> i64 {
    match change {
        Change::Earn { points, .. } => *points,
        Change::Reverse { points, .. } => -points,
        _ => 0,
    }
}

fn redeemed(change: &Change) -> i64 {
    if let Change::Redeem { points, .. } = change {
        *points
    } else {
        0
    }
}

fn expired(change: &Change) -> i64 {
    if let Change::Expire { points, .. } = change {
        *points
    } else {
        0
    }
}

/// The metrics of one period `[from, to]` (whole UTC days).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodMetrics {
    pub from: Date,
    pub to: Date,
    /// S: customers (ordered, not lapsed) at the start of the period.
    pub customers_at_start: i64,
    /// E: customers at the end of the period.
    pub customers_at_end: i64,
    /// N: customers whose first order falls in the period.
    pub new_customers: i64,
    /// Retention rate (E − N) / S; `null` when S is 0.
    pub retention: Option<Rate>,
    /// Of the customers who ordered by the end, the share with two orders or more.
    pub repeat_purchase: Option<Rate>,
    /// Points earned in the period, net of reversals.
    pub points_earned: i64,
    pub points_redeemed: i64,
    pub points_expired: i64,
    /// All points redeemed / all points earned (net), up to the end of the period.
    pub redemption_rate: Option<Rate>,
    /// Breakage: all points expired / all points earned (net), up to the end.
    pub breakage: Option<Rate>,
    /// Points held by members at the end (negative balances count as 0).
    pub outstanding_points: i64,
    /// What the outstanding points are worth in minor units of the program
    /// currency at the most generous amount-off rate; `null` without one.
    pub liability: Option<i64>,
}

/// The metrics of `customers` for the days `from` to `to`, both included.
///
/// ```
/// use treu::engine::metrics::{period, CustomerHistory};
/// use treu::engine::time::{Date, Timestamp};
/// let program = serde_json::from_str(r#"{"version":1,"currency":"EUR"}"#).unwrap();
/// let order = |text| vec![Timestamp::parse(text).unwrap()];
/// let customers = [
///     CustomerHistory { orders: order("2025-01-10T00:00:00Z"), entries: vec![] },
///     CustomerHistory { orders: order("2025-03-05T00:00:00Z"), entries: vec![] },
/// ];
/// let march = period(&customers, &program, Date::parse("2025-03-01").unwrap(), Date::parse("2025-03-31").unwrap());
/// // S = 1 (the January customer), E = 2, N = 1: (2 − 1) / 1 = 100 %.
/// assert_eq!(march.retention.unwrap().basis_points, 10_000);
/// ```
pub fn period(customers: &[CustomerHistory], program: &Program, from: Date, to: Date) -> PeriodMetrics {
    let (start, end) = (from.start(), to.plus_days(1).start());
    let lapsed = program.lifecycle.lapsed_after_days;
    let count = |keep: &dyn Fn(&CustomerHistory) -> bool| customers.iter().filter(|c| keep(c)).count() as i64;
    let customers_at_start = count(&|c| c.is_active(start, lapsed));
    let customers_at_end = count(&|c| c.is_active(end, lapsed));
    let new_customers = count(&|c| c.first_order().is_some_and(|first| start <= first && first < end));
    let ordered = count(&|c| c.orders_before(end) >= 1);
    let repeated = count(&|c| c.orders_before(end) >= 2);
    let sum = |from: Option<Timestamp>, kind: fn(&Change) -> i64| {
        customers.iter().map(|c| c.points(from, end, kind)).fold(0, i64::saturating_add)
    };
    let (earned_to_date, redeemed_to_date, expired_to_date) =
        (sum(None, earned), sum(None, redeemed), sum(None, expired));
    let outstanding_points =
        customers.iter().map(|c| c.points(None, end, |change| change.delta()).max(0)).fold(0, i64::saturating_add);
    PeriodMetrics {
        from,
        to,
        customers_at_start,
        customers_at_end,
        new_customers,
        retention: Rate::new(customers_at_end - new_customers, customers_at_start),
        repeat_purchase: Rate::new(repeated, ordered),
        points_earned: sum(Some(start), earned),
        points_redeemed: sum(Some(start), redeemed),
        points_expired: sum(Some(start), expired),
        redemption_rate: Rate::new(redeemed_to_date, earned_to_date),
        breakage: Rate::new(expired_to_date, earned_to_date),
        outstanding_points,
        liability: program
            .point_value()
            .map(|(amount, points)| scale(outstanding_points, amount, points, Rounding::Down)),
    }
}

/// The most months one series covers: 100 years.
pub const MAX_MONTHS: u32 = 1200;

/// [`period`] for each calendar month from the month of `from` to the month of
/// `to`, for charts (at most [`MAX_MONTHS`]).
pub fn monthly(customers: &[CustomerHistory], program: &Program, from: Date, to: Date) -> Vec<PeriodMetrics> {
    let mut series = Vec::new();
    let mut month = from.first_of_month();
    while month <= to && series.len() < MAX_MONTHS as usize {
        let next = month.first_of_next_month();
        if next == month {
            break;
        }
        series.push(period(customers, program, month, next.plus_days(-1)));
        month = next;
    }
    series
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ledger::{Ledger, Policy, Request};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn program() -> Program {
        serde_json::from_str(
            r#"{"version":1,"currency":"EUR","lifecycle":{"atRiskAfterDays":30,"lapsedAfterDays":60},
                "redemptions":[{"id":"5-off","kind":"amountOff","points":500,"amount":500}]}"#,
        )
        .unwrap()
    }

    fn history(orders: &[&str], requests: &[(&str, Request)]) -> CustomerHistory {
        let mut ledger = Ledger::new();
        let policy = Policy { return_window_days: 0, expires_after_days: Some(40) };
        for (index, (when, request)) in requests.iter().enumerate() {
            ledger.apply(&policy, &format!("k{index}"), at(when), request.clone()).unwrap();
        }
        CustomerHistory { orders: orders.iter().map(|o| at(o)).collect(), entries: ledger.entries().to_vec() }
    }

    #[test]
    fn retention_is_e_minus_n_over_s() {
        let customers = [
            history(&["2025-01-05T00:00:00Z", "2025-02-10T00:00:00Z"], &[]), // active all February
            history(&["2024-12-20T00:00:00Z"], &[]),                         // active on Feb 1, lapsed by Mar 1
            history(&["2025-02-14T00:00:00Z"], &[]),                         // new in February
        ];
        let february = period(&customers, &program(), date("2025-02-01"), date("2025-02-28"));
        assert_eq!((february.customers_at_start, february.customers_at_end, february.new_customers), (2, 2, 1));
        assert_eq!(february.retention, Rate::new(1, 2));
        assert_eq!(february.retention.unwrap().basis_points, 5000);
        assert_eq!(february.repeat_purchase.unwrap().basis_points, 3333);
    }

    #[test]
    fn points_flows_breakage_and_liability() {
        let earn = |points| Request::Earn { order: Some("o".into()), rule: "spend".into(), points };
        let customers = [history(
            &["2025-01-05T00:00:00Z"],
            &[
                ("2025-01-05T00:00:00Z", earn(1000)),
                ("2025-01-20T00:00:00Z", Request::Redeem { option: "5-off".into(), points: 500 }),
                ("2025-03-01T00:00:00Z", Request::ExpireDue),
            ],
        )];
        let series = monthly(&customers, &program(), date("2025-01-15"), date("2025-03-02"));
        let months: Vec<String> = series.iter().map(|m| m.from.to_string()).collect();
        assert_eq!(months, ["2025-01-01", "2025-02-01", "2025-03-01"]);
        let (january, march) = (&series[0], &series[2]);
        assert_eq!((january.points_earned, january.points_redeemed, january.outstanding_points), (1000, 500, 500));
        assert_eq!(january.liability, Some(500));
        assert_eq!(january.redemption_rate.unwrap().basis_points, 5000);
        assert_eq!(
            (march.points_expired, march.outstanding_points, march.breakage.unwrap().basis_points),
            (500, 0, 5000)
        );
        assert_eq!(Rate::new(1, 0), None);
    }
}
