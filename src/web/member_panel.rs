//! The launcher panel of a signed-in member, one function per section:
//! balance, win-back offer, tier progress, discount codes, rewards to redeem,
//! ways to earn, referral link and recent history. Text only ever as text.

use super::controls;
use super::dom;
use super::member::{Entry, EntryKind, Member};
use super::messages::Language;
use super::view::View;
use crate::engine::money::Money;
use crate::engine::program::Program;
use crate::engine::redemption::RedemptionOption;
use crate::engine::tiers::TierBasis;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement};

/// Builds the member's panel into `content`.
pub fn build(content: &Element, program: &Program, member: &Member, view: &View) -> Result<(), JsValue> {
    summary(content, member, view)?;
    win_back(content, program, member, view)?;
    tier(content, program, view)?;
    codes(content, program, member, view)?;
    rewards(content, program, member, view)?;
    ways_to_earn(content, member, view)?;
    if let Some(referral) = &member.referral {
        let section = dom::append(content, "div", "referral")?;
        controls::referral_section(&section, view, program, referral, "h3")?;
    }
    history(content, program, member, view)
}

fn summary(content: &Element, member: &Member, view: &View) -> Result<(), JsValue> {
    let language = view.language;
    let summary = dom::append(content, "div", "summary")?;
    dom::append(&summary, "p", "greeting")?.set_text_content(Some(&language.greeting(member.first_name())));
    dom::append(&summary, "p", "balance")?.set_text_content(Some(&view.points(member.balance.available)));
    if member.balance.pending > 0 {
        let text = language.pending_points(&view.formats.integer(member.balance.pending));
        dom::append(&summary, "p", "pending")?.set_text_content(Some(&text));
    }
    if member.balance.available < 0 {
        dom::append(&summary, "p", "negative")?.set_text_content(Some(language.negative_balance()));
    }
    Ok(())
}

/// The win-back offer of the engine's quote, with the code the host issued for it.
fn win_back(content: &Element, program: &Program, member: &Member, view: &View) -> Result<(), JsValue> {
    let Some(offer) = view.standing.and_then(|quote| quote.win_back.as_ref()) else { return Ok(()) };
    let (language, formats) = (view.language, view.formats);
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
        controls::code_row(&box_, code, "copy-win-back", language)?;
        if let Some(expires) = issued.expires_at {
            let until = language.valid_until(&formats.date(expires));
            dom::append(&box_, "span", "code-detail")?.set_text_content(Some(&until));
        }
    }
    Ok(())
}

