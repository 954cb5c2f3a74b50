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

    /// Greeting above a member's balance.
    pub fn greeting(self, name: Option<&str>) -> String {
        match (self, name) {
            (Language::English, Some(name)) => format!("Hi {name}, you have"),
            (Language::English, None) => "You have".to_owned(),
            (Language::German, Some(name)) => format!("Hallo {name}, du hast"),
            (Language::German, None) => "Du hast".to_owned(),
        }
    }

    /// Points earned but inside the return window.
    pub fn pending_points(self, points: &str) -> String {
        match self {
            Language::English => format!("+{points} pending, available once the return window has passed"),
            Language::German => format!("+{points} vorgemerkt, verfügbar nach Ablauf der Rückgabefrist"),
        }
    }

    /// Shown when a refund took the balance below zero.
    pub fn negative_balance(self) -> &'static str {
        match self {
            Language::English => "A refund took back points you had already spent; new orders fill the gap first.",
            Language::German => {
                "Eine Erstattung hat bereits ausgegebene Punkte zurückgebucht; neue Bestellungen gleichen das zuerst aus."
            }
        }
    }

    /// The `<treu-points>` line away from the cart: "You have 1,250 points".
    pub fn you_have(self, points: &str, singular: bool) -> String {
        match (self, singular) {
            (Language::English, true) => format!("You have {points} point"),
            (Language::English, false) => format!("You have {points} points"),
            (Language::German, true) => format!("Du hast {points} Punkt"),
            (Language::German, false) => format!("Du hast {points} Punkte"),
        }
    }

    /// "Silver member".
    pub fn tier_held(self, tier: &str) -> String {
        match self {
            Language::English => format!("{tier} member"),
            Language::German => format!("{tier}-Mitglied"),
        }
    }

    /// Progress to the next tier; `amount` is points or money, formatted.
    pub fn to_next_tier(self, amount: &str, tier: &str) -> String {
        match self {
            Language::English => format!("{amount} more to reach {tier}"),
            Language::German => format!("Noch {amount} bis {tier}"),
        }
    }

    /// Shown at the highest tier.
    pub fn top_tier(self) -> &'static str {
        match self {
            Language::English => "You have reached the highest tier.",
            Language::German => "Du hast die höchste Stufe erreicht.",
        }
    }

    /// Accessible name of the tier progress bar.
    pub fn tier_progress(self) -> &'static str {
        match self {
            Language::English => "Progress to the next tier",
            Language::German => "Fortschritt zur nächsten Stufe",
        }
    }

    /// Heading of the win-back offer.
    pub fn welcome_back(self) -> &'static str {
        match self {
            Language::English => "Welcome back!",
            Language::German => "Schön, dass du wieder da bist!",
        }
    }

    /// "Your next order: 15 % off. Valid for 14 days." `discount` formatted.
    pub fn win_back_offer(self, discount: &str, days: &str) -> String {
        match self {
            Language::English => format!("Your next order: {discount}. Valid for {days} days."),
            Language::German => format!("Deine nächste Bestellung: {discount}. Gültig für {days} Tage."),
        }
    }

    /// "Your next order: 15 % off with this code:" above the code.
    pub fn win_back_with_code(self, discount: &str) -> String {
        match self {
            Language::English => format!("Your next order: {discount} with this code:"),
            Language::German => format!("Deine nächste Bestellung: {discount} mit diesem Code:"),
        }
    }

    /// "Saves €3.00 on this cart."
    pub fn saves_on_cart(self, amount: &str) -> String {
        match self {
            Language::English => format!("Saves {amount} on this cart."),
            Language::German => format!("Spart {amount} bei diesem Warenkorb."),
        }
    }

    /// "15 % off", "€5.00 off", "Free shipping"; `value` already formatted.
    pub fn percent_off(self, percent: &str) -> String {
        match self {
            Language::English => format!("{percent} % off"),
            Language::German => format!("{percent} % Rabatt"),
        }
    }

    pub fn amount_off(self, amount: &str) -> String {
        match self {
            Language::English => format!("{amount} off"),
            Language::German => format!("{amount} Rabatt"),
        }
    }

    pub fn free_shipping(self) -> &'static str {
        match self {
            Language::English => "Free shipping",
            Language::German => "Kostenloser Versand",
        }
    }

    /// " on orders from €40.00" appended to a discount.
    pub fn with_minimum(self, discount: &str, minimum: &str) -> String {
        match self {
            Language::English => format!("{discount} on orders from {minimum}"),
            Language::German => format!("{discount} ab {minimum} Bestellwert"),
        }
    }

    /// Heading of the member's unused discount codes.
    pub fn your_codes(self) -> &'static str {
        match self {
            Language::English => "Your discount codes",
            Language::German => "Deine Rabattcodes",
        }
    }

    /// "Valid until 7 Dec 2026"; `date` formatted.
    pub fn valid_until(self, date: &str) -> String {
        match self {
            Language::English => format!("Valid until {date}"),
            Language::German => format!("Gültig bis {date}"),
        }
    }

    /// Button that redeems a reward.
    pub fn redeem(self) -> &'static str {
        match self {
            Language::English => "Redeem",
            Language::German => "Einlösen",
        }
    }

    /// Accessible name of a redeem button: "Redeem €5 off for 500 points".
    pub fn redeem_label(self, reward: &str, points: &str) -> String {
        match self {
            Language::English => format!("Redeem {reward} for {points}"),
            Language::German => format!("{reward} für {points} einlösen"),
        }
    }

    /// While a redemption is on its way.
    pub fn redeeming(self) -> &'static str {
        match self {
            Language::English => "Redeeming…",
            Language::German => "Wird eingelöst …",
        }
    }

    /// "120 more points needed".
    pub fn points_short(self, points: &str, singular: bool) -> String {
        match (self, singular) {
            (Language::English, true) => format!("{points} more point needed"),
            (Language::English, false) => format!("{points} more points needed"),
            (Language::German, true) => format!("Noch {points} Punkt nötig"),
            (Language::German, false) => format!("Noch {points} Punkte nötig"),
        }
    }

    /// Announced when a code was issued.
    pub fn code_ready(self, code: &str) -> String {
        match self {
            Language::English => format!("Your code {code} is ready. Use it at checkout."),
            Language::German => format!("Dein Code {code} ist bereit. Gib ihn an der Kasse ein."),
        }
    }

    /// A redemption that failed, with the host's reason.
    pub fn redeem_failed(self, reason: &str) -> String {
        match self {
            Language::English => format!("Could not redeem: {reason}"),
            Language::German => format!("Einlösen nicht möglich: {reason}"),
        }
    }

    /// When the network or the API is down.
    pub fn try_again_later(self) -> &'static str {
        match self {
            Language::English => "the shop cannot be reached right now. Please try again in a moment.",
            Language::German => "der Shop ist gerade nicht erreichbar. Bitte versuche es gleich noch einmal.",
        }
    }

    /// Copy button and its confirmation.
    pub fn copy(self) -> &'static str {
        match self {
            Language::English => "Copy",
            Language::German => "Kopieren",
        }
    }

    pub fn copied(self) -> &'static str {
        match self {
            Language::English => "Copied",
            Language::German => "Kopiert",
        }
    }

    /// Accessible name of a copy button: "Copy code TREU-…".
    pub fn copy_label(self, what: &str) -> String {
        match self {
            Language::English => format!("Copy {what}"),
            Language::German => format!("{what} kopieren"),
        }
    }

    pub fn share(self) -> &'static str {
        match self {
            Language::English => "Share",
            Language::German => "Teilen",
        }
    }

    /// A way to earn this member has done (and cannot repeat now).
    pub fn done(self) -> &'static str {
        match self {
            Language::English => "Done",
            Language::German => "Erledigt",
        }
    }

    /// A way to earn waiting for the shop's confirmation.
    pub fn awaiting_confirmation(self) -> &'static str {
        match self {
            Language::English => "Being checked",
            Language::German => "Wird geprüft",
        }
    }

    /// Heading and text of the referral section.
    pub fn refer_a_friend(self) -> &'static str {
        match self {
            Language::English => "Refer a friend",
            Language::German => "Freunde werben",
        }
    }

    /// "Give friends a present: €10.00 off for their first order from €40.00.
    /// You get 500 points when they order." Amounts and points formatted.
    pub fn referral_offer(self, friend_gets: &str, minimum: Option<&str>, you_get: Option<&str>) -> String {
        let mut text = match (self, minimum) {
            (Language::English, Some(minimum)) => {
                format!("Give friends a present: {friend_gets} for their first order from {minimum}.")
            }
            (Language::English, None) => format!("Give friends a present: {friend_gets} for their first order."),
            (Language::German, Some(minimum)) => {
                format!("Mach Freunden ein Geschenk: {friend_gets} für ihre erste Bestellung ab {minimum}.")
            }
            (Language::German, None) => format!("Mach Freunden ein Geschenk: {friend_gets} für ihre erste Bestellung."),
        };
        match (self, you_get) {
            (Language::English, Some(points)) => text.push_str(&format!(" You get {points} when they order.")),
            (Language::German, Some(points)) => text.push_str(&format!(" Du erhältst {points}, wenn sie bestellen.")),
            (_, None) => {}
        }
        text
    }

    /// Accessible name of the referral link field.
    pub fn referral_link(self) -> &'static str {
        match self {
            Language::English => "Your referral link",
            Language::German => "Dein Empfehlungslink",
        }
    }

    /// "2 friends have ordered through your link."
    pub fn friends_converted(self, count: &str, singular: bool) -> String {
        match (self, singular) {
            (Language::English, true) => format!("{count} friend has ordered through your link."),
            (Language::English, false) => format!("{count} friends have ordered through your link."),
            (Language::German, true) => format!("{count} Freund hat über deinen Link bestellt."),
            (Language::German, false) => format!("{count} Freunde haben über deinen Link bestellt."),
        }
    }

    /// Text of the share sheet.
    pub fn share_text(self) -> &'static str {
        match self {
            Language::English => "A present for your first order:",
            Language::German => "Ein Geschenk für deine erste Bestellung:",
        }
    }

    /// Heading of the history.
    pub fn recent_activity(self) -> &'static str {
        match self {
            Language::English => "Recent activity",
            Language::German => "Letzte Aktivitäten",
        }
    }

    /// What a ledger entry was, in the shopper's words.
    pub fn order_number(self, order: &str) -> String {
        match self {
            Language::English => format!("Order {order}"),
            Language::German => format!("Bestellung {order}"),
        }
    }

    pub fn refund_of(self, order: &str) -> String {
        match self {
            Language::English => format!("Refund of order {order}"),
            Language::German => format!("Erstattung zu Bestellung {order}"),
        }
    }

    pub fn redeemed_for(self, reward: &str) -> String {
        match self {
            Language::English => format!("Redeemed: {reward}"),
            Language::German => format!("Eingelöst: {reward}"),
        }
    }

    pub fn points_expired(self) -> &'static str {
        match self {
            Language::English => "Points expired",
            Language::German => "Punkte verfallen",
        }
    }

    pub fn adjustment(self) -> &'static str {
        match self {
            Language::English => "Adjustment by the shop",
            Language::German => "Korrektur durch den Shop",
        }
    }

    pub fn earned(self) -> &'static str {
        match self {
            Language::English => "Points earned",
            Language::German => "Punkte gesammelt",
        }
    }

    /// Accessible name of the launcher button for members: "Rewards: 1,250 points".
    pub fn rewards_with(self, points: &str) -> String {
        format!("{}: {points}", self.rewards())
    }

    /// The discount code a friend's referral link gave.
    pub fn welcome_gift(self) -> &'static str {
        match self {
            Language::English => "Welcome gift from a friend",
            Language::German => "Willkommensgeschenk von Freunden",
        }
    }

    /// A redemption waiting for the shop to be reachable again.
    pub fn redeem_queued(self) -> &'static str {
        match self {
            Language::English => "The shop cannot be reached right now. Your redemption is saved and completes as soon as it is back.",
            Language::German => "Der Shop ist gerade nicht erreichbar. Deine Einlösung ist gespeichert und wird abgeschlossen, sobald er wieder da ist.",
        }
    }
}
