//! Reads what points buy (`program.redemptions[]`).

use super::object::{FromJs, JsObject};
use crate::engine::redemption::{RedemptionOption, RewardKind};

/// Reward kinds by JSON name.
pub const REWARD_KINDS: [(&str, RewardKind); 4] = [
    ("amountOff", RewardKind::AmountOff),
    ("percentOff", RewardKind::PercentOff),
    ("freeShipping", RewardKind::FreeShipping),
    ("freeProduct", RewardKind::FreeProduct),
];

impl FromJs for RedemptionOption {
    fn from_js(option: &JsObject) -> RedemptionOption {
        #[cfg(not(feature = "lenient"))]
        option.deny_unknown(&[
            "id",
            "name",
            "kind",
            "points",
            "amount",
            "percent",
            "productId",
            "stepped",
            "minPoints",
            "maxPointsPerOrder",
            "minimumSpend",
            "codeValidDays",
        ]);
        RedemptionOption {
            id: option.string("id"),
            name: option.string_or_empty("name"),
            kind: option.one_of("kind", &REWARD_KINDS),
            points: option.integer("points"),
            amount: option.maybe_integer("amount"),
            percent: option.maybe_integer("percent"),
            product_id: option.optional_string("productId"),
            stepped: option.optional_bool("stepped", false),
            min_points: option.maybe_integer("minPoints"),
            max_points_per_order: option.maybe_integer("maxPointsPerOrder"),
            minimum_spend: option.optional_integer("minimumSpend"),
            code_valid_days: option.maybe_integer("codeValidDays"),
        }
    }
}
