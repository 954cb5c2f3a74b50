//! `<treu-points>`: "This order earns N points" in the cart and checkout
//! summary; "You have N points" for a member elsewhere (or with `show="balance"`).
//! A member of a segment with a running offer sees its title on the same line
//! ("For you: Double points on beans"). The view model of the line;
//! `pkg-template/treu_widgets.js` draws it.

use super::view::View;

/// What the points line shows.
#[derive(Debug, PartialEq, Eq)]
pub struct PointsView {
    /// `pending` (space kept, empty), `none` (the cart earns nothing),
    /// `earn` or `balance`.
    pub state: &'static str,
    /// The points shown, as `data-points` for theme CSS and scripts.
    pub points: Option<i64>,
    /// The line; `None` shows nothing (the space stays).
    pub text: Option<String>,
    /// The first running offer for the member's segments, as `data-offer` (its id).
    pub offer: Option<String>,
    /// Its title, shown after the line on the same row; `None` without one.
    pub offer_text: Option<String>,
}

impl PointsView {
    /// What the cart earns; away from the cart (no cart set, or
    /// `show="balance"`: `wants_balance`), a member's balance.
    pub fn of(view: &View, wants_balance: bool) -> PointsView {
        // The cart's quote lists the offers; before a cart is known, the
        // member's standing (an empty cart's quote) does.
        let offer = view.quote.or(view.standing).and_then(|quote| quote.offers.first());
        let offer_text = offer.map(|offer| view.language.offer_for_you(&offer.name));
        let offer = offer.map(|offer| offer.id.clone());
        if let Some(member) = view.member.filter(|_| wants_balance || view.quote.is_none()) {
            let points = member.balance.available;
            let text = view.language.you_have(&view.formats.integer(points), view.formats.is_singular(points));
            return PointsView { state: "balance", points: Some(points), text: Some(text), offer, offer_text };
        }
        let points = view.quote.filter(|_| !wants_balance).map(|quote| quote.earn.total);
        let (state, text) = match points {
            None => ("pending", None),
            Some(points) if points <= 0 => ("none", None),
            Some(points) => {
                let formatted = view.formats.integer(points);
                let singular = view.formats.is_singular(points);
                let text = if view.signed_in {
                    view.language.order_earns(&formatted, singular)
                } else {
                    view.language.join_to_earn(&formatted, singular)
                };
                ("earn", Some(text))
            }
        };
        PointsView { state, points, text, offer, offer_text }
    }
}

super::write::object! {
    PointsView { state: "state", points: "points", text: "text", offer: "offer", offer_text: "offerText" }
}
