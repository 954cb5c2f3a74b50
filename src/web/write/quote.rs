//! The quote as JS reads it (`window.treu.quote`, `setCart`'s answer, event
//! details): every part written in the order and under the names of the
//! engine's serde derive.

use super::{Json, ToJs};
use crate::engine::discount::Discount;
use crate::engine::earning::{Earn, EarnKind, EarnLine};
use crate::engine::incentive::NextIncentive;
use crate::engine::lifecycle::{Stage, WinBackOffer};
use crate::engine::offers::OfferStatus;
use crate::engine::quote::Quote;
use crate::engine::redemption::{AffordableReward, NextReward, Redemptions, RewardKind};
use crate::engine::shipping::FreeShippingProgress;
use crate::engine::tiers::{CurrentTier, NextTier, TierBasis, TierPeriod, TierStatus};
use crate::web::read::{name_of, DISCOUNT_KINDS, REWARD_KINDS, STAGES, TIER_BASES, TIER_PERIODS};

/// Where points came from, by JSON name.
const EARN_KINDS: [(&str, EarnKind); 6] = [
    ("spend", EarnKind::Spend),
    ("tier", EarnKind::Tier),
    ("multiplier", EarnKind::Multiplier),
    ("campaign", EarnKind::Campaign),
    ("campaignBonus", EarnKind::CampaignBonus),
    ("offer", EarnKind::Offer),
];

/// Enums written by their JSON name from a table shared with the readers.
macro_rules! named {
    ($($kind:ty => $names:expr),* $(,)?) => {$(
        impl ToJs for $kind {
            fn write(&self, json: &mut Json) {
                name_of(&$names, *self).write(json);
            }
        }
    )*};
}

named!(
    EarnKind => EARN_KINDS,
    RewardKind => REWARD_KINDS,
    Stage => STAGES,
    TierBasis => TIER_BASES,
    TierPeriod => TIER_PERIODS,
    crate::engine::discount::DiscountKind => DISCOUNT_KINDS,
);

impl ToJs for Quote {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("currency", &self.currency);
        json.field("earn", &self.earn);
        json.field("freeShipping", &self.free_shipping);
        json.field("tier", &self.tier);
        json.field("redemptions", &self.redemptions);
        json.field("stage", &self.stage);
        json.field("nextIncentive", &self.next_incentive);
        json.field("winBack", &self.win_back);
        json.field("offers", &self.offers);
        json.end_object();
    }
}

impl ToJs for OfferStatus {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("id", &self.id);
        json.field("name", &self.name);
        json.field("percent", &self.percent);
        json.field("endsAt", &self.ends_at);
        json.field("points", &self.points);
        json.end_object();
    }
}

impl ToJs for Earn {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("total", &self.total);
        json.field("eligibleSpend", &self.eligible_spend);
        json.field("lines", &self.lines);
        json.end_object();
    }
}

impl ToJs for EarnLine {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("rule", &self.rule);
        json.field("kind", &self.kind);
        json.field("name", &self.name);
        json.field("points", &self.points);
        json.end_object();
    }
}

impl ToJs for FreeShippingProgress {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("threshold", &self.threshold);
        json.field("eligibleSubtotal", &self.eligible_subtotal);
        json.field("remaining", &self.remaining);
        json.field("qualified", &self.qualified);
        json.field("progressPermille", &self.progress_permille);
        json.end_object();
    }
}

impl ToJs for TierStatus {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("basis", &self.basis);
        json.field("period", &self.period);
        json.field("current", &self.current);
        json.field("next", &self.next);
        json.field("qualifying", &self.qualifying);
        json.field("remaining", &self.remaining);
        json.field("progressPermille", &self.progress_permille);
        json.field("cartAdds", &self.cart_adds);
        json.field("reachesNextWithCart", &self.reaches_next_with_cart);
        json.field("periodEndsAt", &self.period_ends_at);
        json.end_object();
    }
}

impl ToJs for CurrentTier {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("id", &self.id);
        json.field("name", &self.name);
        json.field("earnPercent", &self.earn_percent);
        json.field("earlyAccess", &self.early_access);
        json.end_object();
    }
}

impl ToJs for NextTier {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("id", &self.id);
        json.field("name", &self.name);
        json.field("threshold", &self.threshold);
        json.end_object();
    }
}

impl ToJs for Redemptions {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("balance", &self.balance);
        json.field("affordable", &self.affordable);
        json.field("next", &self.next);
        json.end_object();
    }
}

impl ToJs for AffordableReward {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("id", &self.id);
        json.field("name", &self.name);
        json.field("kind", &self.kind);
        json.field("points", &self.points);
        json.field("value", &self.value);
        json.end_object();
    }
}

impl ToJs for NextReward {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("id", &self.id);
        json.field("name", &self.name);
        json.field("points", &self.points);
        json.field("pointsShort", &self.points_short);
        json.end_object();
    }
}

impl ToJs for NextIncentive {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        match self {
            NextIncentive::FreeShipping { spend_needed } => {
                json.field("kind", "freeShipping");
                json.field("spendNeeded", spend_needed);
            }
            NextIncentive::CampaignBonus { campaign, name, points, spend_needed } => {
                json.field("kind", "campaignBonus");
                json.field("campaign", campaign);
                json.field("name", name);
                json.field("points", points);
                json.field("spendNeeded", spend_needed);
            }
            NextIncentive::Reward { option, name, points_short, spend_needed } => {
                json.field("kind", "reward");
                json.field("option", option);
                json.field("name", name);
                json.field("pointsShort", points_short);
                json.field("spendNeeded", spend_needed);
            }
            NextIncentive::Tier { tier, name, spend_needed } => {
                json.field("kind", "tier");
                json.field("tier", tier);
                json.field("name", name);
                json.field("spendNeeded", spend_needed);
            }
            NextIncentive::Join { points } => {
                json.field("kind", "join");
                json.field("points", points);
            }
        }
        json.end_object();
    }
}

impl ToJs for WinBackOffer {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("name", &self.name);
        json.field("discount", &self.discount);
        json.field("validDays", &self.valid_days);
        json.field("appliesToCart", &self.applies_to_cart);
        json.field("value", &self.value);
        json.end_object();
    }
}

impl ToJs for Discount {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("kind", &self.kind);
        json.field_if_some("percent", &self.percent);
        json.field_if_some("amount", &self.amount);
        json.field("minimumSpend", &self.minimum_spend);
        json.end_object();
    }
}
