//! The words the widgets show, in every language treu speaks: one table per
//! language (`messages/english.rs`, `messages/german.rs`, both of the shape
//! of `messages/texts.rs`); the methods here pick the language's text and
//! put the values in. A language is added as a table, not as match arms.

mod english;
mod german;
mod texts;

use texts::Texts;

/// A language of the widgets; unknown locales fall back to English.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Language {
    English,
    German,
}

/// `template` with each `{name}` replaced by its value in `values`; a name
/// without a value stays as written. Split at the braces rather than sliced
/// by index, so that no bounds check (and its panic wording) is linked in.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        let Some((name, after_name)) = after.split_once('}') else { break };
        text.push_str(before);
        match values.iter().find(|(key, _)| *key == name) {
            Some((_, value)) => text.push_str(value),
            None => {
                text.push('{');
                text.push_str(name);
                text.push('}');
            }
        }
        rest = after_name;
    }
    text.push_str(rest);
    text
}

/// Which text of a pair: the one for a count of one, or the other.
fn one_or_other(singular: bool) -> usize {
    if singular {
        0
    } else {
        1
    }
}

impl Language {
    /// The language for a BCP 47 locale tag such as `de-DE` or `en`.
    pub fn for_locale(locale: &str) -> Language {
        let primary = locale.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "de" => Language::German,
            _ => Language::English,
        }
    }

    /// The language's BCP 47 tag: `en`, `de`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
        }
    }

    /// This language's table of words.
    fn texts(self) -> &'static Texts {
        match self {
            Language::English => &english::TEXTS,
            Language::German => &german::TEXTS,
        }
    }

    /// "Give friends a present: €10.00 off for their first order from €40.00.
    /// You get 500 points when they order." Amounts and points formatted.
    pub fn referral_offer(self, friend_gets: &str, minimum: Option<&str>, you_get: Option<&str>) -> String {
        let texts = self.texts();
        let mut text = match minimum {
            Some(minimum) => fill(texts.referral_offer_minimum, &[("friend_gets", friend_gets), ("minimum", minimum)]),
            None => fill(texts.referral_offer, &[("friend_gets", friend_gets)]),
        };
        if let Some(points) = you_get {
            text.push_str(&fill(texts.referral_you_get, &[("points", points)]));
        }
        text
    }

    /// Accessible name of the launcher button for members: "Rewards: 1,250 points".
    pub fn rewards_with(self, points: &str) -> String {
        format!("{}: {points}", self.rewards())
    }

    /// "€4.01 to free shipping", with `amount` already formatted.
    pub fn remaining_to_free_shipping(self, amount: &str) -> String {
        fill(self.texts().remaining_to_free_shipping, &[("amount", amount)])
    }

    /// Shown once the cart ships free.
    pub fn free_shipping_unlocked(self) -> &'static str {
        self.texts().free_shipping_unlocked
    }

    /// Accessible name of the progress bar.
    pub fn free_shipping_progress(self) -> &'static str {
        self.texts().free_shipping_progress
    }

    /// "This order earns 45 points", with `points` already formatted.
    pub fn order_earns(self, points: &str, singular: bool) -> String {
        fill(self.texts().order_earns[one_or_other(singular)], &[("points", points)])
    }

    /// For guests: "Earn 45 points as a member".
    pub fn join_to_earn(self, points: &str, singular: bool) -> String {
        fill(self.texts().join_to_earn[one_or_other(singular)], &[("points", points)])
    }

    /// Title of the launcher panel and label of its button for guests.
    pub fn rewards(self) -> &'static str {
        self.texts().rewards
    }

    /// The launcher button for members: "1,250 points".
    pub fn points(self, points: &str, singular: bool) -> String {
        fill(self.texts().points[one_or_other(singular)], &[("points", points)])
    }

    /// "Earn 1 point for every €1.00 you spend."
    pub fn earn_rate(self, points: &str, singular: bool, per: &str) -> String {
        fill(self.texts().earn_rate[one_or_other(singular)], &[("points", points), ("per", per)])
    }

    /// Accessible name of the panel's close button.
    pub fn close(self) -> &'static str {
        self.texts().close
    }

    /// A segment's offer beside the points line: "For you: Double points on beans".
    pub fn offer_for_you(self, offer: &str) -> String {
        fill(self.texts().offer_for_you, &[("offer", offer)])
    }

    /// The `<treu-points>` line away from the cart: "You have 1,250 points".
    pub fn you_have(self, points: &str, singular: bool) -> String {
        fill(self.texts().you_have[one_or_other(singular)], &[("points", points)])
    }

    /// Heading of the win-back offer.
    pub fn welcome_back(self) -> &'static str {
        self.texts().welcome_back
    }

    /// "15 % off", "€5.00 off", "Free shipping"; `value` already formatted.
    pub fn percent_off(self, percent: &str) -> String {
        fill(self.texts().percent_off, &[("percent", percent)])
    }

    pub fn amount_off(self, amount: &str) -> String {
        fill(self.texts().amount_off, &[("amount", amount)])
    }

    pub fn free_shipping(self) -> &'static str {
        self.texts().free_shipping
    }

    /// " on orders from €40.00" appended to a discount.
    pub fn with_minimum(self, discount: &str, minimum: &str) -> String {
        fill(self.texts().with_minimum, &[("discount", discount), ("minimum", minimum)])
    }

    /// Announced when a code was issued.
    pub fn code_ready(self, code: &str) -> String {
        fill(self.texts().code_ready, &[("code", code)])
    }

    /// A redemption that failed, with the host's reason.
    pub fn redeem_failed(self, reason: &str) -> String {
        fill(self.texts().redeem_failed, &[("reason", reason)])
    }

    /// When the network or the API is down.
    pub fn try_again_later(self) -> &'static str {
        self.texts().try_again_later
    }

    /// Copy button and its confirmation.
    pub fn copy(self) -> &'static str {
        self.texts().copy
    }

    pub fn copied(self) -> &'static str {
        self.texts().copied
    }

    /// Accessible name of a copy button: "Copy code TREU-…".
    pub fn copy_label(self, what: &str) -> String {
        fill(self.texts().copy_label, &[("what", what)])
    }

    pub fn share(self) -> &'static str {
        self.texts().share
    }

    /// Heading and text of the referral section.
    pub fn refer_a_friend(self) -> &'static str {
        self.texts().refer_a_friend
    }

    /// Accessible name of the referral link field.
    pub fn referral_link(self) -> &'static str {
        self.texts().referral_link
    }

    /// "2 friends have ordered through your link."
    pub fn friends_converted(self, count: &str, singular: bool) -> String {
        fill(self.texts().friends_converted[one_or_other(singular)], &[("count", count)])
    }

    /// Text of the share sheet.
    pub fn share_text(self) -> &'static str {
        self.texts().share_text
    }

    /// A redemption waiting for the shop to be reachable again.
    pub fn redeem_queued(self) -> &'static str {
        self.texts().redeem_queued
    }
}

#[cfg(test)]
mod tests {
    use super::{fill, Language};
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn fill_puts_values_in_and_keeps_unknown_names() {
        assert_eq!(fill("Noch {amount} bis {tier}", &[("amount", "€4"), ("tier", "Gold")]), "Noch €4 bis Gold");
        assert_eq!(fill("{a}{b}", &[("a", "1"), ("b", "2")]), "12");
        assert_eq!(fill("{unknown} and {", &[("a", "1")]), "{unknown} and {");
        assert_eq!(fill("no names", &[]), "no names");
    }

    #[test]
    fn every_language_fills_every_value() {
        for language in [Language::English, Language::German] {
            let texts = [
                language.earn_rate("1", false, "€1.00"),
                language.referral_offer("€10 off", Some("€40"), Some("500 points")),
                language.friends_converted("2", false),
            ];
            for text in texts {
                assert!(!text.contains('{') && !text.contains('}'), "{text}");
            }
        }
        assert_eq!(Language::German.points("1", true), "1 Punkt");
        assert_eq!(Language::English.order_earns("45", false), "This order earns 45 points");
    }
}
