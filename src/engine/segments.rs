//! Segments: groups of members the program names by their order history, so
//! campaigns, multipliers and offers can be aimed at them ("bought espresso
//! beans in the last 60 days", "lapsed Gold members", "spent €200 or more").
//!
//! Membership is decided here, from the same order history (`customer.orders`
//! with the products and collections each order bought) that tiers and
//! lifecycle stages read, so the widget's preview, the quote and the host's
//! award agree. Guests are in no segment.

use super::customer::Customer;
use super::error::InputError;
use super::lifecycle::Stage;
use super::text::check_listed;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A named group of members. Every condition given must hold; a condition
/// left out (an empty list, no `withinDays`, `minimumSpend` 0) always holds.
///
/// - `products` / `collections`: an order in the window bought one of them;
/// - `withinDays`: the window is the last N days before now (without it, the
///   whole history); it bounds the purchase and the spend conditions;
/// - `stages`: the member's lifecycle stage is one of them;
/// - `tiers`: the member holds one of these tier levels;
/// - `minimumSpend`: the orders in the window spent at least this much
///   (minor units of the program currency).
///
/// ```json
/// { "id": "beans-buyers", "name": "Bought beans lately",
///   "collections": ["beans"], "withinDays": 90 }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct Segment {
    pub id: String,
    /// The merchant's name for the segment (shown in the dashboard only).
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_days: Option<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<Stage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
    #[serde(default)]
    pub minimum_spend: i64,
}

/// Longest purchase window: 10 years.
pub const MAX_WINDOW_DAYS: i64 = 3_650;

/// Who a quote is for, as the segment rules see them.
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    pub customer: &'a Customer,
    pub stage: Stage,
    /// The id of the tier level held, if any.
    pub tier: Option<&'a str>,
}

impl Segment {
    /// Records every problem in `errors`, with paths under `program.segments[index]`
    /// (tier names are checked by the program, which knows its levels).
    pub fn check(&self, index: usize, errors: &mut InputError) {
        let path = |field: &str| format!("program.segments[{index}].{field}");
        errors.require(!self.id.trim().is_empty(), || path("id"), "must not be empty");
        if let Some(days) = self.within_days {
            errors.require((1..=MAX_WINDOW_DAYS).contains(&days), || path("withinDays"), "must be from 1 to 3650");
        }
        errors.require(self.minimum_spend >= 0, || path("minimumSpend"), "must not be negative (minor units)");
        let conditionless = self.products.is_empty()
            && self.collections.is_empty()
            && self.stages.is_empty()
            && self.tiers.is_empty()
            && self.minimum_spend == 0;
        errors.require(
            !conditionless,
            || path("id"),
            "a segment needs a condition (products, collections, stages, tiers or minimumSpend)",
        );
        let lists: [(&str, &[String]); 3] =
            [("products", &self.products), ("collections", &self.collections), ("tiers", &self.tiers)];
        check_listed(&lists, &path, errors);
    }

    /// Whether `member` is in this segment at `now`. Orders after `now` do not count.
    pub fn includes(&self, member: &Member<'_>, now: Timestamp) -> bool {
        let since = self.within_days.map(|days| now.plus_days(-days));
        let in_window =
            || member.customer.orders_until(now).filter(move |order| since.is_none_or(|since| order.placed_at > since));
        let bought = (self.products.is_empty() && self.collections.is_empty())
            || in_window().any(|order| order.bought_any(&self.products, &self.collections));
        let spent = self.minimum_spend == 0
            || in_window().fold(0_i64, |sum, order| sum.saturating_add(order.spend)) >= self.minimum_spend;
        let staged = self.stages.is_empty() || self.stages.contains(&member.stage);
        let tiered = self.tiers.is_empty() || member.tier.is_some_and(|tier| self.tiers.iter().any(|t| t == tier));
        bought && spent && staged && tiered
    }
}

/// The ids of the segments `member` is in at `now`, in program order; none for a guest.
pub fn segments_of<'a>(segments: &'a [Segment], member: Option<&Member<'_>>, now: Timestamp) -> Vec<&'a str> {
    let Some(member) = member else { return Vec::new() };
    segments.iter().filter(|segment| segment.includes(member, now)).map(|segment| segment.id.as_str()).collect()
}

/// Whether a rule aimed at `segment` (`None`: at everyone) applies to a member
/// of `segments`.
pub fn targets(segment: Option<&str>, segments: &[&str]) -> bool {
    segment.is_none_or(|segment| segments.contains(&segment))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer() -> Customer {
        serde_json::from_str(
            r#"{"id":"c","orders":[
                {"id":"1","placedAt":"2025-01-10T00:00:00Z","spend":3000,"products":["espresso-beans"],"collections":["beans"]},
                {"id":"2","placedAt":"2025-05-20T00:00:00Z","spend":2000,"products":["mug"],"collections":["cups"]}]}"#,
        )
        .unwrap()
    }

    fn segment(json: &str) -> Segment {
        serde_json::from_str(json).unwrap()
    }

    fn now() -> Timestamp {
        Timestamp::parse("2025-06-01T00:00:00Z").unwrap()
    }

    #[test]
    fn a_purchase_counts_inside_the_window_only() {
        let customer = customer();
        let member = Member { customer: &customer, stage: Stage::Repeat, tier: None };
        assert!(segment(r#"{"id":"b","collections":["beans"]}"#).includes(&member, now()));
        assert!(segment(r#"{"id":"b","collections":["beans"],"withinDays":150}"#).includes(&member, now()));
        assert!(!segment(r#"{"id":"b","collections":["beans"],"withinDays":100}"#).includes(&member, now()));
        let before = Timestamp::parse("2025-01-09T00:00:00Z").unwrap();
        assert!(!segment(r#"{"id":"b","products":["espresso-beans"]}"#).includes(&member, before));
    }

    #[test]
    fn every_condition_must_hold() {
        let customer = customer();
        let member = Member { customer: &customer, stage: Stage::Repeat, tier: Some("gold") };
        assert!(
            segment(r#"{"id":"s","minimumSpend":5000,"tiers":["gold"],"stages":["repeat"]}"#).includes(&member, now())
        );
        assert!(!segment(r#"{"id":"s","minimumSpend":5001}"#).includes(&member, now()));
        assert!(!segment(r#"{"id":"s","minimumSpend":5000,"withinDays":30}"#).includes(&member, now()));
        assert!(!segment(r#"{"id":"s","stages":["lapsed"]}"#).includes(&member, now()));
        assert!(!segment(r#"{"id":"s","tiers":["silver"]}"#).includes(&member, now()));
    }

    #[test]
    fn guests_are_in_no_segment() {
        let segments = [segment(r#"{"id":"s","minimumSpend":1}"#)];
        assert!(segments_of(&segments, None, now()).is_empty());
        assert!(targets(None, &[]));
        assert!(!targets(Some("s"), &[]));
    }

    #[test]
    fn a_segment_without_conditions_or_with_a_bad_window_is_an_error() {
        let mut errors = InputError::default();
        segment(r#"{"id":"","withinDays":0}"#).check(1, &mut errors);
        let paths: Vec<&str> = errors.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["program.segments[1].id", "program.segments[1].withinDays", "program.segments[1].id"]);
        // The reason is written out (no formatting code in the Wasm module); it names the bound.
        assert_eq!(errors.errors[1].reason, format!("must be from 1 to {MAX_WINDOW_DAYS}"));
    }
}
