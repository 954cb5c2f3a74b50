//! Reads the program's segments and offers (`program.segments[]`,
//! `program.offers[]`), and the purchases on a member's past orders.

use super::lifecycle::STAGES;
use super::object::{FromJs, JsObject};
use crate::engine::error::InputError;
use crate::engine::offers::Offer;
use crate::engine::segments::Segment;

impl FromJs for Segment {
    fn from_js(segment: &JsObject) -> Result<Segment, InputError> {
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
        ])?;
        let mut stages = Vec::new();
        for (index, name) in segment.strings("stages")?.iter().enumerate() {
            let stage = STAGES.iter().find(|(known, _)| known == name).map(|(_, stage)| *stage);
            let path = || format!("{}[{index}]", segment.path("stages"));
            stages.push(stage.ok_or_else(|| InputError::field(path(), format!("unknown variant `{name}`")))?);
        }
        Ok(Segment {
            id: segment.string("id")?,
            name: segment.string_or_empty("name")?,
            products: segment.strings("products")?,
            collections: segment.strings("collections")?,
            within_days: segment.maybe_integer("withinDays")?,
            stages,
            tiers: segment.strings("tiers")?,
            minimum_spend: segment.optional_integer("minimumSpend")?,
        })
    }
}

impl FromJs for Offer {
    fn from_js(offer: &JsObject) -> Result<Offer, InputError> {
        #[cfg(not(feature = "lenient"))]
        offer.deny_unknown(&["id", "name", "segment", "startsAt", "endsAt", "percent", "products", "collections"])?;
        Ok(Offer {
            id: offer.string("id")?,
            name: offer.string("name")?,
            segment: offer.string("segment")?,
            starts_at: offer.timestamp("startsAt")?,
            ends_at: offer.timestamp("endsAt")?,
            percent: offer.integer("percent")?,
            products: offer.strings("products")?,
            collections: offer.strings("collections")?,
        })
    }
}
