//! Reads the program's VIP tiers.

use super::object::{FromJs, JsObject};
use crate::engine::campaigns::hundred;
use crate::engine::tiers::{TierBasis, TierLevel, TierPeriod, TierRules};

/// What a tier counts, by JSON name.
pub const TIER_BASES: [(&str, TierBasis); 2] = [("pointsEarned", TierBasis::PointsEarned), ("spend", TierBasis::Spend)];

/// Over which time a tier counts, by JSON name.
pub const TIER_PERIODS: [(&str, TierPeriod); 3] =
    [("calendarYear", TierPeriod::CalendarYear), ("rolling", TierPeriod::Rolling), ("lifetime", TierPeriod::Lifetime)];

impl FromJs for TierRules {
    fn from_js(tiers: &JsObject) -> TierRules {
        #[cfg(not(feature = "lenient"))]
        tiers.deny_unknown(&["basis", "period", "rollingDays", "levels"]);
        TierRules {
            basis: tiers.one_of("basis", &TIER_BASES),
            period: tiers.one_of("period", &TIER_PERIODS),
            rolling_days: tiers.maybe_integer("rollingDays"),
            levels: tiers.read_required_list("levels"),
        }
    }
}

impl FromJs for TierLevel {
    fn from_js(level: &JsObject) -> TierLevel {
        #[cfg(not(feature = "lenient"))]
        level.deny_unknown(&["id", "name", "threshold", "earnPercent", "earlyAccess"]);
        TierLevel {
            id: level.string("id"),
            name: level.string("name"),
            threshold: level.integer("threshold"),
            earn_percent: level.integer_or("earnPercent", hundred()),
            early_access: level.optional_bool("earlyAccess", false),
        }
    }
}
