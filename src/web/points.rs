//! `<treu-points>`: "This order earns N points" in the cart and checkout
//! summary; "You have N points" for a member elsewhere (or with `show="balance"`).
//! A member of a segment with a running offer sees its title on the same line
//! ("For you: Double points on beans"). The line's facts;
//! `pkg-template/treu_words.js` words them and `treu_widgets.js` draws them.

use super::view::View;

/// What the points line shows.
#[derive(Debug, PartialEq, Eq)]
pub struct PointsFacts {
    /// `pending` (space kept, empty), `none` (the cart earns nothing),
    /// `earn` or `balance`.
    pub state: &'static str,
    pub locale: String,
    /// The points shown, also as `data-points` for theme CSS and scripts.
    pub points: Option<i64>,
    /// A customer is signed in: the order earns them points (a guest is
    /// invited to join to earn them).
    pub member: bool,
    /// The first running offer for the member's segments, as `data-offer` (its id).
    pub offer: Option<String>,
    /// Its title, shown after the line on the same row.
    pub offer_name: Option<String>,
}

impl PointsFacts {
    /// What the cart earns; away from the cart (no cart set, or
    /// `show="balance"`: `wants_balance`), a member's balance.
    pub fn of(view: &View, wants_balance: bool) -> PointsFacts {
        // The cart's quote lists the offers; before a cart is known, the
        // member's standing (an empty cart's quote) does.
        let offer = view.quote.or(view.standing).and_then(|quote| quote.offers.first());
        let offer_name = offer.map(|offer| offer.name.clone());
        let offer = offer.map(|offer| offer.id.clone());
        let locale = view.locale.to_owned();
        let member = view.signed_in;
        if let Some(shown) = view.member.filter(|_| wants_balance || view.quote.is_none()) {
            let points = Some(shown.balance.available);
            return PointsFacts { state: "balance", locale, points, member, offer, offer_name };
        }
        let points = view.quote.filter(|_| !wants_balance).map(|quote| quote.earn.total);
        let state = match points {
            None => "pending",
            Some(points) if points <= 0 => "none",
            Some(_) => "earn",
        };
        PointsFacts { state, locale, points, member, offer, offer_name }
    }
}

super::write::object! {
    PointsFacts { state: "state", locale: "locale", points: "points", member: "member", offer: "offer", offer_name: "offerName" }
}
