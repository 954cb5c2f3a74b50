//! Actions: fixed points for things a member does besides buying, with caps.

use super::error::InputError;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// Something a member does that can earn points.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Action {
    Signup,
    ProfileCompletion,
    Newsletter,
    Review,
    PhotoReview,
    SocialShare,
    Survey,
    ContestEntry,
    Birthday,
    /// The advocate's reward when a referred friend's first order is paid.
    Referral,
}

/// How often an action can earn.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Cap {
    /// `limit` times ever (default: once).
    #[default]
    Once,
    /// `limit` times per UTC calendar day.
    PerDay,
    /// `limit` times per UTC calendar year.
    PerYear,
    /// No cap.
    Unlimited,
}

/// `points` for `action`, at most `limit` times per `cap`.
///
/// ```json
/// [ { "action": "signup", "points": 200 },
///   { "action": "review", "points": 50, "cap": "perDay", "limit": 2 },
///   { "action": "birthday", "points": 100, "cap": "perYear" } ]
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct ActionRule {
    pub action: Action,
    pub points: i64,
    #[serde(default)]
    pub cap: Cap,
    #[serde(default = "one")]
    pub limit: i64,
}

pub(crate) fn one() -> i64 {
    1
}

/// An action the member did earlier, as the ledger recorded it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct PastAction {
    pub action: Action,
    pub at: Timestamp,
}

/// Points to award for an action. `rule` (`"action:<name>"`) is what the ledger records.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionAward {
    pub rule: String,
    pub points: i64,
}

/// Why an action earns nothing.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "reason")]
pub enum ActionRefusal {
    /// The program gives no points for this action.
    NotInProgram,
    /// The member has reached the cap; `limit` per `cap`.
    CapReached { cap: Cap, limit: i64 },
}

/// Records every problem with the action rules in `errors`, paths under `program.actions`.
pub fn check(rules: &[ActionRule], errors: &mut InputError) {
    for (index, rule) in rules.iter().enumerate() {
        let path = |field: &str| format!("program.actions[{index}].{field}");
        errors.require((1..=1_000_000).contains(&rule.points), || path("points"), "must be from 1 to 1000000");
        errors.require((1..=1000).contains(&rule.limit), || path("limit"), "must be from 1 to 1000");
        let twice = rules[..index].iter().any(|other| other.action == rule.action);
        errors.require(!twice, || path("action"), "has a rule already");
    }
}

/// The points `action` earns at `now` for a member whose earlier awarded
/// actions are `history`, or why it earns none. The cap counts earlier awards
/// of the same action in the same window: ever (`once`), the same UTC day
/// (`perDay`) or the same UTC year (`perYear`).
pub fn award_action(
    rules: &[ActionRule],
    action: Action,
    history: &[PastAction],
    now: Timestamp,
) -> Result<ActionAward, ActionRefusal> {
    let rule = rules.iter().find(|rule| rule.action == action).ok_or(ActionRefusal::NotInProgram)?;
    let today = now.date();
    let same_window = |at: Timestamp| match rule.cap {
        Cap::Once => true,
        Cap::PerDay => at.date() == today,
        Cap::PerYear => at.date().year() == today.year(),
        Cap::Unlimited => false,
    };
    let earlier = history.iter().filter(|past| past.action == action && past.at <= now && same_window(past.at)).count();
    if rule.cap != Cap::Unlimited && earlier as i64 >= rule.limit {
        return Err(ActionRefusal::CapReached { cap: rule.cap, limit: rule.limit });
    }
    let name = serde_name(action);
    Ok(ActionAward { rule: format!("action:{name}"), points: rule.points })
}

/// The JSON name of an action, e.g. `"photoReview"`.
pub fn serde_name(action: Action) -> &'static str {
    match action {
        Action::Signup => "signup",
        Action::ProfileCompletion => "profileCompletion",
        Action::Newsletter => "newsletter",
        Action::Review => "review",
        Action::PhotoReview => "photoReview",
        Action::SocialShare => "socialShare",
        Action::Survey => "survey",
        Action::ContestEntry => "contestEntry",
        Action::Birthday => "birthday",
        Action::Referral => "referral",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Vec<ActionRule> {
        serde_json::from_str(
            r#"[{"action":"signup","points":200},{"action":"review","points":50,"cap":"perDay","limit":2},
                {"action":"birthday","points":100,"cap":"perYear"},{"action":"socialShare","points":5,"cap":"unlimited"}]"#,
        )
        .unwrap()
    }

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn past(action: Action, when: &str) -> PastAction {
        PastAction { action, at: at(when) }
    }

    #[test]
    fn caps_count_earlier_awards_in_their_window() {
        let now = at("2025-06-01T18:00:00Z");
        assert_eq!(award_action(&rules(), Action::Signup, &[], now).unwrap().points, 200);
        let signed_up = [past(Action::Signup, "2024-01-01T00:00:00Z")];
        assert_eq!(
            award_action(&rules(), Action::Signup, &signed_up, now),
            Err(ActionRefusal::CapReached { cap: Cap::Once, limit: 1 })
        );
        let reviews = [past(Action::Review, "2025-05-31T23:00:00Z"), past(Action::Review, "2025-06-01T08:00:00Z")];
        assert_eq!(award_action(&rules(), Action::Review, &reviews, now).unwrap().rule, "action:review");
        let more = [reviews[1], past(Action::Review, "2025-06-01T09:00:00Z")];
        assert!(award_action(&rules(), Action::Review, &more, now).is_err());
        let birthday = [past(Action::Birthday, "2024-06-01T00:00:00Z")];
        assert!(award_action(&rules(), Action::Birthday, &birthday, now).is_ok());
        let shares = vec![past(Action::SocialShare, "2025-06-01T00:00:00Z"); 50];
        assert!(award_action(&rules(), Action::SocialShare, &shares, now).is_ok());
        assert_eq!(award_action(&rules(), Action::Survey, &[], now), Err(ActionRefusal::NotInProgram));
    }

    #[test]
    fn names_match_json() {
        let json = serde_json::to_string(&Action::PhotoReview).unwrap();
        assert_eq!(json, format!("\"{}\"", serde_name(Action::PhotoReview)));
    }
}
