//! Offers: extra points aimed at a segment, with a title the shopper sees,
//! such as "Double points on beans for you this month" for members who bought
//! espresso beans.

use super::campaigns::MAX_PERCENT;
use super::cart::CartLine;
use super::error::InputError;
use super::segments::targets;
use super::text::check_listed;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// An offer runs from `startsAt` (inclusive) to `endsAt` (exclusive) for the
/// members of `segment`. While it runs, their lines in its scope earn
/// `percent` % of the base rate (200 = double points; the extra 100 % is its
/// own quote line, rule `offer:<id>`). Without `products` or `collections`
/// every eligible line is in scope. Offers add to multipliers, tiers and
/// campaigns like campaigns do.
///
/// ```json
/// { "id": "beans-double", "name": "Double points on beans for you",
///   "segment": "beans-buyers", "percent": 200, "collections": ["beans"],
///   "startsAt": "2025-06-01T00:00:00Z", "endsAt": "2025-07-01T00:00:00Z" }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct Offer {
    pub id: String,
    /// The title shoppers in the segment see in the widget; required.
    pub name: String,
    /// The id of a segment in `program.segments`.
    pub segment: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// Earn rate on lines in scope, in percent of the base rate; above 100.
    pub percent: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<String>,
}

/// An offer as the quote shows it to a member of its segment: what it is,
/// until when, and what this cart earns from it (0 when nothing in the cart is
/// in scope yet).
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OfferStatus {
    pub id: String,
    pub name: String,
    pub percent: i64,
    pub ends_at: Timestamp,
    pub points: i64,
}

impl Offer {
    /// Whether the offer runs at `now` for a member of `segments`.
    pub fn is_active(&self, now: Timestamp, segments: &[&str]) -> bool {
        self.starts_at <= now && now < self.ends_at && targets(Some(&self.segment), segments)
    }

    /// Whether `line` is in the offer's scope.
    pub fn covers(&self, line: &CartLine) -> bool {
        (self.products.is_empty() && self.collections.is_empty()) || line.is_in(&self.products, &self.collections)
    }

    /// Records every problem in `errors`, with paths under `program.offers[index]`
    /// (the segment id is checked by the program, which knows its segments).
    pub fn check(&self, index: usize, errors: &mut InputError) {
        let path = |field: &str| format!("program.offers[{index}].{field}");
        errors.require(!self.id.trim().is_empty(), || path("id"), "must not be empty");
        errors.require(!self.name.trim().is_empty(), || path("name"), "must not be empty: shoppers see it");
        errors.require(self.starts_at < self.ends_at, || path("endsAt"), "must be after startsAt");
        errors.require(
            (101..=MAX_PERCENT).contains(&self.percent),
            || path("percent"),
            "must be from 101 to 10000 (200 = double points)",
        );
        check_listed(&[("products", &self.products), ("collections", &self.collections)], &path, errors);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer() -> Offer {
        serde_json::from_str(
            r#"{"id":"o","name":"Double beans","segment":"beans","percent":200,"collections":["beans"],
                "startsAt":"2025-06-01T00:00:00Z","endsAt":"2025-07-01T00:00:00Z"}"#,
        )
        .unwrap()
    }

    #[test]
    fn runs_in_its_window_for_its_segment_only() {
        let at = |text| Timestamp::parse(text).unwrap();
        assert!(offer().is_active(at("2025-06-01T00:00:00Z"), &["beans"]));
        assert!(!offer().is_active(at("2025-07-01T00:00:00Z"), &["beans"]));
        assert!(!offer().is_active(at("2025-06-10T00:00:00Z"), &["other"]));
    }

    #[test]
    fn an_offer_without_title_or_extra_points_is_an_error() {
        let mut bad = offer();
        bad.name = " ".into();
        bad.percent = 100;
        let mut errors = InputError::default();
        bad.check(0, &mut errors);
        let paths: Vec<&str> = errors.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["program.offers[0].name", "program.offers[0].percent"]);
        assert_eq!(errors.errors[1].reason, format!("must be from 101 to {MAX_PERCENT} (200 = double points)"));
    }
}
