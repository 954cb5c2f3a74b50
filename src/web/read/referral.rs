//! Reads the program's referral rules.

use super::object::{FromJs, JsObject};
use crate::engine::referral::{default_attribution_days, ReferralRules};

impl FromJs for ReferralRules {
    fn from_js(rules: &JsObject) -> ReferralRules {
        #[cfg(not(feature = "lenient"))]
        rules.deny_unknown(&["friendDiscount", "attributionDays", "maxRewardsPerDay"]);
        ReferralRules {
            friend_discount: rules.read("friendDiscount"),
            attribution_days: rules.integer_or("attributionDays", default_attribution_days()),
            max_rewards_per_day: rules.maybe_integer("maxRewardsPerDay"),
        }
    }
}
