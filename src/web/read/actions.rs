//! Reads the program's action rules (`program.actions[]`).

use super::object::{FromJs, JsObject};
use crate::engine::actions::{one, Action, ActionRule, Cap};

/// The actions by their JSON names.
pub const ACTIONS: [(&str, Action); 10] = [
    ("signup", Action::Signup),
    ("profileCompletion", Action::ProfileCompletion),
    ("newsletter", Action::Newsletter),
    ("review", Action::Review),
    ("photoReview", Action::PhotoReview),
    ("socialShare", Action::SocialShare),
    ("survey", Action::Survey),
    ("contestEntry", Action::ContestEntry),
    ("birthday", Action::Birthday),
    ("referral", Action::Referral),
];

/// How often an action earns, by JSON name.
pub const CAPS: [(&str, Cap); 4] =
    [("once", Cap::Once), ("perDay", Cap::PerDay), ("perYear", Cap::PerYear), ("unlimited", Cap::Unlimited)];

impl FromJs for ActionRule {
    fn from_js(rule: &JsObject) -> ActionRule {
        #[cfg(not(feature = "lenient"))]
        rule.deny_unknown(&["action", "points", "cap", "limit"]);
        ActionRule {
            action: rule.one_of("action", &ACTIONS),
            points: rule.integer("points"),
            cap: rule.one_of_or("cap", &CAPS, Cap::default()),
            limit: rule.integer_or("limit", one()),
        }
    }
}
