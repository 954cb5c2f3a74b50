//! `<treu-launcher>`: a floating button that opens the rewards panel. Guests
//! see how the program works (the earn rate, ways to earn, rewards) and a join
//! / sign-in call to action. The panel is a modal dialog: focus moves into it,
//! Tab stays inside, Escape closes it and focus returns to the button.

use super::dom;
use super::view::View;
use crate::engine::money::Money;
use crate::engine::program::Program;
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, KeyboardEvent, ShadowRoot};

const CSS: &str = include_str!("launcher.css");

/// One mounted launcher.
pub struct Launcher {
    host: HtmlElement,
    button_label: Element,
    title: Element,
    close: HtmlElement,
    content: Element,
    /// The program and language the panel content was built for; it is rebuilt
    /// only when they change, so focus and scroll survive cart updates.
    built_for: RefCell<Option<(Program, &'static str)>>,
    _listeners: [EventListener; 3],
}

impl Launcher {
    /// Renders the button and the (closed) panel into `host`'s shadow root.
    pub fn mount(host: HtmlElement) -> Result<Launcher, JsValue> {
        let root = dom::fresh_shadow_root(&host)?;
        dom::append_style(&root, CSS)?;
        let button = dom::append(&root, "button", "button")?.unchecked_into::<HtmlElement>();
        button.set_attribute("type", "button")?;
        button.set_attribute("aria-haspopup", "dialog")?;
        button.set_attribute("aria-expanded", "false")?;
        button.set_attribute("aria-controls", "panel")?;
        let star = dom::append(&button, "span", "star")?;
        star.set_attribute("aria-hidden", "true")?;
        star.set_text_content(Some("★"));
        let button_label = dom::append(&button, "span", "button-label")?;

        let panel = dom::append(&root, "div", "panel")?.unchecked_into::<HtmlElement>();
        panel.set_id("panel");
        panel.set_attribute("role", "dialog")?;
        panel.set_attribute("aria-modal", "true")?;
        panel.set_attribute("aria-labelledby", "title")?;
        panel.set_hidden(true);
        let header = dom::append(&panel, "div", "header")?;
        let title = dom::append(&header, "h2", "title")?;
        title.set_id("title");
        let close = dom::append(&header, "button", "close")?.unchecked_into::<HtmlElement>();
        close.set_attribute("type", "button")?;
        close.set_text_content(Some("×"));
        let content = dom::append(&panel, "div", "content")?;

        let listeners = [
            EventListener::new(&button, "click", {
                let (panel, button, close) = (panel.clone(), button.clone(), close.clone());
                move |_| toggle(&panel, &button, &close, panel.hidden())
            }),
            EventListener::new(&close, "click", {
                let (panel, button, close) = (panel.clone(), button.clone(), close.clone());
                move |_| toggle(&panel, &button, &close, false)
            }),
            EventListener::new_with_options(&panel, "keydown", EventListenerOptions::enable_prevent_default(), {
                let (panel, button, close, root) = (panel.clone(), button.clone(), close.clone(), root.clone());
                move |event| {
                    if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                        on_key(event, &root, &panel, &button, &close);
                    }
                }
            }),
        ];
        Ok(Launcher { host, button_label, title, close, content, built_for: RefCell::new(None), _listeners: listeners })
    }

    /// The element this launcher renders into.
    pub fn host(&self) -> &HtmlElement {
        &self.host
    }

    /// Shows the button label and, when the program or language changed, rebuilds the panel.
    pub fn render(&self, view: &View) -> Result<(), JsValue> {
        let language = view.language;
        self.button_label.set_text_content(Some(language.rewards()));
        self.title.set_text_content(Some(language.rewards()));
        self.close.set_attribute("aria-label", language.close())?;
        let Some(program) = view.program else {
            self.host.set_attribute("data-state", "pending")?;
            return Ok(());
        };
        self.host.set_attribute("data-state", "guest")?;
        let key = language.rewards();
        if self.built_for.borrow().as_ref().is_some_and(|(built, built_key)| built == program && *built_key == key) {
            return Ok(());
        }
        self.content.replace_children_with_node_0();
        self.build_guest_panel(program, view)?;
        *self.built_for.borrow_mut() = Some((program.clone(), key));
        Ok(())
    }

