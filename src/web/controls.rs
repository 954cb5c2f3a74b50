//! The view model of the referral offer with the member's link, a copy and a
//! share button, in `<treu-referral>` and in the launcher's panel. The
//! renderer reads what a button does from it (it keeps them as `data-*`
//! attributes, so content can be rebuilt without re-wiring listeners) and
//! calls back into the storefront.

use super::links::http_url;
use super::member::Referral;
use super::view::View;
use crate::engine::program::Program;

/// The referral offer with the member's link.
#[derive(Debug, PartialEq, Eq)]
pub struct ReferralView {
    pub heading: String,
    /// What the friend and the advocate get, when the program has referrals.
    pub offer: Option<String>,
    /// The member's link, when it is an http(s) URL (anything else is never shown).
    pub link: Option<ReferralLink>,
    /// "2 friends have ordered", once any did.
    pub friends: Option<String>,
}

/// The member's referral link, in a read-only field, with copy and share buttons.
#[derive(Debug, PartialEq, Eq)]
pub struct ReferralLink {
    /// An absolute http(s) URL (checked here and again by the renderer).
    pub url: String,
    /// The field's accessible name.
    pub label: String,
    pub copy: String,
    pub copy_label: String,
    pub copied: String,
    pub share: String,
    /// The text the system share sheet gets beside the link.
    pub share_text: String,
}

impl ReferralView {
    /// The offer of `program` with `referral`'s link.
    pub fn of(view: &View, program: &Program, referral: &Referral) -> ReferralView {
        let language = view.language;
        let offer = program.referral.as_ref().map(|rules| {
            let friend_gets = view.discount_kind(program, &rules.friend_discount);
            let minimum = view.minimum_spend(program, &rules.friend_discount);
            let advocate = program.actions.iter().find(|rule| rule.action == crate::engine::actions::Action::Referral);
            let you_get = advocate.map(|rule| view.points(rule.points));
            language.referral_offer(&friend_gets, minimum.as_deref(), you_get.as_deref())
        });
        let link = http_url(&referral.link).map(|url| ReferralLink {
            url,
            label: language.referral_link().to_owned(),
            copy: language.copy().to_owned(),
            copy_label: language.copy_label(language.referral_link()),
            copied: language.copied().to_owned(),
            share: language.share().to_owned(),
            share_text: language.share_text().to_owned(),
        });
        let converted = referral.friends.converted;
        let friends = (converted > 0)
            .then(|| language.friends_converted(&view.formats.integer(converted), view.formats.is_singular(converted)));
        ReferralView { heading: language.refer_a_friend().to_owned(), offer, link, friends }
    }
}

super::write::object! {
    ReferralView { heading: "heading", offer: "offer", link: "link", friends: "friends" }
    ReferralLink { url: "url", label: "label", copy: "copy", copy_label: "copyLabel", copied: "copied", share: "share", share_text: "shareText" }
}
