//! The merchant's program: the configuration every rule reads, as JSON.
//!
//! A program is versioned (`"version": 1`) so the format can grow without
//! breaking stored programs. `docs/program.md` explains every field to
//! merchants and `docs/program.schema.json` describes it as a JSON Schema.
//! Each section's rules live in the module of its concept; this file puts the
//! sections together and checks what spans them (tier names used elsewhere).

use super::actions::{self, ActionRule};
use super::campaigns::Campaign;
use super::earning::EarningRules;
use super::error::InputError;
use super::lifecycle::LifecycleRules;
use super::money::Currency;
use super::offers::Offer;
use super::redemption::{RedemptionOption, RewardKind};
use super::referral::ReferralRules;
use super::segments::Segment;
use super::text::{self, At};
use super::tiers::TierRules;
use serde::{Deserialize, Serialize};

pub use super::shipping::{FreeShippingRules, ShippingThreshold};

/// The only program format version this engine reads.
pub const PROGRAM_VERSION: u32 = 1;

/// A merchant's loyalty program. Every section but `version` and `currency`
/// may be left out.
///
/// ```
/// let program: treu::engine::program::Program = serde_json::from_str(r#"{
///     "version": 1,
///     "currency": "EUR",
///     "earning": { "rates": [{ "currency": "EUR", "points": 1, "per": 100 }] },
///     "freeShipping": { "thresholds": [{ "currency": "EUR", "minimum": 5000 }] }
/// }"#).unwrap();
/// assert!(program.validated().is_ok());
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct Program {
    /// Format version; must be [`PROGRAM_VERSION`].
    pub version: u32,
    /// The shop's main currency: tier spend, minimum spends and reward amounts are in it.
    pub currency: Currency,
    /// Points for spend.
    #[serde(default)]
    pub earning: EarningRules,
    /// Points for actions (signup, reviews, birthday, referral, …).
    #[serde(default)]
    pub actions: Vec<ActionRule>,
    /// Time-boxed extra points.
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
    /// What points buy.
    #[serde(default)]
    pub redemptions: Vec<RedemptionOption>,
    /// VIP levels; none means no tiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<TierRules>,
    /// Free-shipping rules; no thresholds means no free-shipping incentive.
    #[serde(default)]
    pub free_shipping: FreeShippingRules,
    /// The referral program; none means no referrals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<ReferralRules>,
    /// Customer stages and the win-back offer.
    #[serde(default)]
    pub lifecycle: LifecycleRules,
    /// Groups of members by order history, for campaigns, multipliers and offers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<Segment>,
    /// Extra points for the members of a segment, with a title they see.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<Offer>,
}

impl Program {
    /// The program if every rule is sensible, else every problem, with JSON paths
    /// under `program`.
    pub fn validated(self) -> Result<Program, InputError> {
        let mut errors = InputError::default();
        self.check(&mut errors);
        errors.or_ok(self)
    }

    /// Records every problem with the program in `errors`. Checking a sound
    /// program allocates nothing, so `quote` can afford to do it every time.
    pub fn check(&self, errors: &mut InputError) {
        if self.version != PROGRAM_VERSION {
            errors.push("program.version", format!("must be {PROGRAM_VERSION}, found {}", self.version));
        }
        self.earning.check(errors);
        actions::check(&self.actions, errors);
        for (index, campaign) in self.campaigns.iter().enumerate() {
            campaign.check(index, errors);
            let twice = self.campaigns[..index].iter().any(|other| other.id == campaign.id);
            errors.require(!twice, || format!("program.campaigns[{index}].id"), "is used by another campaign");
            for (position, tier) in campaign.tiers.iter().enumerate() {
                self.check_tier_name(tier, || format!("program.campaigns[{index}].tiers[{position}]"), errors);
            }
        }
        for (index, option) in self.redemptions.iter().enumerate() {
            option.check(index, errors);
            let twice = self.redemptions[..index].iter().any(|other| other.id == option.id);
            errors.require(!twice, || format!("program.redemptions[{index}].id"), "is used by another option");
        }
        if let Some(tiers) = &self.tiers {
            tiers.check(errors);
        }
        self.free_shipping.check(errors);
        for (index, threshold) in self.free_shipping.thresholds.iter().enumerate() {
            if let Some(tier) = &threshold.tier {
                self.check_tier_name(tier, || format!("program.freeShipping.thresholds[{index}].tier"), errors);
            }
        }
        if let Some(referral) = &self.referral {
            referral.check(errors);
        }
        self.lifecycle.check(errors);
        self.check_segments(errors);
        self.check_texts(errors);
    }

