//! The merchant's overview report: members, points, lifecycle stages (with
//! customers won back), the referral funnel, and the revenue of members and
//! guests, for a period of whole UTC days. Definitions: `docs/metrics.md`.
//!
//! Everything is exact integer arithmetic: money in minor units, averages
//! rounded down, rates as [`Rate`] (basis points rounded down).

use super::lifecycle::{LifecycleRules, Stage};
use super::metrics::{monthly, period, CustomerHistory, Rate};
use super::money::{scale, Currency, Rounding};
use super::program::Program;
use super::time::{Date, Timestamp};
use serde::Serialize;
use std::collections::BTreeSet;

/// A customer's stage as the reports count it: the lifecycle's stages, with
/// `wonBack` for a customer whose last order ended a lapse.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReportStage {
    Prospect,
    New,
    Repeat,
    /// The last order came at least `lapsedAfterDays` after the one before,
    /// and the customer is not at risk or lapsed again.
    WonBack,
    AtRisk,
    Lapsed,
}

/// The stage at `at` of a customer who ordered at `orders` (later ones do not count).
///
/// ```
/// use treu::engine::lifecycle::LifecycleRules;
/// use treu::engine::reports::{report_stage, ReportStage};
/// use treu::engine::time::Timestamp;
/// let at = |text| Timestamp::parse(text).unwrap();
/// let rules = LifecycleRules::default(); // lapsed after 180 days
/// let orders = [at("2024-01-10T00:00:00Z"), at("2025-03-01T00:00:00Z")];
/// assert_eq!(report_stage(&rules, &orders, at("2025-03-20T00:00:00Z")), ReportStage::WonBack);
/// ```
pub fn report_stage(rules: &LifecycleRules, orders: &[Timestamp], at: Timestamp) -> ReportStage {
    let mut placed: Vec<Timestamp> = orders.iter().copied().filter(|order| *order <= at).collect();
    placed.sort_unstable();
    let last = placed.last().copied();
    match rules.stage_of(placed.len(), last, at) {
        Stage::Prospect => ReportStage::Prospect,
        Stage::AtRisk => ReportStage::AtRisk,
        Stage::Lapsed => ReportStage::Lapsed,
        stage @ (Stage::New | Stage::Repeat) => {
            let gap = match placed.as_slice() {
                [.., before, last] => last.days_since(*before),
                _ => 0,
            };
            if gap >= rules.lapsed_after_days {
                ReportStage::WonBack
            } else if stage == Stage::New {
                ReportStage::New
            } else {
                ReportStage::Repeat
            }
        }
    }
}

/// A member as the overview reads them.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Member {
    /// When the host first saw them (enrolment).
    pub joined_at: Option<Timestamp>,
    /// Their orders (not cancelled) and ledger entries.
    pub history: CustomerHistory,
}

/// A paid order of a member or a guest, for revenue.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Sale {
    pub placed_at: Timestamp,
    pub currency: Currency,
    pub total: i64,
    pub refunded: i64,
    pub cancelled: bool,
}

/// A friend who claimed an advocate's referral code.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Referral {
    pub claimed_at: Timestamp,
    /// When the friend's first paid order was placed, if they ordered.
    pub first_order_at: Option<Timestamp>,
    /// Whether that order earned the advocate their reward.
    pub rewarded: bool,
}

/// What the overview is computed from.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct OverviewInput {
    pub members: Vec<Member>,
    pub member_sales: Vec<Sale>,
    pub guest_sales: Vec<Sale>,
    pub referrals: Vec<Referral>,
    /// (customer id, when) for each time a member shared their link.
    pub shares: Vec<(String, Timestamp)>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct Members {
    /// Enrolled before the end of the period.
    pub total: i64,
    /// Enrolled within the period.
    pub new: i64,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Points {
    pub earned: i64,
    pub redeemed: i64,
    pub expired: i64,
    pub outstanding: i64,
    pub liability: Option<i64>,
    pub redemption_rate: Option<Rate>,
    pub breakage: Option<Rate>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    pub customers_at_start: i64,
    pub customers_at_end: i64,
    pub new_customers: i64,
    pub retention: Option<Rate>,
    pub points_earned: i64,
    pub points_redeemed: i64,
    pub points_expired: i64,
}

/// Members by stage at the end of the period.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageCounts {
    pub prospect: i64,
    pub new: i64,
    pub repeat: i64,
    pub won_back: i64,
    pub at_risk: i64,
    pub lapsed: i64,
}

/// The referral funnel within the period.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct ReferralFunnel {
    /// Distinct members who shared their link.
    pub shared: i64,
    /// Friends who claimed a code.
    pub claimed: i64,
    /// Friends whose first paid order was placed.
    pub converted: i64,
    /// Of those, the orders that rewarded the advocate.
    pub rewarded: i64,
}

