//! Reads the program's campaigns (`program.campaigns[]`).

use super::object::{FromJs, JsObject};
use crate::engine::campaigns::{hundred, Campaign};

impl FromJs for Campaign {
    fn from_js(campaign: &JsObject) -> Campaign {
        #[cfg(not(feature = "lenient"))]
        campaign.deny_unknown(&[
            "id",
            "name",
            "startsAt",
            "endsAt",
            "percent",
            "bonusPoints",
            "minimumSpend",
            "products",
            "collections",
            "tiers",
            "segment",
        ]);
        Campaign {
            id: campaign.string("id"),
            name: campaign.string_or_empty("name"),
            starts_at: campaign.timestamp("startsAt"),
            ends_at: campaign.timestamp("endsAt"),
            percent: campaign.integer_or("percent", hundred()),
            bonus_points: campaign.optional_integer("bonusPoints"),
            minimum_spend: campaign.optional_integer("minimumSpend"),
            products: campaign.strings("products"),
            collections: campaign.strings("collections"),
            tiers: campaign.strings("tiers"),
            segment: campaign.optional_string("segment"),
        }
    }
}
