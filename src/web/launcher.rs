//! `<treu-launcher>`: a floating button with the member's balance that opens
//! the rewards panel. Members see their balance (available and pending), a
//! win-back offer, their tier and progress, their discount codes, rewards to
//! redeem, ways to earn with what is done, their referral link and recent
//! history. Guests see how the program works and a join / sign-in call to
//! action. This is the launcher's view model: the button's words and the
//! panel's facts. `pkg-template/treu_launcher.js` draws the button and the
//! panel as a modal dialog (focus moves into it, Tab stays inside, Escape
//! closes it and focus returns to the button); `treu_panel.js` words and
//! draws the panel's content.

use super::controls::ReferralView;
use super::interop::to_js;
use super::member::Member;
use super::shipping_bar::Progress;
use super::view::{Notice, View};
use crate::engine::money::Money;
use crate::engine::program::Program;
use crate::engine::redemption::RedemptionOption;
use crate::engine::tiers::TierBasis;
use wasm_bindgen::JsValue;

/// What the launcher shows.
#[derive(Debug, PartialEq, Eq)]
pub struct LauncherView {
    /// `pending` (hidden until the program, and a signed-in customer's
    /// balance, are known), `member` or `guest`.
    pub state: &'static str,
    /// The button's words: the balance, "Welcome back", or "Rewards".
    pub label: String,
    /// The button's accessible name when it says more than its words; it
    /// starts with the words shown (WCAG 2.5.3: speech users say what they see).
    pub name: Option<String>,
    /// A win-back offer is waiting (`data-offer="win-back"`).
    pub offer: bool,
    /// The panel's title and the close button's accessible name.
    pub title: String,
    pub close: String,
    /// What the panel is drawn from; `None` while pending (what was built stays).
    pub panel: Option<PanelFacts>,
}