    /// The segments, and every rule aimed at one naming a segment that exists.
    fn check_segments(&self, errors: &mut InputError) {
        for (index, segment) in self.segments.iter().enumerate() {
            segment.check(index, errors);
            let twice = self.segments[..index].iter().any(|other| other.id == segment.id);
            errors.require(!twice, || format!("program.segments[{index}].id"), "is used by another segment");
            for (position, tier) in segment.tiers.iter().enumerate() {
                self.check_tier_name(tier, || format!("program.segments[{index}].tiers[{position}]"), errors);
            }
        }
        for (index, offer) in self.offers.iter().enumerate() {
            offer.check(index, errors);
            let twice = self.offers[..index].iter().any(|other| other.id == offer.id);
            errors.require(!twice, || format!("program.offers[{index}].id"), "is used by another offer");
            self.check_segment_id(&offer.segment, || format!("program.offers[{index}].segment"), errors);
        }
        for (index, campaign) in self.campaigns.iter().enumerate() {
            if let Some(segment) = &campaign.segment {
                self.check_segment_id(segment, || format!("program.campaigns[{index}].segment"), errors);
            }
        }
        for (index, multiplier) in self.earning.multipliers.iter().enumerate() {
            if let Some(segment) = &multiplier.segment {
                self.check_segment_id(segment, || format!("program.earning.multipliers[{index}].segment"), errors);
            }
        }
    }

    fn check_segment_id(&self, segment: &str, path: impl FnOnce() -> String, errors: &mut InputError) {
        if !self.segments.iter().any(|known| known.id == segment) {
            errors.push(path(), format!("\"{segment}\" is not a segment in program.segments"));
        }
    }

    /// The limits on every name and id the merchant wrote (see `text`).
    fn check_texts(&self, errors: &mut InputError) {
        for (index, option) in self.redemptions.iter().enumerate() {
            text::check_id(&option.id, At("redemptions", Some(index), "id"), errors);
            text::check_name(&option.name, At("redemptions", Some(index), "name"), errors);
        }
        for (index, campaign) in self.campaigns.iter().enumerate() {
            text::check_id(&campaign.id, At("campaigns", Some(index), "id"), errors);
            text::check_name(&campaign.name, At("campaigns", Some(index), "name"), errors);
        }
        for (index, multiplier) in self.earning.multipliers.iter().enumerate() {
            text::check_id(&multiplier.id, At("earning.multipliers", Some(index), "id"), errors);
            text::check_name(&multiplier.name, At("earning.multipliers", Some(index), "name"), errors);
        }
        for (index, level) in self.tiers.iter().flat_map(|tiers| tiers.levels.iter()).enumerate() {
            text::check_id(&level.id, At("tiers.levels", Some(index), "id"), errors);
            text::check_name(&level.name, At("tiers.levels", Some(index), "name"), errors);
        }
        for (index, segment) in self.segments.iter().enumerate() {
            text::check_id(&segment.id, At("segments", Some(index), "id"), errors);
            text::check_name(&segment.name, At("segments", Some(index), "name"), errors);
        }
        for (index, offer) in self.offers.iter().enumerate() {
            text::check_id(&offer.id, At("offers", Some(index), "id"), errors);
            text::check_name(&offer.name, At("offers", Some(index), "name"), errors);
        }
        if let Some(win_back) = &self.lifecycle.win_back {
            text::check_name(&win_back.name, At("lifecycle.winBack", None, "name"), errors);
        }
    }

