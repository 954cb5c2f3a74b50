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
            Language::German => format!("Noch {amount} bis zum kostenlosen Versand"),
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

    /// "This order earns 45 points", with `points` already formatted.
    pub fn order_earns(self, points: &str, singular: bool) -> String {
        match (self, singular) {
            (Language::English, true) => format!("This order earns {points} point"),
            (Language::English, false) => format!("This order earns {points} points"),
            (Language::German, true) => format!("Mit dieser Bestellung sammelst du {points} Punkt"),
            (Language::German, false) => format!("Mit dieser Bestellung sammelst du {points} Punkte"),
        }
    }

    /// For guests: "Join and earn 45 points with this order".
    pub fn join_to_earn(self, points: &str, singular: bool) -> String {
        match (self, singular) {
            (Language::English, true) => format!("Join and earn {points} point with this order"),
            (Language::English, false) => format!("Join and earn {points} points with this order"),
            (Language::German, true) => format!("Melde dich an und sammle {points} Punkt mit dieser Bestellung"),
            (Language::German, false) => format!("Melde dich an und sammle {points} Punkte mit dieser Bestellung"),
        }
    }
}
