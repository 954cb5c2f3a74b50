//! `<treu-launcher>`: a floating button with the member's balance that opens
//! the rewards panel. Members see their balance (available and pending), a
//! win-back offer, their tier and progress, their discount codes, rewards to
//! redeem, ways to earn with what is done, their referral link and recent
//! history. Guests see how the program works and a join / sign-in call to
//! action. These are the launcher's facts: `pkg-template/treu_words.js`
//! words the button, `treu_launcher.js` draws it and the panel as a modal
//! dialog (focus moves into it, Tab stays inside, Escape closes it and focus
//! returns to the button), and `treu_panel_model.js` words the panel's
//! content, which `treu_panel.js` draws.

use super::controls::ReferralFacts;
use super::interop::to_js;
use super::member::Member;
use super::shipping_bar::Progress;
use super::view::{Amount, DiscountFacts, Notice, View};
use crate::engine::money::Money;
use crate::engine::program::Program;
use crate::engine::redemption::RedemptionOption;
use crate::engine::tiers::TierBasis;
use wasm_bindgen::JsValue;

/// What the launcher shows.
#[derive(Debug, PartialEq, Eq)]
pub struct LauncherFacts {
    /// `pending` (hidden until the program, and a signed-in customer's
    /// balance, are known), `member` or `guest`.
    pub state: &'static str,
    pub locale: String,
    /// A member's available points, on the button.
    pub balance: Option<i64>,
    /// A win-back offer is waiting (`data-offer="win-back"`): the button welcomes them back.
    pub offer: bool,
    /// What the panel is drawn from; `None` while pending (what was built
    /// stays) and on the first paint (the later module gives the panel).
    pub panel: Option<PanelFacts>,
}

/// What the panel is drawn from: the engine's and the page's facts.
/// `pkg-template/treu_panel_model.js` words them, with the member as the
/// host sent them (`member.raw`, added by [`launcher_model`]: their codes,
/// history and ways to earn), so none of the panel's words are in Wasm.
#[derive(Debug, PartialEq, Eq)]
pub struct PanelFacts {
    /// Changes whenever the program, the member, the cart or a notice
    /// changes: the renderer rebuilds the content only then, so focus and
    /// scroll survive other updates.
    pub revision: u64,
    /// The control to focus after a rebuild (a fresh code's copy button);
    /// otherwise focus stays on the control that had it.
    pub focus: Option<String>,
    pub locale: String,
    /// The latest outcome, which the panel's status region also announces.
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

/// `code` (a redemption issued `code`), `queued` (it waits for the shop to
/// be reachable) or `failed` (with the host's `reason`, or none when the
/// shop could not be reached).
#[derive(Debug, PartialEq, Eq)]
pub struct NoticeFacts {
    pub kind: &'static str,
    pub code: Option<String>,
    pub reason: Option<String>,
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
    /// Its `points` (a stepped reward's points per step), as a guest's list
    /// of ways to redeem shows it.
    pub points: i64,
}

/// What the engine and the page tell of the member shown.
#[derive(Debug, PartialEq, Eq)]
pub struct MemberFacts {
    pub available: i64,
    pub pending: i64,
    pub win_back: Option<WinBackFacts>,
    pub tier: Option<TierFacts>,
    /// The referral offer with the member's link (as `<treu-referral>` shows it).
    pub referral: Option<ReferralFacts>,
}

/// The engine's win-back offer for the member.
#[derive(Debug, PartialEq, Eq)]
pub struct WinBackFacts {
    pub discount: DiscountFacts,
    pub valid_days: i64,
    /// What it takes off this cart, when it applies.
    pub value: Option<Amount>,
}

/// The tier held and the way to the next.
#[derive(Debug, PartialEq, Eq)]
pub struct TierFacts {
    pub name: Option<String>,
    /// The next tier's name; `null` at the top.
    pub next: Option<String>,
    /// What is missing to the next tier: points, or, when tiers count
    /// spend, the amount (`remainingAmount`).
    pub remaining: i64,
    pub remaining_amount: Option<Amount>,
    pub progress: Option<Progress>,
}

/// How a guest earns, and the page's checked links.
#[derive(Debug, PartialEq, Eq)]
pub struct GuestFacts {
    /// The earning rate in the currency shown: `points` for every `per`.
    pub rate: Option<RateFacts>,
    pub join: Option<String>,
    pub sign_in: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct RateFacts {
    pub points: i64,
    pub per: Amount,
}

/// The launcher's facts for `view` as a JS object: its panel's member
/// facts carry the member's body as the host sent it (`raw`), for the
/// panel's own reading.
pub fn launcher_model(view: &View) -> Result<JsValue, JsValue> {
    let model = to_js(&LauncherFacts::of(view))?;
    if let Some(member) = view.member {
        let facts = js_sys::Reflect::get(&model, &"panel".into())
            .and_then(|panel| js_sys::Reflect::get(&panel, &"member".into()))?;
        if facts.is_object() {
            js_sys::Reflect::set(&facts, &"raw".into(), &member.raw)?;
        }
    }
    Ok(model)
}

impl LauncherFacts {
    /// The launcher for `view`, with its panel's facts.
    pub fn of(view: &View) -> LauncherFacts {
        let mut launcher = LauncherFacts::closed(view);
        if let (Some(program), "member" | "guest") = (view.program, launcher.state) {
            launcher.panel = Some(panel(program, view));
        }
        launcher
    }

