//! The launcher panel of a signed-in member, as a view model, one function
//! per section: balance, win-back offer, tier progress, discount codes,
//! rewards to redeem, ways to earn, referral link and recent history. Every
//! text is final here (formatted, translated); the renderer only places it.

use super::controls::{CodeRow, ReferralView};
use super::member::{Entry, EntryKind, Member};
use super::messages::Language;
use super::shipping_bar::Progress;
use super::view::{Notice, View};
use crate::engine::money::Money;
use crate::engine::program::Program;
use crate::engine::redemption::RedemptionOption;
use crate::engine::tiers::TierBasis;

/// The member's panel.
#[derive(Debug, PartialEq, Eq)]
pub struct MemberPanel {
    /// The latest outcome (a fresh code, a failure), at the top.
    pub notice: Option<NoticeView>,
    /// "Hi Ann", the balance, the points still pending, a negative balance explained.
    pub greeting: String,
    pub balance: String,
    pub pending: Option<String>,
    pub negative: Option<String>,
    pub win_back: Option<WinBackView>,
    pub tier: Option<TierView>,
    pub codes: Option<Section<CodeItem>>,
    pub rewards: Option<Section<RewardItem>>,
    pub earn: Option<Section<ListItem>>,
    pub referral: Option<ReferralView>,
    pub history: Option<Section<HistoryItem>>,
}

/// An outcome shown at the top of the panel.
#[derive(Debug, PartialEq, Eq)]
pub struct NoticeView {
    /// `code` (a code was issued) or `error`.
    pub kind: &'static str,
    pub text: String,
    pub code: Option<CodeRow>,
}

/// The win-back offer, with the code the host issued for it.
#[derive(Debug, PartialEq, Eq)]
pub struct WinBackView {
    pub title: String,
    pub offer: String,
    /// What it takes off this cart, when it applies.
    pub value: Option<String>,
    pub code: Option<CodeRow>,
    /// "Valid until …" of the issued code.
    pub expires: Option<String>,
}

/// The tier held and the way to the next.
#[derive(Debug, PartialEq, Eq)]
pub struct TierView {
    /// "Silver member", when the member holds a tier.
    pub name: Option<String>,
    /// "€40.00 to Gold", or that this is the top tier.
    pub next: String,
    /// The bar to the next tier, with its accessible name; none at the top.
    pub progress: Option<Progress>,
    pub progress_name: String,
}

/// A titled list.
#[derive(Debug, PartialEq, Eq)]
pub struct Section<T> {
    pub heading: String,
    pub items: Vec<T>,
}

/// One of the member's discount codes.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeItem {
    pub row: CodeRow,
    /// What it is and until when it is valid.
    pub detail: Option<String>,
}

/// A reward with its redeem button.
#[derive(Debug, PartialEq, Eq)]
pub struct RewardItem {
    pub name: String,
    pub cost: String,
    /// How many points are missing, when the balance does not cover it.
    pub short: Option<String>,
    /// The redemption option's id, which the button redeems.
    pub option: String,
    /// The button's text ("Redeem", "Redeeming…") and accessible name.
    pub button: String,
    pub button_label: String,
    /// Not enough points: the button is disabled.
    pub disabled: bool,
    /// Another redemption is on its way: the button stays focusable but refuses.
    pub busy: bool,
}

/// A line of a list: what and how many points (or its status).
#[derive(Debug, PartialEq, Eq)]
pub struct ListItem {
    pub label: String,
    pub points: String,
    /// Done or awaiting confirmation: shown muted.
    pub done: bool,
}

/// A line of the member's recent history.
#[derive(Debug, PartialEq, Eq)]
pub struct HistoryItem {
    pub what: String,
    pub when: String,
    /// "+45", "-500".
    pub points: String,
    pub negative: bool,
}

