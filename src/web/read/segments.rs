//! Reads the program's segments and offers (`program.segments[]`,
//! `program.offers[]`), and the purchases on a member's past orders.

use super::lifecycle::STAGES;
use super::object::{FromJs, JsObject};
use crate::engine::offers::Offer;
use crate::engine::segments::Segment;

impl FromJs for Segment {
    fn from_js(segment: &JsObject) -> Segment {
        #[cfg(not(feature = "lenient"))]
        segment.deny_unknown(&[
            "id",
            "name",
            "products",
            "collections",
            "withinDays",
            "stages",
            "tiers",
            "minimumSpend",
        ]);
        let mut stages = Vec::new();
        for (index, name) in segment.strings("stages").iter().enumerate() {
            match STAGES.iter().find(|(known, _)| known == name) {
                Some((_, stage)) => stages.push(*stage),
                None => {
                    segment.fail(format!("{}[{index}]", segment.path("stages")), format!("unknown variant `{name}`"))
                }
            }
        }
        Segment {
            id: segment.string("id"),
            name: segment.string_or_empty("name"),
            products: segment.strings("products"),
            collections: segment.strings("collections"),
            within_days: segment.maybe_integer("withinDays"),
            stages,
            tiers: segment.strings("tiers"),
            minimum_spend: segment.optional_integer("minimumSpend"),
        }
    }
}

impl FromJs for Offer {
    fn from_js(offer: &JsObject) -> Offer {
        #[cfg(not(feature = "lenient"))]
        offer.deny_unknown(&["id", "name", "segment", "startsAt", "endsAt", "percent", "products", "collections"]);
        Offer {
            id: offer.string("id"),
            name: offer.string("name"),
            segment: offer.string("segment"),
            starts_at: offer.timestamp("startsAt"),
            ends_at: offer.timestamp("endsAt"),
            percent: offer.integer("percent"),
            products: offer.strings("products"),
            collections: offer.strings("collections"),
        }
    }
}
