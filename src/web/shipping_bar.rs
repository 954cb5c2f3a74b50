//! `<treu-shipping-bar>`: progress to free shipping. The bar's facts;
//! `pkg-template/treu_words.js` words them and `treu_widgets.js` draws them.

use super::view::{Amount, View};
use crate::engine::money::Money;

/// What the shipping bar shows.
#[derive(Debug, PartialEq, Eq)]
pub struct ShippingBarFacts {
    /// `pending` (space kept, empty), `none` (collapsed: no threshold for
    /// this cart), `progress` or `qualified`.
    pub state: &'static str,
    pub locale: String,
    /// What is missing to free shipping, in the cart's currency.
    pub remaining: Option<Amount>,
    /// The bar's values once a threshold applies.
    pub progress: Option<Progress>,
}

/// A progress bar's values, in the unit the rule counts (minor units, points).
#[derive(Debug, PartialEq, Eq)]
pub struct Progress {
    /// `aria-valuemax`: the threshold.
    pub max: i64,
    /// `aria-valuenow`: how far the shopper is, between 0 and `max`.
    pub now: i64,
    /// The fill, 0 to 1000.
    pub permille: u16,
}

impl ShippingBarFacts {
    /// The bar for `view`.
    pub fn of(view: &View) -> ShippingBarFacts {
        let locale = view.locale.to_owned();
        let Some(quote) = view.quote else {
            // Waiting for the program or the cart: the space stays reserved, empty.
            return ShippingBarFacts { state: "pending", locale, remaining: None, progress: None };
        };
        let Some(progress) = &quote.free_shipping else {
            return ShippingBarFacts { state: "none", locale, remaining: None, progress: None };
        };
        ShippingBarFacts {
            state: if progress.qualified { "qualified" } else { "progress" },
            locale,
            remaining: Some(Amount(Money::new(progress.remaining, quote.currency))),
            progress: Some(Progress {
                max: progress.threshold,
                now: progress.eligible_subtotal.clamp(0, progress.threshold),
                permille: progress.progress_permille,
            }),
        }
    }
}

super::write::object! {
    ShippingBarFacts { state: "state", locale: "locale", remaining: "remaining", progress: "progress" }
    Progress { max: "max", now: "now", permille: "permille" }
}
