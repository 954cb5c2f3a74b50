//! `<treu-launcher>`: a floating button with the member's balance that opens
//! the rewards panel. Members see their balance (available and pending), a
//! win-back offer, their tier and progress, their discount codes, rewards to
//! redeem, ways to earn with what is done, their referral link and recent
//! history. Guests see how the program works and a join / sign-in call to action. The panel is a modal dialog: focus moves into it,
//! Tab stays inside, Escape closes it and focus returns to the button.

use super::controls;
use super::dom;
use super::member_panel::{self, list_item, option_name};
use super::messages::Language;
use super::view::{Notice, View};
use super::widget::Commands;
use crate::engine::money::Money;
use crate::engine::program::Program;
use gloo_events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, KeyboardEvent, ShadowRoot};

const CSS: &str = include_str!("launcher.css");

/// One mounted launcher.
pub struct Launcher {
    host: HtmlElement,
    root: ShadowRoot,
    button: HtmlElement,
    button_label: Element,
    title: Element,
    close: HtmlElement,
    content: Element,
    /// Announces outcomes (a code issued, a failure) to screen readers.
    live: Element,
    language: Language,
    /// The view revision the panel content was built for; it is rebuilt only
    /// when that changes, so focus and scroll survive cart updates.
    built_for: Cell<Option<u64>>,
    _listeners: [EventListener; 4],
}

impl Launcher {
    /// Renders the button and the (closed) panel into `host`'s shadow root.
    pub fn mount(host: HtmlElement, language: Language, commands: Commands) -> Result<Launcher, JsValue> {
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
        let live = dom::append(&panel, "p", "live")?;
        live.set_attribute("role", "status")?;
        live.set_attribute("aria-live", "polite")?;
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
            controls::listen(&content, commands, language),
        ];
        Ok(Launcher {
            host,
            root,
            button,
            button_label,
            title,
            close,
            content,
            live,
            language,
            built_for: Cell::new(None),
            _listeners: listeners,
        })
    }

    /// The element this launcher renders into.
    pub fn host(&self) -> &HtmlElement {
        &self.host
    }

    /// Shows the button label and, when the program, the member or a notice
    /// changed, rebuilds the panel, keeping focus on the same control.
    pub fn render(&self, view: &View) -> Result<(), JsValue> {
        let language = self.language;
        self.title.set_text_content(Some(language.rewards()));
        self.close.set_attribute("aria-label", language.close())?;
        // A signed-in customer's button waits for their balance rather than
        // showing the guest label first (its width would change under them).
        let waiting_for_member = view.signed_in && view.member.is_none();
        let Some(program) = view.program.filter(|_| !waiting_for_member) else {
            self.host.set_attribute("data-state", "pending")?;
            self.button_label.set_text_content(Some(language.rewards()));
            return Ok(());
        };
        let win_back = view.standing.and_then(|quote| quote.win_back.as_ref());
        match view.member {
            Some(member) => {
                self.host.set_attribute("data-state", "member")?;
                let balance = view.points(member.balance.available);
                let label = if win_back.is_some() { language.welcome_back().to_owned() } else { balance.clone() };
                self.button_label.set_text_content(Some(&label));
                // The name starts with the words shown (WCAG 2.5.3): speech users say what they see.
                let mut name = language.rewards_with(&balance);
                if win_back.is_some() {
                    name = format!("{label} {name}");
                }
                self.button.set_attribute("aria-label", &name)?;
            }
            None => {
                self.host.set_attribute("data-state", "guest")?;
                self.button_label.set_text_content(Some(language.rewards()));
                self.button.remove_attribute("aria-label")?;
            }
        }
        if win_back.is_some() {
            self.host.set_attribute("data-offer", "win-back")?;
        } else {
            self.host.remove_attribute("data-offer")?;
        }
        if self.built_for.get() == Some(view.revision) {
            return Ok(());
        }
        let focused = self.root.active_element().and_then(|active| active.get_attribute("data-key"));
        self.content.replace_children_with_node_0();
        match view.member {
            Some(member) => {
                self.notice(view)?;
                member_panel::build(&self.content, program, member, view)?
            }
            None => self.build_guest_panel(program, view)?,
        }
        let announcement = match view.notice {
            Some(Notice::CodeReady(code)) => language.code_ready(code),
            Some(Notice::Failed(text)) => text.clone(),
            None => String::new(),
        };
        if self.live.text_content().unwrap_or_default() != announcement {
            self.live.set_text_content(Some(&announcement));
        }
        // A fresh code takes focus (to copy it); otherwise focus stays on the same control.
        let target = match view.notice {
            Some(Notice::CodeReady(_)) => Some("copy-fresh".to_owned()),
            _ => focused,
        };
        if let Some(key) = target {
            let selector = format!("[data-key=\"{key}\"]");
            if let Ok(Some(element)) = self.content.query_selector(&selector) {
                let _ = element.unchecked_into::<HtmlElement>().focus();
            }
            // Focus never falls out of an open dialog: back to its first control.
            if self.root.active_element().is_none() {
                let _ = self.close.focus();
            }
        }
        self.built_for.set(Some(view.revision));
        Ok(())
    }

    fn build_guest_panel(&self, program: &Program, view: &View) -> Result<(), JsValue> {
        let language = self.language;
        let formats = view.formats;
        let content = &self.content;
        dom::append(content, "p", "intro")?.set_text_content(Some(language.guest_intro()));
        self.earn_rate(program, view)?;
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
                list_item(&list, option_name(option), &view.points(option.points))?;
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

    fn earn_rate(&self, program: &Program, view: &View) -> Result<(), JsValue> {
        let formats = view.formats;
        if let Some(rate) = program.earning.rates.iter().find(|rate| rate.currency == view.currency(program)) {
            let per = formats.money(Money::new(rate.per, rate.currency));
            let text = self.language.earn_rate(&formats.integer(rate.points), formats.is_singular(rate.points), &per);
            dom::append(&self.content, "p", "rate")?.set_text_content(Some(&text));
        }
        Ok(())
    }

    /// The latest outcome, visible at the top of the panel: a fresh code to
    /// copy, or what went wrong.
    fn notice(&self, view: &View) -> Result<(), JsValue> {
        let language = self.language;
        match view.notice {
            Some(Notice::CodeReady(code)) => {
                let box_ = dom::append(&self.content, "div", "notice")?;
                box_.set_attribute("data-kind", "code")?;
                dom::append(&box_, "p", "notice-text")?.set_text_content(Some(&language.code_ready(code)));
                controls::code_row(&box_, code, "copy-fresh", language)?;
            }
            Some(Notice::Failed(text)) => {
                let box_ = dom::append(&self.content, "div", "notice")?;
                box_.set_attribute("data-kind", "error")?;
                dom::append(&box_, "p", "notice-text")?.set_text_content(Some(text));
            }
            None => {}
        }
        Ok(())
    }
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
            let Ok(focusable) = panel.query_selector_all("button:not([disabled]), a[href], input") else { return };
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
