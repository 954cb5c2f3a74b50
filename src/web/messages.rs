//! The words the widgets show, in every language treu speaks.

/// A language of the widgets; unknown locales fall back to English.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Language {
    English,
    German,
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

    /// "€4.01 to free shipping", with `amount` already formatted.
    pub fn remaining_to_free_shipping(self, amount: &str) -> String {
        match self {
            Language::English => format!("{amount} to free shipping"),
            Language::German => format!("Noch {amount} bis versandkostenfrei"),
        }
    }

    /// Shown once the cart ships free.
    pub fn free_shipping_unlocked(self) -> &'static str {
        match self {
            Language::English => "Free shipping unlocked",
            Language::German => "Kostenloser Versand freigeschaltet",
        }
    }

    /// Accessible name of the progress bar.
    pub fn free_shipping_progress(self) -> &'static str {
        match self {
            Language::English => "Progress to free shipping",
            Language::German => "Fortschritt zum kostenlosen Versand",
        }
    }

    // Every text fits one line of a narrow cart column: the widgets reserve one
    // line and truncate rather than grow, so they can never shift the page.

    /// "This order earns 45 points", with `points` already formatted.
    pub fn order_earns(self, points: &str, singular: bool) -> String {
        match (self, singular) {
            (Language::English, true) => format!("This order earns {points} point"),
            (Language::English, false) => format!("This order earns {points} points"),
            (Language::German, true) => format!("Diese Bestellung bringt {points} Punkt"),
            (Language::German, false) => format!("Diese Bestellung bringt {points} Punkte"),
        }
    }

    /// For guests: "Earn 45 points as a member".
    pub fn join_to_earn(self, points: &str, singular: bool) -> String {
        match (self, singular) {
            (Language::English, true) => format!("Earn {points} point as a member"),
            (Language::English, false) => format!("Earn {points} points as a member"),
            (Language::German, true) => format!("Als Mitglied {points} Punkt sammeln"),
            (Language::German, false) => format!("Als Mitglied {points} Punkte sammeln"),
        }
    }
}
