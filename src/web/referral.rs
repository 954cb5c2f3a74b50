//! `<treu-referral>`: the referral prompt, with the member's link, a copy and
//! a share button. When it shows is the theme's choice, through `trigger`:
//!
//! - `always` (the default): wherever the theme places it, for members.
//! - `order`: only on an order confirmation — the element has an `order`
//!   attribute (`<treu-referral trigger="order" order="{{ order.id }}">` in a
//!   thank-you template), or the platform's own page says so (Shopify's
//!   `Shopify.checkout`, WooCommerce's `woocommerce-order-received` body class).
//! - `manual`: only while the element has the `open` attribute, set by theme code.
//!
//! Guests never see it: an advocate must be a member. These are the prompt's
//! facts; `pkg-template/treu_words.js` words them and `treu_widgets.js` draws them.

use super::controls::ReferralFacts;
use super::view::View;
use web_sys::Element;

/// What the referral prompt shows.
#[derive(Debug, PartialEq, Eq)]
pub struct ReferralPromptFacts {
    /// `pending` (the program or the member is not known yet), `none`
    /// (collapsed) or `ready`.
    pub state: &'static str,
    pub locale: String,
    /// Changes whenever the program or the member changes: the renderer
    /// rebuilds the card only then, so focus stays on its buttons.
    pub revision: u64,
    pub referral: Option<ReferralFacts>,
}

impl ReferralPromptFacts {
    /// The prompt in `host` for `view`.
    pub fn of(view: &View, host: &Element) -> ReferralPromptFacts {
        let collapsed = |state| ReferralPromptFacts::collapsed(view, state);
        let (Some(program), true) = (view.program, triggered(host)) else {
            return collapsed(if view.program.is_none() { "pending" } else { "none" });
        };
        let Some(referral) = view.member.and_then(|member| member.referral.as_ref()) else {
            return collapsed(if view.signed_in && view.member.is_none() { "pending" } else { "none" });
        };
        let referral = Some(ReferralFacts::of(program, referral));
        ReferralPromptFacts { state: "ready", locale: view.locale.to_owned(), revision: view.revision, referral }
    }

    /// The prompt in `host` as the first paint shows it, before any member
    /// is read: collapsed, `pending` until the program is known and, where
    /// the prompt may show, while a signed-in customer's member may still
    /// come; else `none` (what [`ReferralPromptFacts::of`] says without a member).
    pub fn before_member(view: &View, host: &Element) -> ReferralPromptFacts {
        let pending = view.program.is_none() || (view.signed_in && triggered(host));
        ReferralPromptFacts::collapsed(view, if pending { "pending" } else { "none" })
    }

    fn collapsed(view: &View, state: &'static str) -> ReferralPromptFacts {
        ReferralPromptFacts { state, locale: view.locale.to_owned(), revision: view.revision, referral: None }
    }
}

/// Whether the theme's `trigger` lets the prompt in `host` show now.
fn triggered(host: &Element) -> bool {
    match host.get_attribute("trigger").as_deref() {
        Some("manual") => host.has_attribute("open"),
        Some("order") => host.has_attribute("order") || on_order_confirmation(),
        _ => true,
    }
}

/// Whether the platform says this page confirms an order.
fn on_order_confirmation() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let shopify_checkout = js_sys::Reflect::get(&window, &"Shopify".into())
        .ok()
        .filter(|shopify| shopify.is_object())
        .and_then(|shopify| js_sys::Reflect::get(&shopify, &"checkout".into()).ok())
        .is_some_and(|checkout| checkout.is_object());
    let woocommerce = window
        .document()
        .and_then(|document| document.body())
        .is_some_and(|body| body.class_list().contains("woocommerce-order-received"));
    shopify_checkout || woocommerce
}

super::write::object! {
    ReferralPromptFacts { state: "state", locale: "locale", revision: "revision", referral: "referral" }
}
