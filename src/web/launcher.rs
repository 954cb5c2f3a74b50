//! `<treu-launcher>`: a floating button with the member's balance that opens
//! the rewards panel. Members see their balance (available and pending), a
//! win-back offer, their tier and progress, their discount codes, rewards to
//! redeem, ways to earn with what is done, their referral link and recent
//! history. Guests see how the program works and a join / sign-in call to action. The panel is a modal dialog: focus moves into it,
//! Tab stays inside, Escape closes it and focus returns to the button.

use super::controls;
use super::dom;
use super::member::{Entry, EntryKind, Member};
use super::messages::Language;
use super::view::{Notice, View};
use super::widget::Commands;
use crate::engine::money::Money;
use crate::engine::program::Program;
use crate::engine::redemption::RedemptionOption;
use crate::engine::tiers::TierBasis;
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
                self.button.set_attribute("aria-label", &language.rewards_with(&balance))?;
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
            Some(member) => self.build_member_panel(program, member, view)?,
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

    fn build_member_panel(&self, program: &Program, member: &Member, view: &View) -> Result<(), JsValue> {
        let language = self.language;
        let formats = view.formats;
        let content = &self.content;
        self.notice(view)?;

        let summary = dom::append(content, "div", "summary")?;
        dom::append(&summary, "p", "greeting")?.set_text_content(Some(&language.greeting(member.first_name())));
        dom::append(&summary, "p", "balance")?.set_text_content(Some(&view.points(member.balance.available)));
        if member.balance.pending > 0 {
            let text = language.pending_points(&formats.integer(member.balance.pending));
            dom::append(&summary, "p", "pending")?.set_text_content(Some(&text));
        }
        if member.balance.available < 0 {
            dom::append(&summary, "p", "negative")?.set_text_content(Some(language.negative_balance()));
        }

        if let Some(offer) = view.standing.and_then(|quote| quote.win_back.as_ref()) {
            let box_ = dom::append(content, "div", "win-back")?;
            dom::append(&box_, "h3", "win-back-title")?.set_text_content(Some(language.welcome_back()));
            let discount = view.discount(program, &offer.discount);
            let issued = member.win_back.as_ref().and_then(|issued| issued.code.as_ref().map(|code| (code, issued)));
            let text = match issued {
                Some(_) => language.win_back_with_code(&discount),
                None => language.win_back_offer(&discount, &formats.integer(offer.valid_days)),
            };
            dom::append(&box_, "p", "win-back-offer")?.set_text_content(Some(&text));
            if let Some(cart) = view.quote.and_then(|quote| quote.win_back.as_ref()) {
                if cart.applies_to_cart && cart.value > 0 {
                    let value = formats.money(Money::new(cart.value, program.currency));
                    dom::append(&box_, "p", "win-back-value")?.set_text_content(Some(&language.saves_on_cart(&value)));
                }
            }
            if let Some((code, issued)) = issued {
                let row = dom::append(&box_, "div", "code-row")?;
                dom::append(&row, "span", "code")?.set_text_content(Some(code));
                let copy = controls::button(&row, "copy", language.copy(), "data-copy", code)?;
                copy.set_attribute("aria-label", &language.copy_label(code))?;
                copy.set_attribute("data-key", "copy-win-back")?;
                if let Some(expires) = issued.expires_at {
                    let until = language.valid_until(&formats.date(expires));
                    dom::append(&box_, "span", "code-detail")?.set_text_content(Some(&until));
                }
            }
        }

        if let Some(tier) = view.standing.and_then(|quote| quote.tier.as_ref()) {
            let section = dom::append(content, "div", "tier")?;
            if let Some(current) = &tier.current {
                dom::append(&section, "p", "tier-name")?.set_text_content(Some(&language.tier_held(&current.name)));
            }
            match &tier.next {
                Some(next) => {
                    let remaining = match tier.basis {
                        TierBasis::PointsEarned => view.points(tier.remaining),
                        TierBasis::Spend => formats.money(Money::new(tier.remaining, program.currency)),
                    };
                    let text = language.to_next_tier(&remaining, &next.name);
                    let track = dom::append(&section, "div", "tier-track")?;
                    track.set_attribute("role", "progressbar")?;
                    track.set_attribute("aria-label", language.tier_progress())?;
                    track.set_attribute("aria-valuemin", "0")?;
                    track.set_attribute("aria-valuemax", &next.threshold.to_string())?;
                    track.set_attribute("aria-valuenow", &tier.qualifying.clamp(0, next.threshold).to_string())?;
                    track.set_attribute("aria-valuetext", &text)?;
                    let fill = dom::append(&track, "div", "tier-fill")?.unchecked_into::<HtmlElement>();
                    let permille = tier.progress_permille;
                    let scale = format!("{}.{:03}", permille / 1000, permille % 1000);
                    fill.style().set_property("--treu-progress", &scale)?;
                    dom::append(&section, "p", "tier-next")?.set_text_content(Some(&text));
                }
                None => dom::append(&section, "p", "tier-next")?.set_text_content(Some(language.top_tier())),
            }
        }

        // The win-back code shows in its offer above, not again in the list.
        let win_back_code = member.win_back.as_ref().and_then(|issued| issued.code.as_deref());
        let codes: Vec<_> =
            member.discount_codes.iter().filter(|code| Some(code.code.as_str()) != win_back_code).collect();
        if !codes.is_empty() {
            dom::append(content, "h3", "heading")?.set_text_content(Some(language.your_codes()));
            let list = dom::append(content, "ul", "codes")?;
            for code in codes {
                let item = dom::append(&list, "li", "code-item")?;
                let row = dom::append(&item, "div", "code-row")?;
                dom::append(&row, "span", "code")?.set_text_content(Some(&code.code));
                let copy = controls::button(&row, "copy", language.copy(), "data-copy", &code.code)?;
                copy.set_attribute("aria-label", &language.copy_label(&code.code))?;
                copy.set_attribute("data-key", &format!("copy-{}", code.code))?;
                let reward = program.redemptions.iter().find(|option| option.id == code.option);
                let mut detail = match reward {
                    Some(option) => option_name(option).to_owned(),
                    None if code.option == "referral-welcome" => language.welcome_gift().to_owned(),
                    None => String::new(),
                };
                if let Some(expires) = code.expires_at {
                    if !detail.is_empty() {
                        detail.push_str(" · ");
                    }
                    detail.push_str(&language.valid_until(&formats.date(expires)));
                }
                if !detail.is_empty() {
                    dom::append(&item, "span", "code-detail")?.set_text_content(Some(&detail));
                }
            }
        }

        if !program.redemptions.is_empty() {
            dom::append(content, "h3", "heading")?.set_text_content(Some(language.ways_to_redeem()));
            let list = dom::append(content, "ul", "redeem")?;
            for option in &program.redemptions {
                let item = dom::append(&list, "li", "item")?;
                let label = dom::append(&item, "span", "item-label")?;
                dom::append(&label, "span", "reward-name")?.set_text_content(Some(option_name(option)));
                dom::append(&label, "span", "reward-cost")?.set_text_content(Some(&view.points(option.cost())));
                let short = option.cost() - member.balance.available;
                let text = match view.redeeming {
                    Some(id) if id == option.id => language.redeeming(),
                    _ => language.redeem(),
                };
                let button = controls::button(&item, "redeem-button", text, "data-redeem", &option.id)?;
                button.set_attribute("data-key", &format!("redeem-{}", option.id))?;
                button.set_attribute(
                    "aria-label",
                    &language.redeem_label(option_name(option), &view.points(option.cost())),
                )?;
                if short > 0 {
                    button.set_attribute("disabled", "")?;
                } else if view.redeeming.is_some() {
                    // Still focusable while one is on its way; a second click is refused.
                    button.set_attribute("aria-disabled", "true")?;
                }
                if short > 0 {
                    let text = language.points_short(&formats.integer(short), formats.is_singular(short));
                    dom::append(&label, "span", "reward-short")?.set_text_content(Some(&text));
                }
            }
        }

        if !member.ways_to_earn.is_empty() {
            dom::append(content, "h3", "heading")?.set_text_content(Some(language.ways_to_earn()));
            let list = dom::append(content, "ul", "earn")?;
            for way in &member.ways_to_earn {
                let points = language.plus_points(&formats.integer(way.points), formats.is_singular(way.points));
                let waiting = member.pending_actions.iter().any(|pending| pending.action == way.action);
                let status = if waiting {
                    Some(language.awaiting_confirmation())
                } else if !way.available && way.done > 0 {
                    Some(language.done())
                } else {
                    None
                };
                let item = list_item(&list, language.action(way.action), status.unwrap_or(&points))?;
                if status.is_some() {
                    item.set_attribute("data-done", "")?;
                }
            }
        }

        if let Some(referral) = &member.referral {
            let section = dom::append(content, "div", "referral")?;
            controls::referral_section(&section, view, program, referral, "h3")?;
        }

        let entries = &member.history.entries;
        if !entries.is_empty() {
            dom::append(content, "h3", "heading")?.set_text_content(Some(language.recent_activity()));
            let list = dom::append(content, "ul", "history")?;
            for (entry, total) in grouped(entries).into_iter().take(5) {
                let item = dom::append(&list, "li", "item")?;
                let label = dom::append(&item, "span", "item-label")?;
                dom::append(&label, "span", "history-what")?
                    .set_text_content(Some(&describe(entry, program, language)));
                dom::append(&label, "span", "history-when")?.set_text_content(Some(&formats.date(entry.at)));
                let sign = if total > 0 { "+" } else { "" };
                let points = format!("{sign}{}", formats.integer(total));
                let amount = dom::append(&item, "span", "points")?;
                amount.set_text_content(Some(&points));
                if total < 0 {
                    amount.set_attribute("data-negative", "")?;
                }
            }
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
                let row = dom::append(&box_, "div", "code-row")?;
                dom::append(&row, "span", "code")?.set_text_content(Some(code));
                let copy = controls::button(&row, "copy", language.copy(), "data-copy", code)?;
                copy.set_attribute("aria-label", &language.copy_label(code))?;
                copy.set_attribute("data-key", "copy-fresh")?;
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

/// A redemption option's name for people (its id when it has none).
fn option_name(option: &RedemptionOption) -> &str {
    if option.name.is_empty() {
        option.id.as_str()
    } else {
        option.name.as_str()
    }
}

/// Entries with their points, one per event: an order's earn entries (its
/// spend, tier bonus, campaign) show as one line, as do a refund's reversals.
fn grouped(entries: &[Entry]) -> Vec<(&Entry, i64)> {
    let mut groups: Vec<(&Entry, i64)> = Vec::new();
    for entry in entries {
        match groups.last_mut() {
            Some((first, total))
                if first.kind == entry.kind
                    && entry.change.order.is_some()
                    && first.change.order == entry.change.order
                    && first.at == entry.at =>
            {
                *total += entry.points;
            }
            _ => groups.push((entry, entry.points)),
        }
    }
    groups
}

/// What a ledger entry was, in the shopper's words.
fn describe(entry: &Entry, program: &Program, language: Language) -> String {
    let change = &entry.change;
    match entry.kind {
        EntryKind::Earn => {
            match (&change.order, change.rule.as_deref().and_then(|rule| rule.strip_prefix("action:"))) {
                (Some(order), _) => language.order_number(order),
                (None, Some(action)) => program
                    .actions
                    .iter()
                    .find(|rule| crate::engine::actions::serde_name(rule.action) == action)
                    .map(|rule| language.action(rule.action).to_owned())
                    .unwrap_or_else(|| language.earned().to_owned()),
                (None, None) => language.earned().to_owned(),
            }
        }
        EntryKind::Redeem => {
            let option = change.option.as_deref().unwrap_or_default();
            let name = program.redemptions.iter().find(|o| o.id == option).map(option_name).unwrap_or(option);
            language.redeemed_for(name)
        }
        EntryKind::Reverse => language.refund_of(change.order.as_deref().unwrap_or_default()),
        EntryKind::Expire => language.points_expired().to_owned(),
        EntryKind::Adjust => language.adjustment().to_owned(),
    }
}

/// `<li><span>label</span><span class="points">points</span></li>`, text only.
fn list_item(list: &Element, label: &str, points: &str) -> Result<Element, JsValue> {
    let item = dom::append(list, "li", "item")?;
    dom::append(&item, "span", "item-label")?.set_text_content(Some(label));
    dom::append(&item, "span", "points")?.set_text_content(Some(points));
    Ok(item)
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
