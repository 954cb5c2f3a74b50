//! Reads the program's lifecycle section: customer stages and the win-back offer.

use super::object::{FromJs, JsObject};
use crate::engine::lifecycle::{default_at_risk, default_lapsed, default_valid_days, LifecycleRules, Stage, WinBack};

/// Customer stages by JSON name.
pub const STAGES: [(&str, Stage); 5] = [
    ("prospect", Stage::Prospect),
    ("new", Stage::New),
    ("repeat", Stage::Repeat),
    ("atRisk", Stage::AtRisk),
    ("lapsed", Stage::Lapsed),
];

impl FromJs for LifecycleRules {
    fn from_js(rules: &JsObject) -> LifecycleRules {
        #[cfg(not(feature = "lenient"))]
        rules.deny_unknown(&["atRiskAfterDays", "lapsedAfterDays", "winBack"]);
        LifecycleRules {
            at_risk_after_days: rules.integer_or("atRiskAfterDays", default_at_risk()),
            lapsed_after_days: rules.integer_or("lapsedAfterDays", default_lapsed()),
            win_back: rules.optional("winBack"),
        }
    }
}

impl FromJs for WinBack {
    fn from_js(offer: &JsObject) -> WinBack {
        #[cfg(not(feature = "lenient"))]
        offer.deny_unknown(&["name", "discount", "validDays"]);
        WinBack {
            name: offer.string_or_empty("name"),
            discount: offer.read("discount"),
            valid_days: offer.integer_or("validDays", default_valid_days()),
        }
    }
}