/// What the panel is drawn from: the engine's and the page's facts, with
/// the words that the first paint has anyway. `pkg-template/treu_panel.js`
/// words the rest (its sections, lists and history) from these and from
/// the member as the host sent them (`member.raw`, added by `widget.rs`),
/// so none of the panel's wording is in the first paint's module.
#[derive(Debug, PartialEq, Eq)]
pub struct PanelFacts {
    /// Changes whenever the program, the member, the cart or a notice
    /// changes: the renderer rebuilds the content only then, so focus and
    /// scroll survive other updates.
    pub revision: u64,
    /// The control to focus after a rebuild (a fresh code's copy button);
    /// otherwise focus stays on the control that had it.
    pub focus: Option<String>,
    /// The locale numbers and dates are formatted for (`null`: the browser's).
    pub locale: Option<String>,
    /// `en` or `de`: the language of the words.
    pub language: &'static str,
    /// The latest outcome: `code` (the fresh code) or `error`; its `text` is
    /// also what the panel's status region announces.
    pub notice: Option<NoticeFacts>,
    /// The redemption option on its way to the host, if any.
    pub redeeming: Option<String>,
    /// The program's action rules, in program order.
    pub actions: Vec<ActionFacts>,
    /// The program's rewards with their names and what each costs.
    pub rewards: Vec<RewardFacts>,
    pub member: Option<MemberFacts>,
    pub guest: Option<GuestFacts>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct NoticeFacts {
    pub kind: &'static str,
    pub text: String,
    pub code: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ActionFacts {
    /// The action's JSON name (`signup`).
    pub action: &'static str,
    pub points: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub struct RewardFacts {
    pub id: String,
    /// Its name for people (the id when it has none).
    pub name: String,
    /// The points it takes; a stepped reward's smallest step.
    pub cost: i64,
    /// "500 points".
    pub cost_text: String,
    /// Its `points` (a stepped reward's points per step): "100 points", as
    /// a guest's list of ways to redeem shows it.
    pub points_text: String,
}

/// What the engine and the page tell of the member shown.
#[derive(Debug, PartialEq, Eq)]
pub struct MemberFacts {
    pub available: i64,
    pub pending: i64,
    /// "620 points".
    pub balance: String,
    pub win_back: Option<WinBackFacts>,
    pub tier: Option<TierFacts>,
    /// The referral offer with the member's link (as `<treu-referral>` shows it).
    pub referral: Option<ReferralView>,
}

/// The engine's win-back offer for the member, worded where the first paint words it.
#[derive(Debug, PartialEq, Eq)]
pub struct WinBackFacts {
    pub title: String,
    /// "15 % off", with a minimum spend if it has one.
    pub discount: String,
    pub valid_days: i64,
    /// What it takes off this cart, when it applies: "€3.00".
    pub value: Option<String>,
}

/// The tier held and the way to the next.
#[derive(Debug, PartialEq, Eq)]
pub struct TierFacts {
    pub name: Option<String>,
    /// The next tier's name; `null` at the top.
    pub next: Option<String>,
    /// What is missing to the next tier: "120 points", "€40.00".
    pub remaining: String,
    pub progress: Option<Progress>,
}

/// The page's checked links, for a guest.
#[derive(Debug, PartialEq, Eq)]
pub struct GuestFacts {
    /// "Earn 1 point for every €1.00 you spend.", in the currency shown.
    pub rate: Option<String>,
    pub join: Option<String>,
    pub sign_in: Option<String>,
}

/// The launcher's view model for `view` as a JS object: its panel's member
/// facts carry the member's body as the host sent it (`raw`), for the
/// panel's own reading.
pub fn launcher_model(view: &View) -> Result<JsValue, JsValue> {
    let model = to_js(&LauncherView::of(view))?;
    if let Some(member) = view.member {
        let facts = js_sys::Reflect::get(&model, &"panel".into())
            .and_then(|panel| js_sys::Reflect::get(&panel, &"member".into()))?;
        if facts.is_object() {
            js_sys::Reflect::set(&facts, &"raw".into(), &member.raw)?;
        }
    }
    Ok(model)
}

impl LauncherView {
    /// The launcher for `view`, with its panel's facts.
    pub fn of(view: &View) -> LauncherView {
        let mut launcher = LauncherView::closed(view);
        if let (Some(program), "member" | "guest") = (view.program, launcher.state) {
            launcher.panel = Some(panel(program, view));
        }
        launcher
    }

    /// The closed launcher's button for `view`, without the panel's content
    /// (`panel` is `None`: the renderer keeps what it built). The first paint
    /// shows this; the later module adds the panel.
    pub fn closed(view: &View) -> LauncherView {
        let language = view.language;
        let title = language.rewards().to_owned();
        let close = language.close().to_owned();
        // A signed-in customer's button waits for their balance rather than
        // showing the guest label first (its width would change under them).
        let waiting_for_member = view.signed_in && view.member.is_none();
        if view.program.is_none() || waiting_for_member {
            return LauncherView {
                state: "pending",
                label: title.clone(),
                name: None,
                offer: false,
                title,
                close,
                panel: None,
            };
        }
        let offer = view.standing.and_then(|quote| quote.win_back.as_ref()).is_some();
        let (state, label, name) = match view.member {
            Some(member) => {
                let balance = view.points(member.balance.available);
                let label = if offer { language.welcome_back().to_owned() } else { balance.clone() };
                let mut name = language.rewards_with(&balance);
                if offer {
                    name = format!("{label} {name}");
                }
                ("member", label, Some(name))
            }
            None => ("guest", title.clone(), None),
        };
        LauncherView { state, label, name, offer, title, close, panel: None }
    }
}

/// The panel's facts: the member's, or the program's for a guest.
fn panel(program: &Program, view: &View) -> PanelFacts {
    let language = view.language;
    let notice = view.notice.map(|notice| match notice {
        Notice::CodeReady(code) => {
            NoticeFacts { kind: "code", text: language.code_ready(code), code: Some(code.clone()) }
        }
        Notice::Failed(text) => NoticeFacts { kind: "error", text: text.clone(), code: None },
    });
    PanelFacts {
        revision: view.revision,
        focus: matches!(view.notice, Some(Notice::CodeReady(_))).then(|| "copy-fresh".to_owned()),
        locale: view.formats.locale(),
        language: language.tag(),
        notice,
        redeeming: view.redeeming.map(str::to_owned),
        actions: program
            .actions
            .iter()
            .map(|rule| ActionFacts { action: crate::engine::actions::serde_name(rule.action), points: rule.points })
            .collect(),
        rewards: program
            .redemptions
            .iter()
            .map(|option| RewardFacts {
                id: option.id.clone(),
                name: option_name(option).to_owned(),
                cost: option.cost(),
                cost_text: view.points(option.cost()),
                points_text: view.points(option.points),
            })
            .collect(),
        member: view.member.map(|member| member_facts(program, member, view)),
        guest: view.member.is_none().then(|| guest_facts(program, view)),
    }
}

fn member_facts(program: &Program, member: &Member, view: &View) -> MemberFacts {
    MemberFacts {
        available: member.balance.available,
        pending: member.balance.pending,
        balance: view.points(member.balance.available),
        win_back: win_back(program, view),
        tier: tier(program, view),
        referral: member.referral.as_ref().map(|referral| ReferralView::of(view, program, referral)),
    }
}

/// The win-back offer of the engine's quote and what it saves on this cart.
fn win_back(program: &Program, view: &View) -> Option<WinBackFacts> {
    let offer = view.standing.and_then(|quote| quote.win_back.as_ref())?;
    let value = view
        .quote
        .and_then(|quote| quote.win_back.as_ref())
        .filter(|cart| cart.applies_to_cart && cart.value > 0)
        .map(|cart| view.formats.money(Money::new(cart.value, program.currency)));
    Some(WinBackFacts {
        title: view.language.welcome_back().to_owned(),
        discount: view.discount(program, &offer.discount),
        valid_days: offer.valid_days,
        value,
    })
}

/// The tier held and a progress bar to the next (points or money, as the tiers count).
fn tier(program: &Program, view: &View) -> Option<TierFacts> {
    let tier = view.standing.and_then(|quote| quote.tier.as_ref())?;
    let name = tier.current.as_ref().map(|current| current.name.clone());
    let remaining = match tier.basis {
        TierBasis::PointsEarned => view.points(tier.remaining),
        TierBasis::Spend => view.formats.money(Money::new(tier.remaining, program.currency)),
    };
    let progress = tier.next.as_ref().map(|next| Progress {
        max: next.threshold,
        now: tier.qualifying.clamp(0, next.threshold),
        permille: tier.progress_permille,
        text: String::new(),
    });
    Some(TierFacts { name, next: tier.next.as_ref().map(|next| next.name.clone()), remaining, progress })
}

fn guest_facts(program: &Program, view: &View) -> GuestFacts {
    let (language, formats) = (view.language, view.formats);
    let rate = program.earning.rates.iter().find(|rate| rate.currency == view.currency(program)).map(|rate| {
        let per = formats.money(Money::new(rate.per, rate.currency));
        language.earn_rate(&formats.integer(rate.points), formats.is_singular(rate.points), &per)
    });
    GuestFacts { rate, join: view.join_url.map(str::to_owned), sign_in: view.login_url.map(str::to_owned) }
}

/// A redemption option's name for people (its id when it has none).
fn option_name(option: &RedemptionOption) -> &str {
    if option.name.is_empty() {
        option.id.as_str()
    } else {
        option.name.as_str()
    }
}

super::write::object! {
    LauncherView { state: "state", label: "label", name: "name", offer: "offer", title: "title", close: "close", panel: "panel" }
    PanelFacts { revision: "revision", focus: "focus", locale: "locale", language: "language", notice: "notice", redeeming: "redeeming", actions: "actions", rewards: "rewards", member: "member", guest: "guest" }
    NoticeFacts { kind: "kind", text: "text", code: "code" }
    ActionFacts { action: "action", points: "points" }
    RewardFacts { id: "id", name: "name", cost: "cost", cost_text: "costText", points_text: "pointsText" }
    MemberFacts { available: "available", pending: "pending", balance: "balance", win_back: "winBack", tier: "tier", referral: "referral" }
    WinBackFacts { title: "title", discount: "discount", valid_days: "validDays", value: "value" }
    TierFacts { name: "name", next: "next", remaining: "remaining", progress: "progress" }
    GuestFacts { rate: "rate", join: "join", sign_in: "signIn" }
}