/// The member's panel for `view`.
pub fn member_panel(program: &Program, member: &Member, view: &View) -> MemberPanel {
    let language = view.language;
    let pending = member.balance.pending;
    MemberPanel {
        notice: notice(view),
        greeting: language.greeting(member.first_name()),
        balance: view.points(member.balance.available),
        pending: (pending > 0).then(|| language.pending_points(&view.formats.integer(pending))),
        negative: (member.balance.available < 0).then(|| language.negative_balance().to_owned()),
        win_back: win_back(program, member, view),
        tier: tier(program, view),
        codes: codes(program, member, view),
        rewards: rewards(program, member, view),
        earn: ways_to_earn(member, view),
        referral: member.referral.as_ref().map(|referral| ReferralView::of(view, program, referral)),
        history: history(program, member, view),
    }
}

/// The latest outcome: a fresh code to copy, or what went wrong.
fn notice(view: &View) -> Option<NoticeView> {
    Some(match view.notice? {
        Notice::CodeReady(code) => NoticeView {
            kind: "code",
            text: view.language.code_ready(code),
            code: Some(CodeRow::new(view, code, "copy-fresh".to_owned())),
        },
        Notice::Failed(text) => NoticeView { kind: "error", text: text.clone(), code: None },
    })
}

/// The win-back offer of the engine's quote, with the code the host issued for it.
fn win_back(program: &Program, member: &Member, view: &View) -> Option<WinBackView> {
    let offer = view.standing.and_then(|quote| quote.win_back.as_ref())?;
    let (language, formats) = (view.language, view.formats);
    let discount = view.discount(program, &offer.discount);
    let issued = member.win_back.as_ref().and_then(|issued| issued.code.as_ref().map(|code| (code, issued)));
    let text = match issued {
        Some(_) => language.win_back_with_code(&discount),
        None => language.win_back_offer(&discount, &formats.integer(offer.valid_days)),
    };
    let value = view
        .quote
        .and_then(|quote| quote.win_back.as_ref())
        .filter(|cart| cart.applies_to_cart && cart.value > 0)
        .map(|cart| language.saves_on_cart(&formats.money(Money::new(cart.value, program.currency))));
    Some(WinBackView {
        title: language.welcome_back().to_owned(),
        offer: text,
        value,
        code: issued.map(|(code, _)| CodeRow::new(view, code, "copy-win-back".to_owned())),
        expires: issued
            .and_then(|(_, issued)| issued.expires_at)
            .map(|expires| language.valid_until(&formats.date(expires))),
    })
}

/// The tier held and a progress bar to the next (points or money, as the tiers count).
fn tier(program: &Program, view: &View) -> Option<TierView> {
    let tier = view.standing.and_then(|quote| quote.tier.as_ref())?;
    let language = view.language;
    let name = tier.current.as_ref().map(|current| language.tier_held(&current.name));
    let progress_name = language.tier_progress().to_owned();
    let Some(next) = &tier.next else {
        return Some(TierView { name, next: language.top_tier().to_owned(), progress: None, progress_name });
    };
    let remaining = match tier.basis {
        TierBasis::PointsEarned => view.points(tier.remaining),
        TierBasis::Spend => view.formats.money(Money::new(tier.remaining, program.currency)),
    };
    let text = language.to_next_tier(&remaining, &next.name);
    let progress = Progress {
        max: next.threshold,
        now: tier.qualifying.clamp(0, next.threshold),
        permille: tier.progress_permille,
        text: text.clone(),
    };
    Some(TierView { name, next: text, progress: Some(progress), progress_name })
}

/// The member's unused discount codes, each with a copy button, what it is and its expiry.
fn codes(program: &Program, member: &Member, view: &View) -> Option<Section<CodeItem>> {
    let (language, formats) = (view.language, view.formats);
    // The win-back code shows in its offer above, not again in the list.
    let win_back_code = member.win_back.as_ref().and_then(|issued| issued.code.as_deref());
    let items: Vec<CodeItem> = member
        .discount_codes
        .iter()
        .filter(|code| Some(code.code.as_str()) != win_back_code)
        .map(|code| {
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
            CodeItem {
                row: CodeRow::new(view, &code.code, format!("copy-{}", code.code)),
                detail: (!detail.is_empty()).then_some(detail),
            }
        })
        .collect();
    (!items.is_empty()).then(|| Section { heading: language.your_codes().to_owned(), items })
}