/// Orders and revenue of one group of buyers.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Revenue {
    /// Paid orders placed in the period, not cancelled.
    pub orders: i64,
    /// Their totals minus their refunds, minor units.
    pub revenue: i64,
    /// `revenue / orders`, rounded down; `null` without orders.
    pub average_order_value: Option<i64>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct RevenueSplit {
    pub members: Revenue,
    pub guests: Revenue,
}

/// The overview report.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub from: Date,
    pub to: Date,
    pub currency: Currency,
    pub members: Members,
    pub points: Points,
    pub repeat_purchase: Option<Rate>,
    pub retention: Option<Rate>,
    pub monthly: Vec<Month>,
    pub stages: StageCounts,
    pub referrals: ReferralFunnel,
    pub revenue: RevenueSplit,
}

/// The overview of the days `from` to `to`, both included.
pub fn overview(input: &OverviewInput, program: &Program, from: Date, to: Date) -> Overview {
    let (start, end) = (from.start(), to.plus_days(1).start());
    let within = |at: Timestamp| start <= at && at < end;
    let histories: Vec<CustomerHistory> = input.members.iter().map(|member| member.history.clone()).collect();
    let summary = period(&histories, program, from, to);
    let enrolled = |member: &&Member| member.joined_at.is_none_or(|joined| joined < end);
    let members = Members {
        total: input.members.iter().filter(enrolled).count() as i64,
        new: input.members.iter().filter(|member| member.joined_at.is_some_and(within)).count() as i64,
    };
    let monthly = monthly(&histories, program, from, to)
        .into_iter()
        .map(|month| Month {
            month: month.from.to_string()[..7].to_owned(),
            customers_at_start: month.customers_at_start,
            customers_at_end: month.customers_at_end,
            new_customers: month.new_customers,
            retention: month.retention,
            points_earned: month.points_earned,
            points_redeemed: month.points_redeemed,
            points_expired: month.points_expired,
        })
        .collect();
    // The last second of `to`: the stage "at the end of the period".
    let last_second = end.plus_seconds(-1);
    let mut stages = StageCounts::default();
    for member in input.members.iter().filter(enrolled) {
        let counter = match report_stage(&program.lifecycle, &member.history.orders, last_second) {
            ReportStage::Prospect => &mut stages.prospect,
            ReportStage::New => &mut stages.new,
            ReportStage::Repeat => &mut stages.repeat,
            ReportStage::WonBack => &mut stages.won_back,
            ReportStage::AtRisk => &mut stages.at_risk,
            ReportStage::Lapsed => &mut stages.lapsed,
        };
        *counter += 1;
    }
    let sharers: BTreeSet<&str> =
        input.shares.iter().filter(|(_, at)| within(*at)).map(|(customer, _)| customer.as_str()).collect();
    let converted = || input.referrals.iter().filter(|referral| referral.first_order_at.is_some_and(within));
    let referrals = ReferralFunnel {
        shared: sharers.len() as i64,
        claimed: input.referrals.iter().filter(|referral| within(referral.claimed_at)).count() as i64,
        converted: converted().count() as i64,
        rewarded: converted().filter(|referral| referral.rewarded).count() as i64,
    };
    Overview {
        from,
        to,
        currency: program.currency,
        members,
        points: Points {
            earned: summary.points_earned,
            redeemed: summary.points_redeemed,
            expired: summary.points_expired,
            outstanding: summary.outstanding_points,
            liability: summary.liability,
            redemption_rate: summary.redemption_rate,
            breakage: summary.breakage,
        },
        repeat_purchase: summary.repeat_purchase,
        retention: summary.retention,
        monthly,
        stages,
        referrals,
        revenue: RevenueSplit {
            members: revenue(&input.member_sales, program.currency, start, end),
            guests: revenue(&input.guest_sales, program.currency, start, end),
        },
    }
}

