//! The words the widgets show, in every language treu speaks.

use crate::engine::actions::Action;

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

    /// Title of the launcher panel and label of its button for guests.
    pub fn rewards(self) -> &'static str {
        match self {
            Language::English => "Rewards",
            Language::German => "Prämien",
        }
    }

    /// The launcher button for members: "1,250 points".
    pub fn points(self, points: &str, singular: bool) -> String {
        match (self, singular) {
            (Language::English, true) => format!("{points} point"),
            (Language::English, false) => format!("{points} points"),
            (Language::German, true) => format!("{points} Punkt"),
            (Language::German, false) => format!("{points} Punkte"),
        }
    }

    /// "+50 points" next to a way to earn.
    pub fn plus_points(self, points: &str, singular: bool) -> String {
        format!("+{}", self.points(points, singular))
    }

    /// "Earn 1 point for every €1.00 you spend."
    pub fn earn_rate(self, points: &str, singular: bool, per: &str) -> String {
        match (self, singular) {
            (Language::English, true) => format!("Earn {points} point for every {per} you spend."),
            (Language::English, false) => format!("Earn {points} points for every {per} you spend."),
            (Language::German, true) => format!("Sammle {points} Punkt pro {per} Einkaufswert."),
            (Language::German, false) => format!("Sammle {points} Punkte pro {per} Einkaufswert."),
        }
    }

    /// Heading of the list of actions that earn points.
    pub fn ways_to_earn(self) -> &'static str {
        match self {
            Language::English => "Ways to earn",
            Language::German => "So sammelst du Punkte",
        }
    }

    /// Heading of the list of rewards.
    pub fn ways_to_redeem(self) -> &'static str {
        match self {
            Language::English => "Ways to redeem",
            Language::German => "So löst du Punkte ein",
        }
    }

    /// What an action is, in the shopper's words.
    pub fn action(self, action: Action) -> &'static str {
        use Action::*;
        match (self, action) {
            (Language::English, Signup) => "Create an account",
            (Language::English, ProfileCompletion) => "Complete your profile",
            (Language::English, Newsletter) => "Sign up for the newsletter",
            (Language::English, Review) => "Write a review",
            (Language::English, PhotoReview) => "Review with a photo",
            (Language::English, SocialShare) => "Share on social media",
            (Language::English, Survey) => "Answer a survey",
            (Language::English, ContestEntry) => "Enter a contest",
            (Language::English, Birthday) => "Celebrate your birthday",
            (Language::English, Referral) => "Refer a friend",
            (Language::German, Signup) => "Kundenkonto anlegen",
            (Language::German, ProfileCompletion) => "Profil vervollständigen",
            (Language::German, Newsletter) => "Newsletter abonnieren",
            (Language::German, Review) => "Bewertung schreiben",
            (Language::German, PhotoReview) => "Bewertung mit Foto",
            (Language::German, SocialShare) => "In sozialen Medien teilen",
            (Language::German, Survey) => "An einer Umfrage teilnehmen",
            (Language::German, ContestEntry) => "Am Gewinnspiel teilnehmen",
            (Language::German, Birthday) => "Geburtstag feiern",
            (Language::German, Referral) => "Freunde werben",
        }
    }

    /// Call to action for guests.
    pub fn join(self) -> &'static str {
        match self {
            Language::English => "Join now",
            Language::German => "Jetzt Mitglied werden",
        }
    }

    /// Sign-in link for guests who are members already.
    pub fn sign_in(self) -> &'static str {
        match self {
            Language::English => "Sign in",
            Language::German => "Anmelden",
        }
    }

    /// Guests' invitation above the join button.
    pub fn guest_intro(self) -> &'static str {
        match self {
            Language::English => {
                "Join our rewards program: collect points with every order and redeem them for discounts."
            }
            Language::German => "Werde Mitglied: Sammle mit jeder Bestellung Punkte und löse sie gegen Rabatte ein.",
        }
    }

    /// Accessible name of the panel's close button.
    pub fn close(self) -> &'static str {
        match self {
            Language::English => "Close",
            Language::German => "Schließen",
        }
    }
}
