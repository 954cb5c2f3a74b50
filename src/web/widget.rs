//! The custom elements treu renders, by tag name, and the commands their
//! controls send back to the storefront.

use super::launcher::Launcher;
use super::messages::Language;
use super::points::PointsLine;
use super::referral::ReferralPrompt;
use super::shipping_bar::ShippingBar;
use super::view::View;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// What a widget's control asks the storefront to do.
pub enum Command {
    /// Spend points on this redemption option.
    Redeem(String),
    /// The member copied (`"copy"`) or shared (`"share"`) their referral link.
    ReferralShared(&'static str),
}

/// How widgets send commands: the storefront runs them and renders the outcome.
pub type Commands = Rc<dyn Fn(Command)>;

/// A mounted widget.
pub enum Widget {
    /// `<treu-shipping-bar>`
    ShippingBar(ShippingBar),
    /// `<treu-points>`
    Points(PointsLine),
    /// `<treu-launcher>`
    Launcher(Box<Launcher>),
    /// `<treu-referral>`
    Referral(Box<ReferralPrompt>),
}

impl Widget {
    /// Mounts the widget `host`'s tag name stands for; `None` for other elements.
    pub fn mount(host: HtmlElement, language: Language, commands: &Commands) -> Result<Option<Widget>, JsValue> {
        Ok(match host.local_name().as_str() {
            "treu-shipping-bar" => Some(Widget::ShippingBar(ShippingBar::mount(host, language)?)),
            "treu-points" => Some(Widget::Points(PointsLine::mount(host)?)),
            "treu-launcher" => Some(Widget::Launcher(Box::new(Launcher::mount(host, language, commands.clone())?))),
            "treu-referral" => {
                Some(Widget::Referral(Box::new(ReferralPrompt::mount(host, language, commands.clone())?)))
            }
            _ => None,
        })
    }

    /// The element the widget renders into.
    pub fn host(&self) -> &HtmlElement {
        match self {
            Widget::ShippingBar(bar) => bar.host(),
            Widget::Points(line) => line.host(),
            Widget::Launcher(launcher) => launcher.host(),
            Widget::Referral(prompt) => prompt.host(),
        }
    }

    /// Shows `view`.
    pub fn render(&self, view: &View) -> Result<(), JsValue> {
        match self {
            Widget::ShippingBar(bar) => bar.render(view),
            Widget::Points(line) => line.render(view),
            Widget::Launcher(launcher) => launcher.render(view),
            Widget::Referral(prompt) => prompt.render(view),
        }
    }
}