    /// The closed launcher's button for `view`, without the panel's content
    /// (`panel` is `None`: the renderer keeps what it built). The first paint
    /// shows this; the later module adds the panel.
    pub fn closed(view: &View) -> LauncherFacts {
        // A signed-in customer's button waits for their balance rather than
        // showing the guest label first (its width would change under them).
        let waiting_for_member = view.signed_in && view.member.is_none();
        let state = match view.member {
            _ if view.program.is_none() || waiting_for_member => "pending",
            Some(_) => "member",
            None => "guest",
        };
        let offer = state != "pending" && view.standing.and_then(|quote| quote.win_back.as_ref()).is_some();
        LauncherFacts {
            state,
            locale: view.locale.to_owned(),
            balance: view.member.map(|member| member.balance.available).filter(|_| state == "member"),
            offer,
            panel: None,
        }
    }
}

/// The panel's facts: the member's, or the program's for a guest.
fn panel(program: &Program, view: &View) -> PanelFacts {
    let notice = view.notice.map(|notice| match notice {
        Notice::CodeReady(code) => NoticeFacts { kind: "code", code: Some(code.clone()), reason: None },
        Notice::Queued => NoticeFacts { kind: "queued", code: None, reason: None },
        Notice::Failed(reason) => NoticeFacts { kind: "failed", code: None, reason: reason.clone() },
    });
    PanelFacts {
        revision: view.revision,
        focus: matches!(view.notice, Some(Notice::CodeReady(_))).then(|| "copy-fresh".to_owned()),
        locale: view.locale.to_owned(),
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
                points: option.points,
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
        win_back: win_back(program, view),
        tier: tier(program, view),
        referral: member.referral.as_ref().map(|referral| ReferralFacts::of(program, referral)),
    }
}

/// The win-back offer of the engine's quote and what it saves on this cart.
fn win_back(program: &Program, view: &View) -> Option<WinBackFacts> {
    let offer = view.standing.and_then(|quote| quote.win_back.as_ref())?;
    let value = view
        .quote
        .and_then(|quote| quote.win_back.as_ref())
        .filter(|cart| cart.applies_to_cart && cart.value > 0)
        .map(|cart| Amount(Money::new(cart.value, program.currency)));
    Some(WinBackFacts { discount: DiscountFacts::of(program, &offer.discount), valid_days: offer.valid_days, value })
}

/// The tier held and a progress bar to the next (points or money, as the tiers count).
fn tier(program: &Program, view: &View) -> Option<TierFacts> {
    let tier = view.standing.and_then(|quote| quote.tier.as_ref())?;
    let remaining_amount =
        (tier.basis == TierBasis::Spend).then(|| Amount(Money::new(tier.remaining, program.currency)));
    let progress = tier.next.as_ref().map(|next| Progress {
        max: next.threshold,
        now: tier.qualifying.clamp(0, next.threshold),
        permille: tier.progress_permille,
    });
    Some(TierFacts {
        name: tier.current.as_ref().map(|current| current.name.clone()),
        next: tier.next.as_ref().map(|next| next.name.clone()),
        remaining: tier.remaining,
        remaining_amount,
        progress,
    })
}

fn guest_facts(program: &Program, view: &View) -> GuestFacts {
    let currency = view.currency(program);
    let rate = program.earning.rates.iter().find(|rate| rate.currency == currency);
    GuestFacts {
        rate: rate.map(|rate| RateFacts { points: rate.points, per: Amount(Money::new(rate.per, rate.currency)) }),
        join: view.join_url.map(str::to_owned),
        sign_in: view.login_url.map(str::to_owned),
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

super::write::object! {
    LauncherFacts { state: "state", locale: "locale", balance: "balance", offer: "offer", panel: "panel" }
    PanelFacts { revision: "revision", focus: "focus", locale: "locale", notice: "notice", redeeming: "redeeming", actions: "actions", rewards: "rewards", member: "member", guest: "guest" }
    NoticeFacts { kind: "kind", code: "code", reason: "reason" }
    ActionFacts { action: "action", points: "points" }
    RewardFacts { id: "id", name: "name", cost: "cost", points: "points" }
    MemberFacts { available: "available", pending: "pending", win_back: "winBack", tier: "tier", referral: "referral" }
    WinBackFacts { discount: "discount", valid_days: "validDays", value: "value" }
    TierFacts { name: "name", next: "next", remaining: "remaining", remaining_amount: "remainingAmount", progress: "progress" }
    GuestFacts { rate: "rate", join: "join", sign_in: "signIn" }
    RateFacts { points: "points", per: "per" }
}