    fn build_guest_panel(&self, program: &Program, view: &View) -> Result<(), JsValue> {
        let language = view.language;
        let formats = view.formats;
        let content = &self.content;
        dom::append(content, "p", "intro")?.set_text_content(Some(language.guest_intro()));
        if let Some(rate) = program.earning.rates.iter().find(|rate| rate.currency == view.currency(program)) {
            let per = formats.money(Money::new(rate.per, rate.currency));
            let text = language.earn_rate(&formats.integer(rate.points), formats.is_singular(rate.points), &per);
            dom::append(content, "p", "rate")?.set_text_content(Some(&text));
        }
        if !program.actions.is_empty() {
            dom::append(content, "h3", "heading")?.set_text_content(Some(language.ways_to_earn()));
            let list = dom::append(content, "ul", "earn")?;
            for rule in &program.actions {
                let points = language.plus_points(&formats.integer(rule.points), formats.is_singular(rule.points));
                list_item(&list, language.action(rule.action), &points)?;
            }
        }
        if !program.redemptions.is_empty() {
            dom::append(content, "h3", "heading")?.set_text_content(Some(language.ways_to_redeem()));
            let list = dom::append(content, "ul", "redeem")?;
            for option in &program.redemptions {
                let name = if option.name.is_empty() { option.id.as_str() } else { option.name.as_str() };
                list_item(
                    &list,
                    name,
                    &language.points(&formats.integer(option.points), formats.is_singular(option.points)),
                )?;
            }
        }
        let links = [(view.join_url, language.join(), "join"), (view.login_url, language.sign_in(), "sign-in")];
        if links.iter().any(|(url, _, _)| url.is_some()) {
            let actions = dom::append(content, "div", "actions")?;
            for (url, text, part) in links {
                if let Some(url) = url {
                    let link = dom::append(&actions, "a", part)?;
                    link.set_attribute("href", url)?;
                    link.set_text_content(Some(text));
                }
            }
        }
        Ok(())
    }
}

/// `<li><span>label</span><span class="points">points</span></li>`, text only.
fn list_item(list: &Element, label: &str, points: &str) -> Result<(), JsValue> {
    let item = dom::append(list, "li", "item")?;
    dom::append(&item, "span", "item-label")?.set_text_content(Some(label));
    dom::append(&item, "span", "points")?.set_text_content(Some(points));
    Ok(())
}

fn toggle(panel: &HtmlElement, button: &HtmlElement, close: &HtmlElement, open: bool) {
    panel.set_hidden(!open);
    let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    let _ = if open { close.focus() } else { button.focus() };
}

/// Escape closes; Tab and Shift+Tab cycle through the panel's controls.
fn on_key(event: &KeyboardEvent, root: &ShadowRoot, panel: &HtmlElement, button: &HtmlElement, close: &HtmlElement) {
    match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            toggle(panel, button, close, false);
        }
        "Tab" => {
            let Ok(focusable) = panel.query_selector_all("button, a[href]") else { return };
            let (Some(first), Some(last)) = (focusable.get(0), focusable.get(focusable.length().saturating_sub(1)))
            else {
                return;
            };
            let active: Option<web_sys::Node> = root.active_element().map(Into::into);
            let wrap_to = match (event.shift_key(), active) {
                (true, Some(active)) if active == first => Some(last),
                (false, Some(active)) if active == last => Some(first),
                (_, None) => Some(first),
                _ => None,
            };
            if let Some(target) = wrap_to.and_then(|node| node.dyn_into::<HtmlElement>().ok()) {
                event.prevent_default();
                let _ = target.focus();
            }
        }
        _ => {}
    }
}
