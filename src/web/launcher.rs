//! `<treu-launcher>`: a floating button with the member's balance that opens
//! the rewards panel. Members see their balance (available and pending), a
//! win-back offer, their tier and progress, their discount codes, rewards to
//! redeem, ways to earn with what is done, their referral link and recent
//! history (`member_panel.rs`). Guests see how the program works and a join /
//! sign-in call to action. This is the launcher's view model;
//! `pkg-template/treu_widgets.js` draws it, with the panel as a modal dialog
//! (focus moves into it, Tab stays inside, Escape closes it and focus returns
//! to the button).

use super::member_panel::{member_panel, option_name, ListItem, MemberPanel, Section};
use super::view::{Notice, View};
use crate::engine::money::Money;
use crate::engine::program::Program;

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
    /// The panel's content; `None` while pending (what was built stays).
    pub panel: Option<PanelView>,
}

/// The panel's content.
#[derive(Debug, PartialEq, Eq)]
pub struct PanelView {
    /// Changes whenever the program, the member, the cart or a notice
    /// changes: the renderer rebuilds the content only then, so focus and
    /// scroll survive other updates.
    pub revision: u64,
    /// What the status region announces (a code issued, a failure), or "".
    pub announcement: String,
    /// The control to focus after a rebuild (a fresh code's copy button);
    /// otherwise focus stays on the control that had it.
    pub focus: Option<String>,
    pub member: Option<MemberPanel>,
    pub guest: Option<GuestPanel>,
}

/// How the program works, for a guest.
#[derive(Debug, PartialEq, Eq)]
pub struct GuestPanel {
    pub intro: String,
    /// "Earn 1 point per €1.00", in the currency shown.
    pub rate: Option<String>,
    pub earn: Option<Section<ListItem>>,
    pub redeem: Option<Section<ListItem>>,
    /// Join and sign-in links (checked http(s) URLs), those the page gave.
    pub links: Vec<LinkView>,
}

/// A link of the guest panel.
#[derive(Debug, PartialEq, Eq)]
pub struct LinkView {
    /// `join` or `sign-in`: its part and class.
    pub part: &'static str,
    pub url: String,
    pub text: String,
}

impl LauncherView {
    /// The launcher for `view`, with its panel's content.
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

/// The panel's content: the member's, or how the program works for a guest.
fn panel(program: &Program, view: &View) -> PanelView {
    let language = view.language;
    PanelView {
        revision: view.revision,
        announcement: match view.notice {
            Some(Notice::CodeReady(code)) => language.code_ready(code),
            Some(Notice::Failed(text)) => text.clone(),
            None => String::new(),
        },
        focus: matches!(view.notice, Some(Notice::CodeReady(_))).then(|| "copy-fresh".to_owned()),
        member: view.member.map(|member| member_panel(program, member, view)),
        guest: view.member.is_none().then(|| guest_panel(program, view)),
    }
}

fn guest_panel(program: &Program, view: &View) -> GuestPanel {
    let (language, formats) = (view.language, view.formats);
    let rate = program.earning.rates.iter().find(|rate| rate.currency == view.currency(program)).map(|rate| {
        let per = formats.money(Money::new(rate.per, rate.currency));
        language.earn_rate(&formats.integer(rate.points), formats.is_singular(rate.points), &per)
    });
    let earn = (!program.actions.is_empty()).then(|| Section {
        heading: language.ways_to_earn().to_owned(),
        items: program
            .actions
            .iter()
            .map(|rule| ListItem {
                label: language.action(rule.action).to_owned(),
                points: language.plus_points(&formats.integer(rule.points), formats.is_singular(rule.points)),
                done: false,
            })
            .collect(),
    });
    let redeem = (!program.redemptions.is_empty()).then(|| Section {
        heading: language.ways_to_redeem().to_owned(),
        items: program
            .redemptions
            .iter()
            .map(|option| ListItem {
                label: option_name(option).to_owned(),
                points: view.points(option.points),
                done: false,
            })
            .collect(),
    });
    let links = [(view.join_url, language.join(), "join"), (view.login_url, language.sign_in(), "sign-in")]
        .into_iter()
        .filter_map(|(url, text, part)| Some(LinkView { part, url: url?.to_owned(), text: text.to_owned() }))
        .collect();
    GuestPanel { intro: language.guest_intro().to_owned(), rate, earn, redeem, links }
}

super::write::object! {
    LauncherView { state: "state", label: "label", name: "name", offer: "offer", title: "title", close: "close", panel: "panel" }
    PanelView { revision: "revision", announcement: "announcement", focus: "focus", member: "member", guest: "guest" }
    GuestPanel { intro: "intro", rate: "rate", earn: "earn", redeem: "redeem", links: "links" }
    LinkView { part: "part", url: "url", text: "text" }
}
