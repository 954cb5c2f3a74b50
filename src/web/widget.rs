//! The custom elements treu renders, by tag name, and the facts each gets:
//! the storefront works them out, `pkg-template/treu_words.js` words them
//! and `treu_widgets.js` draws them into the element's shadow root.

use super::interop::to_js;
use super::launcher::launcher_model;
use super::points::PointsFacts;
use super::referral::ReferralPromptFacts;
use super::shipping_bar::ShippingBarFacts;
use super::view::View;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// Which widget an element is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// `<treu-shipping-bar>`
    ShippingBar,
    /// `<treu-points>`
    Points,
    /// `<treu-launcher>`
    Launcher,
    /// `<treu-referral>`
    Referral,
}

/// A mounted widget: the element the renderer draws into.
pub struct Widget {
    pub host: HtmlElement,
    pub kind: Kind,
}

impl Widget {
    /// The widget `host`'s tag name stands for; `None` for other elements.
    pub fn of(host: HtmlElement) -> Option<Widget> {
        let kind = match host.local_name().as_str() {
            "treu-shipping-bar" => Kind::ShippingBar,
            "treu-points" => Kind::Points,
            "treu-launcher" => Kind::Launcher,
            "treu-referral" => Kind::Referral,
            _ => return None,
        };
        Some(Widget { host, kind })
    }

    /// The facts of this widget for `view`, as a plain JS object. The
    /// element's own attributes (`show`, `trigger`, `open`, `order`) take part.
    pub fn facts(&self, view: &View) -> Result<JsValue, JsValue> {
        match self.kind {
            Kind::ShippingBar => to_js(&ShippingBarFacts::of(view)),
            Kind::Points => {
                let wants_balance = self.host.get_attribute("show").as_deref() == Some("balance");
                to_js(&PointsFacts::of(view, wants_balance))
            }
            Kind::Launcher => launcher_model(view),
            Kind::Referral => to_js(&ReferralPromptFacts::of(view, &self.host)),
        }
    }
}
