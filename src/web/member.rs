//! The signed-in member as `GET /v1/me` describes them: the parts the widgets
//! show. Fields the host adds later are ignored, so an older plugin keeps
//! working against a newer host.

use crate::engine::actions::Action;
use crate::engine::customer::Customer;
use crate::engine::time::Timestamp;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// `GET /v1/me`.
#[derive(Clone, PartialEq, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub customer: Identity,
    pub balance: Balance,
    #[serde(default)]
    pub referral: Option<Referral>,
    #[serde(default)]
    pub discount_codes: Vec<DiscountCode>,
    /// The win-back offer's code, for a lapsed member.
    #[serde(default)]
    pub win_back: Option<WinBackCode>,
    #[serde(default)]
    pub pending_actions: Vec<PendingAction>,
    #[serde(default)]
    pub history: History,
    #[serde(default)]
    pub ways_to_earn: Vec<WayToEarn>,
    /// The member as the engine's quote reads them, so previews match the host.
    pub quote_customer: Customer,
}

#[derive(Clone, PartialEq, Debug, Deserialize)]
pub struct Identity {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Debug, Deserialize, Serialize)]
pub struct Balance {
    /// Spendable now; negative after a clawback.
    pub available: i64,
    /// Earned, but inside the return window.
    #[serde(default)]
    pub pending: i64,
}

#[derive(Clone, PartialEq, Debug, Deserialize)]
pub struct Referral {
    pub code: String,
    pub link: String,
    #[serde(default)]
    pub friends: Friends,
}

#[derive(Clone, Copy, PartialEq, Debug, Default, Deserialize)]
pub struct Friends {
    #[serde(default)]
    pub claimed: i64,
    #[serde(default)]
    pub converted: i64,
}

/// An unused discount code the member holds.
#[derive(Clone, PartialEq, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscountCode {
    pub code: String,
    /// The redemption option it came from.
    pub option: String,
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
}

/// The code of a win-back offer; `code` is `null` once used or expired.
#[derive(Clone, PartialEq, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WinBackCode {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub expires_at: Option<Timestamp>,
}

#[derive(Clone, PartialEq, Debug, Deserialize)]
pub struct PendingAction {
    pub action: Action,
}

#[derive(Clone, PartialEq, Debug, Default, Deserialize)]
pub struct History {
    #[serde(default)]
    pub entries: Vec<Entry>,
}

/// One ledger entry, newest first.
#[derive(Clone, PartialEq, Debug, Deserialize)]
pub struct Entry {
    pub seq: u64,
    pub at: Timestamp,
    #[serde(rename = "type")]
    pub kind: EntryKind,
    /// The signed change to the balance.
    pub points: i64,
    #[serde(default)]
    pub change: EntryChange,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EntryKind {
    Earn,
    Redeem,
    Reverse,
    Expire,
    Adjust,
}

/// The parts of a ledger change that say what it was about.
#[derive(Clone, PartialEq, Debug, Default, Deserialize)]
pub struct EntryChange {
    #[serde(default)]
    pub order: Option<String>,
    #[serde(default)]
    pub rule: Option<String>,
    #[serde(default)]
    pub option: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// An action rule of the program with what this member has done.
#[derive(Clone, PartialEq, Debug, Deserialize)]
pub struct WayToEarn {
    pub action: Action,
    pub points: i64,
    #[serde(default)]
    pub done: i64,
    /// Whether doing it now would earn.
    #[serde(default = "yes")]
    pub available: bool,
}

fn yes() -> bool {
    true
}

impl Member {
    /// The member's first name for a greeting, if the shop told it.
    pub fn first_name(&self) -> Option<&str> {
        let name = self.customer.name.as_deref()?.split_whitespace().next()?;
        Some(name)
    }
}

/// The `sub` claim of a customer token, read without verifying it (the host
/// does that): only to keep one customer's cached state from another's view.
pub fn token_subject(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let mut base64: String = payload
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .collect();
    while base64.len() % 4 != 0 {
        base64.push('=');
    }
    let json = web_sys::window()?.atob(&base64).ok()?;
    let claims = js_sys::JSON::parse(&json).ok()?;
    js_sys::Reflect::get(&claims, &JsValue::from_str("sub")).ok()?.as_string().filter(|sub| !sub.is_empty())
}