/// The program's rewards, each with a redeem button; what the balance does not
/// cover is disabled and says how many points are missing.
fn rewards(program: &Program, member: &Member, view: &View) -> Option<Section<RewardItem>> {
    if program.redemptions.is_empty() {
        return None;
    }
    let (language, formats) = (view.language, view.formats);
    let items = program
        .redemptions
        .iter()
        .map(|option| {
            let short = option.cost() - member.balance.available;
            let button = match view.redeeming {
                Some(id) if id == option.id => language.redeeming(),
                _ => language.redeem(),
            };
            RewardItem {
                name: option_name(option).to_owned(),
                cost: view.points(option.cost()),
                short: (short > 0).then(|| language.points_short(&formats.integer(short), formats.is_singular(short))),
                option: option.id.clone(),
                button: button.to_owned(),
                button_label: language.redeem_label(option_name(option), &view.points(option.cost())),
                disabled: short > 0,
                busy: short <= 0 && view.redeeming.is_some(),
            }
        })
        .collect();
    Some(Section { heading: language.ways_to_redeem().to_owned(), items })
}

/// The program's actions with what the member has done or is waiting on.
fn ways_to_earn(member: &Member, view: &View) -> Option<Section<ListItem>> {
    if member.ways_to_earn.is_empty() {
        return None;
    }
    let (language, formats) = (view.language, view.formats);
    let items = member
        .ways_to_earn
        .iter()
        .map(|way| {
            let waiting = member.pending_actions.iter().any(|pending| pending.action == way.action);
            let status = if waiting {
                Some(language.awaiting_confirmation())
            } else if !way.available && way.done > 0 {
                Some(language.done())
            } else {
                None
            };
            let points = match status {
                Some(status) => status.to_owned(),
                None => language.plus_points(&formats.integer(way.points), formats.is_singular(way.points)),
            };
            ListItem { label: language.action(way.action).to_owned(), points, done: status.is_some() }
        })
        .collect();
    Some(Section { heading: language.ways_to_earn().to_owned(), items })
}

/// The five most recent events of the member's ledger.
fn history(program: &Program, member: &Member, view: &View) -> Option<Section<HistoryItem>> {
    let entries = &member.history.entries;
    if entries.is_empty() {
        return None;
    }
    let (language, formats) = (view.language, view.formats);
    let items = grouped(entries)
        .into_iter()
        .take(5)
        .map(|(entry, total)| {
            let sign = if total > 0 { "+" } else { "" };
            HistoryItem {
                what: describe(entry, program, language),
                when: formats.date(entry.at),
                points: format!("{sign}{}", formats.integer(total)),
                negative: total < 0,
            }
        })
        .collect();
    Some(Section { heading: language.recent_activity().to_owned(), items })
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

super::write::object! {
    MemberPanel { notice: "notice", greeting: "greeting", balance: "balance", pending: "pending", negative: "negative", win_back: "winBack", tier: "tier", codes: "codes", rewards: "rewards", earn: "earn", referral: "referral", history: "history" }
    NoticeView { kind: "kind", text: "text", code: "code" }
    WinBackView { title: "title", offer: "offer", value: "value", code: "code", expires: "expires" }
    TierView { name: "name", next: "next", progress: "progress", progress_name: "progressName" }
    CodeItem { row: "row", detail: "detail" }
    RewardItem { name: "name", cost: "cost", short: "short", option: "option", button: "button", button_label: "buttonLabel", disabled: "disabled", busy: "busy" }
    ListItem { label: "label", points: "points", done: "done" }
    HistoryItem { what: "what", when: "when", points: "points", negative: "negative" }
}

impl<T: super::write::ToJs> super::write::ToJs for Section<T> {
    fn write(&self, json: &mut super::write::Json) {
        json.begin_object();
        json.field("heading", &self.heading);
        json.field("items", &self.items);
        json.end_object();
    }
}