/// The tier held and a progress bar to the next (points or money, as the tiers count).
fn tier(content: &Element, program: &Program, view: &View) -> Result<(), JsValue> {
    let Some(tier) = view.standing.and_then(|quote| quote.tier.as_ref()) else { return Ok(()) };
    let language = view.language;
    let section = dom::append(content, "div", "tier")?;
    if let Some(current) = &tier.current {
        dom::append(&section, "p", "tier-name")?.set_text_content(Some(&language.tier_held(&current.name)));
    }
    let Some(next) = &tier.next else {
        dom::append(&section, "p", "tier-next")?.set_text_content(Some(language.top_tier()));
        return Ok(());
    };
    let remaining = match tier.basis {
        TierBasis::PointsEarned => view.points(tier.remaining),
        TierBasis::Spend => view.formats.money(Money::new(tier.remaining, program.currency)),
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
    dom::set_progress(&fill, tier.progress_permille)?;
    dom::append(&section, "p", "tier-next")?.set_text_content(Some(&text));
    Ok(())
}

/// The member's unused discount codes, each with a copy button, what it is and its expiry.
fn codes(content: &Element, program: &Program, member: &Member, view: &View) -> Result<(), JsValue> {
    let (language, formats) = (view.language, view.formats);
    // The win-back code shows in its offer above, not again in the list.
    let win_back_code = member.win_back.as_ref().and_then(|issued| issued.code.as_deref());
    let codes: Vec<_> = member.discount_codes.iter().filter(|code| Some(code.code.as_str()) != win_back_code).collect();
    if codes.is_empty() {
        return Ok(());
    }
    dom::append(content, "h3", "heading")?.set_text_content(Some(language.your_codes()));
    let list = dom::append(content, "ul", "codes")?;
    for code in codes {
        let item = dom::append(&list, "li", "code-item")?;
        controls::code_row(&item, &code.code, &format!("copy-{}", code.code), language)?;
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
    Ok(())
}

/// The program's rewards, each with a redeem button; what the balance does not
/// cover is disabled and says how many points are missing.
fn rewards(content: &Element, program: &Program, member: &Member, view: &View) -> Result<(), JsValue> {
    if program.redemptions.is_empty() {
        return Ok(());
    }
    let (language, formats) = (view.language, view.formats);
    dom::append(content, "h3", "heading")?.set_text_content(Some(language.ways_to_redeem()));
    let list = dom::append(content, "ul", "redeem")?;
    for option in &program.redemptions {
        let item = dom::append(&list, "li", "item")?;
        let label = dom::append(&item, "span", "item-label")?;
        dom::append(&label, "span", "reward-name")?.set_text_content(Some(option_name(option)));
        dom::append(&label, "span", "reward-cost")?.set_text_content(Some(&view.points(option.cost())));
        let text = match view.redeeming {
            Some(id) if id == option.id => language.redeeming(),
            _ => language.redeem(),
        };
        let button = controls::button(&item, "redeem-button", text, "data-redeem", &option.id)?;
        button.set_attribute("data-key", &format!("redeem-{}", option.id))?;
        let name = language.redeem_label(option_name(option), &view.points(option.cost()));
        button.set_attribute("aria-label", &name)?;
        let short = option.cost() - member.balance.available;
        if short > 0 {
            button.set_attribute("disabled", "")?;
            let text = language.points_short(&formats.integer(short), formats.is_singular(short));
            dom::append(&label, "span", "reward-short")?.set_text_content(Some(&text));
        } else if view.redeeming.is_some() {
            // Still focusable while one is on its way; a second click is refused.
            button.set_attribute("aria-disabled", "true")?;
        }
    }
    Ok(())
}

/// The program's actions with what the member has done or is waiting on.
fn ways_to_earn(content: &Element, member: &Member, view: &View) -> Result<(), JsValue> {
    if member.ways_to_earn.is_empty() {
        return Ok(());
    }
    let (language, formats) = (view.language, view.formats);
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
    Ok(())
}

/// The five most recent events of the member's ledger.
fn history(content: &Element, program: &Program, member: &Member, view: &View) -> Result<(), JsValue> {
    let entries = &member.history.entries;
    if entries.is_empty() {
        return Ok(());
    }
    let (language, formats) = (view.language, view.formats);
    dom::append(content, "h3", "heading")?.set_text_content(Some(language.recent_activity()));
    let list = dom::append(content, "ul", "history")?;
    for (entry, total) in grouped(entries).into_iter().take(5) {
        let item = dom::append(&list, "li", "item")?;
        let label = dom::append(&item, "span", "item-label")?;
        dom::append(&label, "span", "history-what")?.set_text_content(Some(&describe(entry, program, language)));
        dom::append(&label, "span", "history-when")?.set_text_content(Some(&formats.date(entry.at)));
        let sign = if total > 0 { "+" } else { "" };
        let amount = dom::append(&item, "span", "points")?;
        amount.set_text_content(Some(&format!("{sign}{}", formats.integer(total))));
        if total < 0 {
            amount.set_attribute("data-negative", "")?;
        }
    }
    Ok(())
}

/// `<li><span>label</span><span class="points">points</span></li>`, text only.
pub fn list_item(list: &Element, label: &str, points: &str) -> Result<Element, JsValue> {
    let item = dom::append(list, "li", "item")?;
    dom::append(&item, "span", "item-label")?.set_text_content(Some(label));
    dom::append(&item, "span", "points")?.set_text_content(Some(points));
    Ok(item)
}

/// A redemption option's name for people (its id when it has none).
pub fn option_name(option: &RedemptionOption) -> &str {
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
