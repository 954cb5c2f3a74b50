//! Campaigns: time-boxed extra points, such as "triple points on coffee this
//! weekend" or "100 bonus points on orders over €50 in November".

use super::cart::CartLine;
use super::error::InputError;
use super::segments::targets;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A campaign runs from `startsAt` (inclusive) to `endsAt` (exclusive).
///
/// While it runs, lines in its scope earn `percent` % of the base rate (200 =
/// double points; the extra 100 % is its own line in the quote), and an order
/// whose eligible spend reaches `minimumSpend` earns `bonusPoints` once.
/// Without `products` or `collections` every eligible line is in scope; with
/// `tiers`, only members of those tiers take part; with `segment`, only
/// members of that segment (`program.segments`).
///
/// ```json
/// { "id": "black-friday", "name": "Black Friday: triple points",
///   "startsAt": "2025-11-28T00:00:00Z", "endsAt": "2025-12-01T00:00:00Z",
///   "percent": 300, "bonusPoints": 100, "minimumSpend": 5000 }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct Campaign {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// Earn rate on lines in scope, in percent of the base rate; 100 adds nothing.
    #[serde(default = "hundred")]
    pub percent: i64,
    /// Points added once to an order that reaches `minimumSpend`.
    #[serde(default)]
    pub bonus_points: i64,
    /// Eligible spend (minor units of the program currency) the bonus needs.
    #[serde(default)]
    pub minimum_spend: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<String>,
    /// The id of the segment the campaign is aimed at; none: everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
}

pub(crate) fn hundred() -> i64 {
    100
}

/// The highest earn percent any rule may set: ×100.
pub const MAX_PERCENT: i64 = 10_000;

impl Campaign {
    /// Whether the campaign runs at `now` for a member of `tier` (`None`: no
    /// tier or a guest) who is in `segments`.
    pub fn is_active(&self, now: Timestamp, tier: Option<&str>, segments: &[&str]) -> bool {
        self.starts_at <= now
            && now < self.ends_at
            && (self.tiers.is_empty() || tier.is_some_and(|tier| self.tiers.iter().any(|t| t == tier)))
            && targets(self.segment.as_deref(), segments)
    }

    /// Whether `line` is in the campaign's scope.
    pub fn covers(&self, line: &CartLine) -> bool {
        (self.products.is_empty() && self.collections.is_empty()) || line.is_in(&self.products, &self.collections)
    }

    /// Records every problem in `errors`, with paths under `program.campaigns[index]`.
    pub fn check(&self, index: usize, errors: &mut InputError) {
        let path = |field: &str| format!("program.campaigns[{index}].{field}");
        errors.require(!self.id.trim().is_empty(), || path("id"), "must not be empty");
        errors.require(self.starts_at < self.ends_at, || path("endsAt"), "must be after startsAt");
        errors.require((100..=MAX_PERCENT).contains(&self.percent), || path("percent"), PERCENT_RANGE);
        errors.require(
            (0..=1_000_000).contains(&self.bonus_points),
            || path("bonusPoints"),
            "must be from 0 to 1000000",
        );
        errors.require(self.minimum_spend >= 0, || path("minimumSpend"), "must not be negative (minor units)");
        errors.require(
            self.percent > 100 || self.bonus_points > 0,
            || path("percent"),
            "a campaign needs a percent above 100 or bonusPoints, else it gives nothing",
        );
        for (list, values) in [("products", &self.products), ("collections", &self.collections), ("tiers", &self.tiers)]
        {
            for (position, value) in values.iter().enumerate() {
                errors.require(!value.trim().is_empty(), || path(&format!("{list}[{position}]")), "must not be empty");
            }
        }
    }
}

/// The problem with a campaign's percent, worded once: checking a sound
/// program (every quote does) builds no text.
const PERCENT_RANGE: &str = "must be from 100 (no extra points) to 10000";

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign() -> Campaign {
        serde_json::from_str(
            r#"{"id":"bf","startsAt":"2025-11-28T00:00:00Z","endsAt":"2025-12-01T00:00:00Z","percent":300,"tiers":["gold"],"collections":["coffee"]}"#,
        )
        .unwrap()
    }

    #[test]
    fn the_percent_problem_names_the_limit() {
        assert_eq!(PERCENT_RANGE, format!("must be from 100 (no extra points) to {MAX_PERCENT}"));
    }

    #[test]
    fn runs_from_start_inclusive_to_end_exclusive_for_its_tiers() {
        let at = |text| Timestamp::parse(text).unwrap();
        let campaign = campaign();
        assert!(campaign.is_active(at("2025-11-28T00:00:00Z"), Some("gold"), &[]));
        assert!(!campaign.is_active(at("2025-12-01T00:00:00Z"), Some("gold"), &[]));
        assert!(!campaign.is_active(at("2025-11-29T00:00:00Z"), Some("silver"), &[]));
        assert!(!campaign.is_active(at("2025-11-29T00:00:00Z"), None, &[]));
    }

    #[test]
    fn a_campaign_that_gives_nothing_is_an_error() {
        let mut campaign = campaign();
        campaign.percent = 100;
        campaign.ends_at = campaign.starts_at;
        let mut errors = InputError::default();
        campaign.check(2, &mut errors);
        let paths: Vec<&str> = errors.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["program.campaigns[2].endsAt", "program.campaigns[2].percent"]);
    }
}
