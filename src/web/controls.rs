//! The facts of the referral offer with the member's link, a copy and a
//! share button, in `<treu-referral>` and in the launcher's panel.
//! `pkg-template/treu_words.js` (`referralModel`) words them; the renderer
//! reads what a button does from the model (it keeps them as `data-*`
//! attributes, so content can be rebuilt without re-wiring listeners) and
//! calls back into the storefront.

use super::links::http_url;
use super::member::Referral;
use super::view::DiscountFacts;
use crate::engine::program::Program;

/// The referral offer with the member's link.
#[derive(Debug, PartialEq, Eq)]
pub struct ReferralFacts {
    /// What the friend and the advocate get, when the program has referrals.
    pub offer: Option<ReferralOffer>,
    /// The member's link, when it is an http(s) URL (anything else is never
    /// shown; the renderer checks again).
    pub link: Option<String>,
    /// How many friends have ordered through the link.
    pub converted: i64,
}

/// What a referral gives: the friend's discount and the advocate's points.
#[derive(Debug, PartialEq, Eq)]
pub struct ReferralOffer {
    pub friend: DiscountFacts,
    /// The points the program's `referral` action gives the advocate, if it has one.
    pub points: Option<i64>,
}

impl ReferralFacts {
    /// The offer of `program` with `referral`'s link.
    pub fn of(program: &Program, referral: &Referral) -> ReferralFacts {
        let offer = program.referral.as_ref().map(|rules| {
            let advocate = program.actions.iter().find(|rule| rule.action == crate::engine::actions::Action::Referral);
            ReferralOffer {
                friend: DiscountFacts::of(program, &rules.friend_discount),
                points: advocate.map(|rule| rule.points),
            }
        });
        ReferralFacts { offer, link: http_url(&referral.link), converted: referral.friends.converted }
    }
}

super::write::object! {
    ReferralFacts { offer: "offer", link: "link", converted: "converted" }
    ReferralOffer { friend: "friend", points: "points" }
}
