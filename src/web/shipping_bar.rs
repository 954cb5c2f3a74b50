//! `<treu-shipping-bar>`: progress to free shipping. The view model of the
//! bar; `pkg-template/treu_widgets.js` draws it.

use super::view::View;
use crate::engine::money::Money;

/// What the shipping bar shows.
#[derive(Debug, PartialEq, Eq)]
pub struct ShippingBarView {
    /// `pending` (space kept, empty), `none` (collapsed: no threshold for
    /// this cart), `progress` or `qualified`.
    pub state: &'static str,
    /// The progress bar's accessible name.
    pub name: String,
    /// "€25.00 to free shipping", "Free shipping unlocked"; empty while pending.
    pub label: String,
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
    /// `aria-valuetext`: the same words as shown.
    pub text: String,
}

impl ShippingBarView {
    /// The bar for `view`.
    pub fn of(view: &View) -> ShippingBarView {
        let name = view.language.free_shipping_progress().to_owned();
        let Some(quote) = view.quote else {
            // Waiting for the program or the cart: the space stays reserved, empty.
            return ShippingBarView { state: "pending", name, label: String::new(), progress: None };
        };
        let Some(progress) = &quote.free_shipping else {
            return ShippingBarView { state: "none", name, label: String::new(), progress: None };
        };
        let label = if progress.qualified {
            view.language.free_shipping_unlocked().to_owned()
        } else {
            let remaining = view.formats.money(Money::new(progress.remaining, quote.currency));
            view.language.remaining_to_free_shipping(&remaining)
        };
        ShippingBarView {
            state: if progress.qualified { "qualified" } else { "progress" },
            name,
            progress: Some(Progress {
                max: progress.threshold,
                now: progress.eligible_subtotal.clamp(0, progress.threshold),
                permille: progress.progress_permille,
                text: label.clone(),
            }),
            label,
        }
    }
}

super::write::object! {
    ShippingBarView { state: "state", name: "name", label: "label", progress: "progress" }
    Progress { max: "max", now: "now", permille: "permille", text: "text" }
}
