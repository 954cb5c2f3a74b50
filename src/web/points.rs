//! `<treu-points>`: "This order earns N points" in the cart and checkout
//! summary; "You have N points" for a member elsewhere (or with `show="balance"`).

use super::dom;
use super::view::View;
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlElement};

const CSS: &str = r#"
:host { all: initial; display: block; contain: content; min-height: var(--treu-points-min-height, 1.5rem);
  font: var(--treu-font-size, 0.95rem)/1.5 var(--treu-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--treu-text, #1f2328); }
:host([hidden]) { display: none; }
.text { margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.text::before { content: "★"; color: var(--treu-accent, #0a6e4f); margin-inline-end: 0.4em; }
:host([data-state="pending"]) .text::before, :host([data-state="none"]) .text::before { content: none; }
"#;

/// One mounted points line.
pub struct PointsLine {
    host: HtmlElement,
    text: Element,
}

impl PointsLine {
    /// Renders the line's skeleton into `host`'s shadow root.
    pub fn mount(host: HtmlElement) -> Result<PointsLine, JsValue> {
        let root = dom::fresh_shadow_root(&host)?;
        dom::append_style(&root, CSS)?;
        let text = dom::append(&root, "p", "text")?;
        text.set_attribute("role", "status")?;
        Ok(PointsLine { host, text })
    }

    /// The element this line renders into.
    pub fn host(&self) -> &HtmlElement {
        &self.host
    }

    /// Shows what the cart earns; away from the cart (no cart set, or
    /// `show="balance"`), a member's balance. Empty (space kept) until known
    /// or when the cart earns nothing.
    pub fn render(&self, view: &View) -> Result<(), JsValue> {
        let wants_balance = self.host.get_attribute("show").as_deref() == Some("balance");
        if let Some(member) = view.member.filter(|_| wants_balance || view.quote.is_none()) {
            let points = member.balance.available;
            let text = view.language.you_have(&view.formats.integer(points), view.formats.is_singular(points));
            self.host.set_attribute("data-state", "balance")?;
            self.host.set_attribute("data-points", &points.to_string())?;
            return self.show(Some(text));
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
        self.host.set_attribute("data-state", state)?;
        if let Some(points) = points {
            self.host.set_attribute("data-points", &points.to_string())?;
        }
        self.show(text)
    }

    fn show(&self, text: Option<String>) -> Result<(), JsValue> {
        if self.text.text_content() != text {
            self.text.set_text_content(text.as_deref());
            // The line truncates rather than wrap; the tooltip keeps the whole text.
            self.text.set_attribute("title", text.as_deref().unwrap_or(""))?;
        }
        Ok(())
    }
}