    fn check_tier_name(&self, tier: &str, path: impl FnOnce() -> String, errors: &mut InputError) {
        let known = self.tiers.as_ref().is_some_and(|tiers| tiers.level(tier).is_some());
        errors.require(known, path, format!("\"{tier}\" is not a level in program.tiers.levels"));
    }

    /// What one point is worth, as `(amount, points)`: the most generous
    /// amount-off option in the program currency, or `None` without one. Used
    /// to value outstanding points (liability).
    pub fn point_value(&self) -> Option<(i64, i64)> {
        self.redemptions
            .iter()
            .filter(|option| option.kind == RewardKind::AmountOff && option.points > 0)
            .filter_map(|option| Some((option.amount?, option.points)))
            .max_by(|(a_amount, a_points), (b_amount, b_points)| {
                (i128::from(*a_amount) * i128::from(*b_points)).cmp(&(i128::from(*b_amount) * i128::from(*a_points)))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_all_problems_at_once() {
        let program: Program = serde_json::from_str(
            r#"{"version":2,"currency":"EUR","freeShipping":{"thresholds":[
                {"currency":"EUR","minimum":0},{"currency":"EUR","minimum":4000},{"currency":"EUR","minimum":0,"tier":"gold"}]},
                "earning":{"rates":[{"currency":"EUR","points":1,"per":0}]},
                "redemptions":[{"id":"x","kind":"percentOff","points":10}]}"#,
        )
        .unwrap();
        let error = program.validated().unwrap_err();
        let paths: Vec<&str> = error.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "program.version",
                "program.earning.rates[0].per",
                "program.redemptions[0].percent",
                "program.freeShipping.thresholds[0].minimum",
                "program.freeShipping.thresholds[1].currency",
                "program.freeShipping.thresholds[2].tier"
            ]
        );
    }

    #[test]
    fn rules_aimed_at_an_unknown_segment_are_named() {
        let program: Program = serde_json::from_str(
            r#"{"version":1,"currency":"EUR",
                "segments":[{"id":"beans","collections":["beans"],"tiers":["gold"]}],
                "campaigns":[{"id":"c","startsAt":"2025-01-01T00:00:00Z","endsAt":"2025-02-01T00:00:00Z","percent":200,"segment":"bean"}],
                "earning":{"multipliers":[{"id":"m","percent":200,"products":["x"],"segment":"beans"}]},
                "offers":[{"id":"o","name":"Double","segment":"tea","percent":200,
                    "startsAt":"2025-01-01T00:00:00Z","endsAt":"2025-02-01T00:00:00Z"}]}"#,
        )
        .unwrap();
        let error = program.validated().unwrap_err();
        let paths: Vec<&str> = error.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            ["program.segments[0].tiers[0]", "program.offers[0].segment", "program.campaigns[0].segment"]
        );
        assert_eq!(error.errors[1].reason, "\"tea\" is not a segment in program.segments");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let json = r#"{"version":1,"currency":"EUR","freeShiping":{}}"#;
        assert!(serde_json::from_str::<Program>(json).unwrap_err().to_string().contains("freeShiping"));
        let nested = r#"{"version":1,"currency":"EUR","earning":{"rate":[]}}"#;
        assert!(serde_json::from_str::<Program>(nested).unwrap_err().to_string().contains("rate"));
    }

    #[test]
    fn point_value_is_the_most_generous_amount_off() {
        let program: Program = serde_json::from_str(
            r#"{"version":1,"currency":"EUR","redemptions":[
                {"id":"a","kind":"amountOff","points":500,"amount":500},
                {"id":"b","kind":"amountOff","points":1000,"amount":1200},
                {"id":"c","kind":"freeShipping","points":10}]}"#,
        )
        .unwrap();
        assert_eq!(program.point_value(), Some((1200, 1000)));
    }
}
