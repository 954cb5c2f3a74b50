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
//! Guests never see it: an advocate must be a member.

use super::controls;
use super::dom;
use super::messages::Language;
use super::view::View;
use super::widget::Commands;
use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement};

// It takes no space until it has something to show, unless the page reserves
// it (the loader does for signed-in customers). The card has one fixed height
// (the same as reserved), whatever the
// language or width: the offer is clamped to two lines and the link row never
// wraps, so showing it never moves the page.
const CSS: &str = r#"
:host { all: initial; display: none; contain: content;
  font: var(--treu-font-size, 0.95rem)/1.45 var(--treu-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--treu-text, #1f2328); }
:host([data-state="ready"]) { display: block; }
:host([hidden]), :host([data-state="pending"]) .card { display: none; }
.card { box-sizing: border-box; height: var(--treu-referral-min-height, 11.5rem); overflow: hidden;
  padding: var(--treu-referral-padding, 1rem 1.1rem); border: 1px solid var(--treu-divider, #d0d7de);
  border-radius: var(--treu-radius-card, 0.75rem); background: var(--treu-surface, #fff); }
.heading { margin: 0 0 0.35rem; font-size: 1.05rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.referral-offer { margin: 0 0 0.6rem; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2;
  line-clamp: 2; overflow: hidden; }
.referral-friends { margin: 0.6rem 0 0; color: var(--treu-muted, #57606a); white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.referral-row { display: flex; flex-wrap: nowrap; gap: 0.5rem; }
.referral-link { flex: 1 1 auto; min-width: 0; font: inherit; padding: 0.45rem 0.6rem; color: inherit;
  border: 1px solid var(--treu-divider, #8c959f); border-radius: 0.5rem; background: var(--treu-field, #f6f8fa); }
.copy, .share { flex: none; font: inherit; font-weight: 600; padding: 0.45rem 0.9rem; border-radius: 0.5rem;
  cursor: pointer; border: 1px solid var(--treu-accent, #0a6e4f); background: var(--treu-accent, #0a6e4f);
  color: var(--treu-on-accent, #fff); }
.share { background: transparent; color: var(--treu-accent-text, #0a6e4f); }
button:focus-visible, input:focus-visible { outline: 3px solid var(--treu-focus, #1a56db); outline-offset: 2px; }
"#;

/// One mounted referral prompt.
pub struct ReferralPrompt {
    host: HtmlElement,
    card: Element,
    /// The member's link it shows, so unrelated updates leave focus alone.
    shown: std::cell::RefCell<Option<(u64, bool)>>,
    _listener: EventListener,
}

impl ReferralPrompt {
    /// Renders the (empty) prompt into `host`'s shadow root.
    pub fn mount(host: HtmlElement, language: Language, commands: Commands) -> Result<ReferralPrompt, JsValue> {
        let root = dom::fresh_shadow_root(&host)?;
        dom::append_style(&root, CSS)?;
        let card = dom::append(&root, "section", "card")?;
        card.set_attribute("aria-label", language.refer_a_friend())?;
        let listener = controls::listen(&card, commands, language);
        Ok(ReferralPrompt { host, card, shown: std::cell::RefCell::new(None), _listener: listener })
    }

    /// The element this prompt renders into.
    pub fn host(&self) -> &HtmlElement {
        &self.host
    }

    /// Shows the member's referral link when the trigger allows; collapses otherwise.
    pub fn render(&self, view: &View) -> Result<(), JsValue> {
        let (Some(program), true) = (view.program, self.triggered()) else {
            return self.collapse(if view.program.is_none() { "pending" } else { "none" });
        };
        let Some(referral) = view.member.and_then(|member| member.referral.as_ref()) else {
            return self.collapse(if view.signed_in && view.member.is_none() { "pending" } else { "none" });
        };
        self.host.set_attribute("data-state", "ready")?;
        let key = (view.revision, true);
        if *self.shown.borrow() == Some(key) {
            return Ok(());
        }
        self.card.replace_children_with_node_0();
        controls::referral_section(&self.card, view, program, referral, "h2")?;
        *self.shown.borrow_mut() = Some(key);
        Ok(())
    }

    fn collapse(&self, state: &str) -> Result<(), JsValue> {
        self.host.set_attribute("data-state", state)?;
        if self.shown.borrow_mut().take().is_some() {
            self.card.replace_children_with_node_0();
        }
        Ok(())
    }

    /// Whether the theme's `trigger` lets the prompt show now.
    fn triggered(&self) -> bool {
        match self.host.get_attribute("trigger").as_deref() {
            Some("manual") => self.host.has_attribute("open"),
            Some("order") => self.host.has_attribute("order") || on_order_confirmation(),
            _ => true,
        }
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