/// Orders placed in `[start, end)` in `currency`, not cancelled, and what
/// they brought in after refunds. Orders in other currencies are left out:
/// amounts of two currencies do not add up.
pub fn revenue(sales: &[Sale], currency: Currency, start: Timestamp, end: Timestamp) -> Revenue {
    let counted = sales
        .iter()
        .filter(|sale| !sale.cancelled && sale.currency == currency && start <= sale.placed_at && sale.placed_at < end);
    let (orders, revenue) = counted.fold((0_i64, 0_i64), |(orders, revenue), sale| {
        (orders + 1, revenue.saturating_add((sale.total - sale.refunded).max(0)))
    });
    let average_order_value = (orders > 0).then(|| scale(revenue, 1, orders, Rounding::Down));
    Revenue { orders, revenue, average_order_value }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn program() -> Program {
        serde_json::from_str(
            r#"{"version":1,"currency":"EUR","lifecycle":{"atRiskAfterDays":30,"lapsedAfterDays":60}}"#,
        )
        .unwrap()
    }

    fn member(joined: &str, orders: &[&str]) -> Member {
        Member {
            joined_at: Some(at(joined)),
            history: CustomerHistory { orders: orders.iter().map(|o| at(o)).collect(), entries: vec![] },
        }
    }

    fn sale(placed: &str, currency: &str, total: i64, refunded: i64, cancelled: bool) -> Sale {
        Sale { placed_at: at(placed), currency: Currency::parse(currency).unwrap(), total, refunded, cancelled }
    }

    #[test]
    fn won_back_replaces_new_and_repeat_until_the_customer_drifts_again() {
        let rules = program().lifecycle;
        let orders = [at("2025-01-01T00:00:00Z"), at("2025-03-02T00:00:00Z")]; // 60 days apart
        assert_eq!(report_stage(&rules, &orders, at("2025-03-10T00:00:00Z")), ReportStage::WonBack);
        assert_eq!(report_stage(&rules, &orders, at("2025-04-02T00:00:00Z")), ReportStage::AtRisk);
        assert_eq!(report_stage(&rules, &orders[..1], at("2025-03-01T00:00:00Z")), ReportStage::AtRisk);
        let close = [at("2025-01-01T00:00:00Z"), at("2025-03-01T00:00:00Z")]; // 59 days apart
        assert_eq!(report_stage(&rules, &close, at("2025-03-10T00:00:00Z")), ReportStage::Repeat);
        // An order after `at` does not count yet.
        assert_eq!(report_stage(&rules, &orders, at("2025-02-01T00:00:00Z")), ReportStage::AtRisk);
        assert_eq!(report_stage(&rules, &[], at("2025-02-01T00:00:00Z")), ReportStage::Prospect);
    }

    #[test]
    fn revenue_nets_refunds_skips_cancelled_and_rounds_the_average_down() {
        let eur = Currency::parse("EUR").unwrap();
        let sales = [
            sale("2025-03-01T10:00:00Z", "EUR", 1000, 0, false),
            sale("2025-03-02T10:00:00Z", "EUR", 2001, 500, false),
            sale("2025-03-03T10:00:00Z", "EUR", 9999, 0, true),
            sale("2025-03-04T10:00:00Z", "USD", 5000, 0, false),
            sale("2025-04-01T00:00:00Z", "EUR", 7000, 0, false),
        ];
        let march = revenue(&sales, eur, date("2025-03-01").start(), date("2025-04-01").start());
        assert_eq!(march, Revenue { orders: 2, revenue: 2501, average_order_value: Some(1250) });
        let none = revenue(&[], eur, date("2025-03-01").start(), date("2025-04-01").start());
        assert_eq!(none.average_order_value, None);
    }

    #[test]
    fn overview_counts_members_stages_and_the_referral_funnel() {
        let input = OverviewInput {
            members: vec![
                member("2024-12-01T00:00:00Z", &[]),                       // prospect
                member("2025-03-05T00:00:00Z", &["2025-03-06T00:00:00Z"]), // new
                member("2024-11-01T00:00:00Z", &["2024-11-02T00:00:00Z", "2025-03-10T00:00:00Z"]), // won back
                member("2024-10-01T00:00:00Z", &["2024-10-02T00:00:00Z"]), // lapsed
                member("2025-04-02T00:00:00Z", &["2025-04-02T00:00:00Z"]), // after the period
            ],
            member_sales: vec![sale("2025-03-06T00:00:00Z", "EUR", 3000, 0, false)],
            guest_sales: vec![sale("2025-03-07T00:00:00Z", "EUR", 1500, 1500, false)],
            referrals: vec![
                Referral { claimed_at: at("2025-03-01T00:00:00Z"), first_order_at: None, rewarded: false },
                Referral {
                    claimed_at: at("2025-02-20T00:00:00Z"),
                    first_order_at: Some(at("2025-03-06T00:00:00Z")),
                    rewarded: true,
                },
                Referral {
                    claimed_at: at("2025-03-02T00:00:00Z"),
                    first_order_at: Some(at("2025-03-08T00:00:00Z")),
                    rewarded: false,
                },
            ],
            shares: vec![
                ("a".into(), at("2025-03-01T00:00:00Z")),
                ("a".into(), at("2025-03-02T00:00:00Z")),
                ("b".into(), at("2025-03-31T23:59:59Z")),
                ("c".into(), at("2025-04-01T00:00:00Z")),
            ],
        };
        let report = overview(&input, &program(), date("2025-03-01"), date("2025-03-31"));
        assert_eq!(report.members, Members { total: 4, new: 1 });
        let stages = StageCounts { prospect: 1, new: 1, repeat: 0, won_back: 1, at_risk: 0, lapsed: 1 };
        assert_eq!(report.stages, stages);
        assert_eq!(report.referrals, ReferralFunnel { shared: 2, claimed: 2, converted: 2, rewarded: 1 });
        assert_eq!(report.revenue.members.average_order_value, Some(3000));
        assert_eq!(report.revenue.guests, Revenue { orders: 1, revenue: 0, average_order_value: Some(0) });
        assert_eq!(report.monthly.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(), ["2025-03"]);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["stages"]["wonBack"], 1);
        assert_eq!(json["revenue"]["guests"]["averageOrderValue"], 0);
    }
}
