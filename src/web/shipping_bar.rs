//! `<treu-shipping-bar>`: progress to free shipping, rendered into the
//! element's shadow root.

use super::dom;
use super::messages::Language;
use super::view::View;
use crate::engine::money::Money;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

const CSS: &str = r#"
:host { all: initial; display: block; contain: content; min-height: var(--treu-bar-min-height, 3.25rem);
  font: var(--treu-font-size, 0.95rem)/1.4 var(--treu-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--treu-text, #1f2328); }
:host([hidden]), :host([data-state="none"]) { display: none; }
.container { padding: var(--treu-bar-padding, 0.5rem 0); }
.label { margin: 0 0 0.4rem; height: 1.4em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.track { height: var(--treu-bar-height, 0.5rem); border-radius: var(--treu-radius, 999px); overflow: hidden;
  background: var(--treu-track, #e4e7eb); }
.fill { height: 100%; width: 100%; transform-origin: left; transform: scaleX(var(--treu-progress, 0));
  background: var(--treu-accent, #0a6e4f); transition: transform 0.45s cubic-bezier(0.2, 0.8, 0.2, 1); }
:host([data-state="qualified"]) .label { color: var(--treu-success-text, #0a6e4f); font-weight: 600; }
@media (prefers-reduced-motion: reduce) { .fill { transition: none; } }
"#;

/// One mounted shipping bar.
pub struct ShippingBar {
    host: HtmlElement,
    label: Element,
    track: Element,
    fill: HtmlElement,
}

impl ShippingBar {
    /// Renders the bar's skeleton into `host`'s shadow root.
    pub fn mount(host: HtmlElement, language: Language) -> Result<ShippingBar, JsValue> {
        let root = dom::fresh_shadow_root(&host)?;
        dom::append_style(&root, CSS)?;
        let container = dom::append(&root, "div", "container")?;
        let label = dom::append(&container, "p", "label")?;
        label.set_id("label");
        label.set_attribute("aria-live", "polite")?;
        let track = dom::append(&container, "div", "track")?;
        track.set_attribute("role", "progressbar")?;
        track.set_attribute("aria-label", language.free_shipping_progress())?;
        track.set_attribute("aria-describedby", "label")?;
        track.set_attribute("aria-valuemin", "0")?;
        let fill = dom::append(&track, "div", "fill")?.unchecked_into::<HtmlElement>();
        Ok(ShippingBar { host, label, track, fill })
    }

    /// The element this bar renders into.
    pub fn host(&self) -> &HtmlElement {
        &self.host
    }

    /// Shows `view`, changing only what differs so the fill animates.
    pub fn render(&self, view: &View) -> Result<(), JsValue> {
        let Some(quote) = view.quote else {
            // Waiting for the program or the cart: the space stays reserved, empty.
            self.host.set_attribute("data-state", "pending")?;
            self.track.set_attribute("aria-busy", "true")?;
            self.label.set_text_content(None);
            return Ok(());
        };
        let Some(progress) = &quote.free_shipping else {
            // No free-shipping threshold for this cart: the bar collapses.
            self.host.set_attribute("data-state", "none")?;
            self.label.set_text_content(None);
            return Ok(());
        };
        let text = if progress.qualified {
            view.language.free_shipping_unlocked().to_owned()
        } else {
            let remaining = view.formats.money(Money::new(progress.remaining, quote.currency));
            view.language.remaining_to_free_shipping(&remaining)
        };
        let state = if progress.qualified { "qualified" } else { "progress" };
        self.host.set_attribute("data-state", state)?;
        self.label.set_text_content(Some(&text));
        self.track.remove_attribute("aria-busy")?;
        self.track.set_attribute("aria-valuemax", &progress.threshold.to_string())?;
        let now = progress.eligible_subtotal.clamp(0, progress.threshold);
        self.track.set_attribute("aria-valuenow", &now.to_string())?;
        self.track.set_attribute("aria-valuetext", &text)?;
        dom::set_progress(&self.fill, progress.progress_permille)?;
        Ok(())
    }
}
