//! The buttons inside widgets: redeem, copy and share. Each widget listens
//! once on its shadow root and reads what a button does from its `data-*`
//! attributes, so content can be rebuilt without re-wiring listeners.

use super::dom;
use super::member::Referral;
use super::messages::Language;
use super::view::View;
use super::widget::{Command, Commands};
use crate::engine::program::Program;
use gloo_events::EventListener;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// Listens for clicks on `root`'s buttons with `data-redeem`, `data-copy` or
/// `data-share`.
pub fn listen(root: &web_sys::Node, commands: Commands, language: Language) -> EventListener {
    EventListener::new(root, "click", move |event| {
        let Some(button) = event.target().and_then(|target| target.dyn_into::<Element>().ok()) else { return };
        let Ok(Some(button)) = button.closest("button") else { return };
        if button.get_attribute("aria-disabled").as_deref() == Some("true") {
            return;
        }
        if let Some(option) = button.get_attribute("data-redeem") {
            commands(Command::Redeem(option));
        } else if let Some(text) = button.get_attribute("data-copy") {
            copy(&button, &text, language);
            if button.get_attribute("data-key").as_deref() == Some(REFERRAL_COPY_KEY) {
                commands(Command::ReferralShared("copy"));
            }
        } else if let Some(link) = button.get_attribute("data-share") {
            share(&button, &link, language);
            commands(Command::ReferralShared("share"));
        }
    })
}

/// The copy button of the referral link (the code rows' copy buttons are not shares).
const REFERRAL_COPY_KEY: &str = "copy-referral";

/// A button that sends `attribute="value"` when clicked.
pub fn button(parent: &Element, part: &str, text: &str, attribute: &str, value: &str) -> Result<HtmlElement, JsValue> {
    let button = dom::append(parent, "button", part)?.unchecked_into::<HtmlElement>();
    button.set_attribute("type", "button")?;
    button.set_attribute(attribute, value)?;
    button.set_text_content(Some(text));
    Ok(button)
}

/// A discount code with its copy button (`data-key` `key`, to keep focus on it across rebuilds).
pub fn code_row(parent: &Element, code: &str, key: &str, language: Language) -> Result<(), JsValue> {
    let row = dom::append(parent, "div", "code-row")?;
    dom::append(&row, "span", "code")?.set_text_content(Some(code));
    let copy = button(&row, "copy", language.copy(), "data-copy", code)?;
    copy.set_attribute("aria-label", &language.copy_label(code))?;
    copy.set_attribute("data-key", key)
}

/// Copies `text` to the clipboard and says so on the button; where the
/// clipboard is unavailable (insecure pages), selects the text beside it instead.
fn copy(button: &Element, text: &str, language: Language) {
    let clipboard = web_sys::window()
        .map(|window| window.navigator())
        .and_then(|navigator| Reflect::get(&navigator, &"clipboard".into()).ok())
        .filter(|clipboard| !clipboard.is_undefined() && !clipboard.is_null());
    let Some(clipboard) = clipboard else {
        select_field_before(button);
        return;
    };
    let promise = clipboard.unchecked_into::<web_sys::Clipboard>().write_text(text);
    let button = button.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => confirm(&button, language),
            Err(_) => select_field_before(&button),
        }
    });
}

/// Shows "Copied" on `button` for two seconds (announced by its live region).
fn confirm(button: &Element, language: Language) {
    let label = button.text_content().unwrap_or_default();
    button.set_text_content(Some(language.copied()));
    let _ = button.set_attribute("data-copied", "");
    let button = button.clone();
    let restore = Closure::once_into_js(move || {
        button.set_text_content(Some(&label));
        let _ = button.remove_attribute("data-copied");
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(restore.unchecked_ref(), 2000);
    }
}

/// Selects the read-only field in the same row as `button`, for copying by hand.
fn select_field_before(button: &Element) {
    let field = button.parent_element().and_then(|row| row.query_selector("input").ok().flatten());
    if let Some(field) = field.and_then(|field| field.dyn_into::<HtmlInputElement>().ok()) {
        let _ = field.focus();
        field.select();
    }
}

/// Opens the system share sheet with `link`; without one (most desktops),
/// copies the link instead.
fn share(button: &Element, link: &str, language: Language) {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else { return };
    if !Reflect::has(&navigator, &"share".into()).unwrap_or(false) {
        copy(button, link, language);
        return;
    }
    let data = web_sys::ShareData::new();
    data.set_text(language.share_text());
    data.set_url(link);
    // Dismissing the sheet rejects; that is the shopper's choice, not an error.
    let promise = navigator.share_with_data(&data);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

/// The referral offer with the member's link, a copy and a share button.
pub fn referral_section(
    parent: &Element,
    view: &View,
    program: &Program,
    referral: &Referral,
    heading: &str,
) -> Result<(), JsValue> {
    let language = view.language;
    dom::append(parent, heading, "heading")?.set_text_content(Some(language.refer_a_friend()));
    if let Some(rules) = &program.referral {
        let friend_gets = view.discount_kind(program, &rules.friend_discount);
        let minimum = view.minimum_spend(program, &rules.friend_discount);
        let advocate = program.actions.iter().find(|rule| rule.action == crate::engine::actions::Action::Referral);
        let you_get = advocate.map(|rule| view.points(rule.points));
        let text = language.referral_offer(&friend_gets, minimum.as_deref(), you_get.as_deref());
        let offer = dom::append(parent, "p", "referral-offer")?;
        offer.set_text_content(Some(&text));
        // The prompt clamps it to two lines; the tooltip keeps the whole offer.
        offer.set_attribute("title", &text)?;
    }
    let Some(link) = dom::http_url(&referral.link) else { return Ok(()) };
    let row = dom::append(parent, "div", "referral-row")?;
    let field = dom::append(&row, "input", "referral-link")?;
    field.set_attribute("type", "text")?;
    field.set_attribute("readonly", "")?;
    field.set_attribute("aria-label", language.referral_link())?;
    field.unchecked_ref::<HtmlInputElement>().set_value(&link);
    let copy = button(&row, "copy", language.copy(), "data-copy", &link)?;
    copy.set_attribute("aria-label", &language.copy_label(language.referral_link()))?;
    copy.set_attribute("data-key", REFERRAL_COPY_KEY)?;
    let share = button(&row, "share", language.share(), "data-share", &link)?;
    share.set_attribute("data-key", "share-referral")?;
    let converted = referral.friends.converted;
    if converted > 0 {
        let text = language.friends_converted(&view.formats.integer(converted), view.formats.is_singular(converted));
        dom::append(parent, "p", "referral-friends")?.set_text_content(Some(&text));
    }
    Ok(())
}
