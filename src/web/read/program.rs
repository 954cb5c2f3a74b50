//! Reads the merchant's program (`GET /v1/program`, its cached copy,
//! `configure({ program })`) with its spend-earning and free-shipping
//! sections; the other sections have a reader file each.

use super::object::{FromJs, JsObject};
use crate::engine::campaigns::hundred;
use crate::engine::earning::{EarnRate, EarningRules, Multiplier};
use crate::engine::money::Rounding;
use crate::engine::program::{FreeShippingRules, Program, ShippingThreshold};

/// Rounding of fractional points, by JSON name.
pub const ROUNDINGS: [(&str, Rounding); 3] =
    [("down", Rounding::Down), ("nearest", Rounding::Nearest), ("up", Rounding::Up)];

impl FromJs for Program {
    fn from_js(program: &JsObject) -> Program {
        #[cfg(not(feature = "lenient"))]
        program.deny_unknown(&[
            "version",
            "currency",
            "earning",
            "actions",
            "campaigns",
            "redemptions",
            "tiers",
            "freeShipping",
            "referral",
            "lifecycle",
            "segments",
            "offers",
        ]);
        let version = program.count("version");
        Program {
            version: u32::try_from(version).unwrap_or_else(|_| {
                program.fail(program.path("version"), "must be a whole number below 2^32");
                0
            }),
            currency: program.currency("currency"),
            earning: program.or_default("earning"),
            actions: program.read_list("actions"),
            campaigns: program.read_list("campaigns"),
            redemptions: program.read_list("redemptions"),
            tiers: program.optional("tiers"),
            free_shipping: program.or_default("freeShipping"),
            referral: program.optional("referral"),
            lifecycle: program.or_default("lifecycle"),
            segments: program.read_list("segments"),
            offers: program.read_list("offers"),
        }
    }
}

impl FromJs for EarningRules {
    fn from_js(earning: &JsObject) -> EarningRules {
        #[cfg(not(feature = "lenient"))]
        earning.deny_unknown(&[
            "rates",
            "rounding",
            "excludedProducts",
            "excludedCollections",
            "multipliers",
            "returnWindowDays",
            "expiresAfterDays",
        ]);
        EarningRules {
            rates: earning.read_list("rates"),
            rounding: earning.one_of_or("rounding", &ROUNDINGS, Rounding::default()),
            excluded_products: earning.strings("excludedProducts"),
            excluded_collections: earning.strings("excludedCollections"),
            multipliers: earning.read_list("multipliers"),
            return_window_days: earning.optional_integer("returnWindowDays"),
            expires_after_days: earning.maybe_integer("expiresAfterDays"),
        }
    }
}

impl FromJs for EarnRate {
    fn from_js(rate: &JsObject) -> EarnRate {
        #[cfg(not(feature = "lenient"))]
        rate.deny_unknown(&["currency", "points", "per"]);
        EarnRate { currency: rate.currency("currency"), points: rate.integer("points"), per: rate.integer("per") }
    }
}

impl FromJs for Multiplier {
    fn from_js(multiplier: &JsObject) -> Multiplier {
        #[cfg(not(feature = "lenient"))]
        multiplier.deny_unknown(&["id", "name", "percent", "products", "collections", "segment"]);
        Multiplier {
            id: multiplier.string("id"),
            name: multiplier.string_or_empty("name"),
            percent: multiplier.integer_or("percent", hundred()),
            products: multiplier.strings("products"),
            collections: multiplier.strings("collections"),
            segment: multiplier.optional_string("segment"),
        }
    }
}

impl FromJs for FreeShippingRules {
    fn from_js(rules: &JsObject) -> FreeShippingRules {
        #[cfg(not(feature = "lenient"))]
        rules.deny_unknown(&["thresholds", "excludedProducts", "excludedCollections"]);
        FreeShippingRules {
            thresholds: rules.read_list("thresholds"),
            excluded_products: rules.strings("excludedProducts"),
            excluded_collections: rules.strings("excludedCollections"),
        }
    }
}

impl FromJs for ShippingThreshold {
    fn from_js(threshold: &JsObject) -> ShippingThreshold {
        #[cfg(not(feature = "lenient"))]
        threshold.deny_unknown(&["currency", "minimum", "market", "tier"]);
        ShippingThreshold {
            currency: threshold.currency("currency"),
            minimum: threshold.integer("minimum"),
            market: threshold.optional_string("market"),
            tier: threshold.optional_string("tier"),
        }
    }
}
