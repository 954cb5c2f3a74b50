//! The signed-in member as `GET /v1/me` describes them: the parts the widgets
//! show. Fields the host adds later are ignored, so an older plugin keeps
//! working against a newer host. Read field by field (see [`JsObject`]);
//! `quoteCustomer`, the engine's input, by the engine's customer reader.

use super::read::{FromJs, JsObject, ACTIONS};
use crate::engine::actions::Action;
use crate::engine::customer::Customer;
use crate::engine::error::InputError;
use crate::engine::time::Timestamp;
use wasm_bindgen::JsValue;

/// `GET /v1/me`.
#[derive(Clone, PartialEq, Debug)]
pub struct Member {
    pub customer: Identity,
    pub balance: Balance,
    pub referral: Option<Referral>,
    pub discount_codes: Vec<DiscountCode>,
    /// The win-back offer's code, for a lapsed member.
    pub win_back: Option<WinBackCode>,
    pub pending_actions: Vec<PendingAction>,
    pub history: History,
    pub ways_to_earn: Vec<WayToEarn>,
    /// The member as the engine's quote reads them, so previews match the host.
    pub quote_customer: Customer,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Identity {
    pub id: String,
    pub name: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Balance {
    /// Spendable now; negative after a clawback.
    pub available: i64,
    /// Earned, but inside the return window.
    pub pending: i64,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Referral {
    pub code: String,
    pub link: String,
    pub friends: Friends,
}

#[derive(Clone, Copy, PartialEq, Debug, Default)]
pub struct Friends {
    pub claimed: i64,
    pub converted: i64,
}

/// An unused discount code the member holds.
#[derive(Clone, PartialEq, Debug)]
pub struct DiscountCode {
    pub code: String,
    /// The redemption option it came from.
    pub option: String,
    pub expires_at: Option<Timestamp>,
}

/// The code of a win-back offer; `code` is `null` once used or expired.
#[derive(Clone, PartialEq, Debug)]
pub struct WinBackCode {
    pub code: Option<String>,
    pub expires_at: Option<Timestamp>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct PendingAction {
    pub action: Action,
}

#[derive(Clone, PartialEq, Debug, Default)]
pub struct History {
    pub entries: Vec<Entry>,
}

/// One ledger entry, newest first.
#[derive(Clone, PartialEq, Debug)]
pub struct Entry {
    pub seq: u64,
    pub at: Timestamp,
    pub kind: EntryKind,
    /// The signed change to the balance.
    pub points: i64,
    pub change: EntryChange,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum EntryKind {
    Earn,
    Redeem,
    Reverse,
    Expire,
    Adjust,
}

/// The parts of a ledger change that say what it was about.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct EntryChange {
    pub order: Option<String>,
    pub rule: Option<String>,
    pub option: Option<String>,
    pub reason: Option<String>,
}

/// An action rule of the program with what this member has done.
#[derive(Clone, PartialEq, Debug)]
pub struct WayToEarn {
    pub action: Action,
    pub points: i64,
    pub done: i64,
    /// Whether doing it now would earn.
    pub available: bool,
}

impl Member {
    /// Reads a `GET /v1/me` answer (or its cached copy) at the JSON path `root`.
    pub fn read(root: &str, value: JsValue) -> Result<Member, InputError> {
        let me = JsObject::root(root, value)?;
        let customer = me.object("customer")?;
        let balance = me.object("balance")?;
        let referral = me
            .optional_object("referral")?
            .map(|referral| {
                let friends = referral.optional_object("friends")?;
                Ok::<_, InputError>(Referral {
                    code: referral.string("code")?,
                    link: referral.string("link")?,
                    friends: match friends {
                        Some(friends) => Friends {
                            claimed: friends.optional_integer("claimed")?,
                            converted: friends.optional_integer("converted")?,
                        },
                        None => Friends::default(),
                    },
                })
            })
            .transpose()?;
        let win_back = me
            .optional_object("winBack")?
            .map(|offer| {
                Ok::<_, InputError>(WinBackCode {
                    code: offer.optional_string("code")?,
                    expires_at: offer.optional_timestamp("expiresAt")?,
                })
            })
            .transpose()?;
        let entries = match me.optional_object("history")? {
            Some(history) => history.read_list("entries")?,
            None => Vec::new(),
        };
        Ok(Member {
            customer: Identity { id: customer.string("id")?, name: customer.optional_string("name")? },
            balance: Balance {
                available: balance.integer("available")?,
                pending: balance.optional_integer("pending")?,
            },
            referral,
            discount_codes: me.read_list("discountCodes")?,
            win_back,
            pending_actions: me.read_list("pendingActions")?,
            history: History { entries },
            ways_to_earn: me.read_list("waysToEarn")?,
            quote_customer: me.read("quoteCustomer")?,
        })
    }

    /// The member's first name for a greeting, if the shop told it.
    pub fn first_name(&self) -> Option<&str> {
        let name = self.customer.name.as_deref()?.split_whitespace().next()?;
        Some(name)
    }
}

impl FromJs for Entry {
    fn from_js(entry: &JsObject) -> Result<Entry, InputError> {
        let kind = entry.string("type")?;
        let kind = match kind.as_str() {
            "earn" => EntryKind::Earn,
            "redeem" => EntryKind::Redeem,
            "reverse" => EntryKind::Reverse,
            "expire" => EntryKind::Expire,
            "adjust" => EntryKind::Adjust,
            _ => return Err(InputError::field(entry.path("type"), format!("unknown variant `{kind}`"))),
        };
        let change = match entry.optional_object("change")? {
            Some(change) => EntryChange {
                order: change.optional_string("order")?,
                rule: change.optional_string("rule")?,
                option: change.optional_string("option")?,
                reason: change.optional_string("reason")?,
            },
            None => EntryChange::default(),
        };
        Ok(Entry {
            seq: entry.count("seq")?,
            at: entry.timestamp("at")?,
            kind,
            points: entry.integer("points")?,
            change,
        })
    }
}

impl FromJs for DiscountCode {
    fn from_js(code: &JsObject) -> Result<DiscountCode, InputError> {
        Ok(DiscountCode {
            code: code.string("code")?,
            option: code.string("option")?,
            expires_at: code.optional_timestamp("expiresAt")?,
        })
    }
}

impl FromJs for PendingAction {
    fn from_js(pending: &JsObject) -> Result<PendingAction, InputError> {
        Ok(PendingAction { action: pending.one_of("action", &ACTIONS)? })
    }
}

impl FromJs for WayToEarn {
    fn from_js(way: &JsObject) -> Result<WayToEarn, InputError> {
        Ok(WayToEarn {
            action: way.one_of("action", &ACTIONS)?,
            points: way.integer("points")?,
            done: way.optional_integer("done")?,
            available: way.optional_bool("available", true)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn read(text: &str) -> Result<Member, InputError> {
        Member::read("me", js_sys::JSON::parse(text).unwrap())
    }

    #[test]
    fn reads_what_the_widgets_show_and_ignores_the_rest() {
        let member = read(
            r#"{"customer":{"id":"c-7","email":null,"name":"Ann Lee"},"tier":null,
            "balance":{"total":5,"available":-20,"pending":40},
            "referral":{"code":"C","link":"https://shop.example/?ref=C","friends":{"claimed":2,"refused":1}},
            "discountCodes":[{"code":"D","option":"ship","points":300,"expiresAt":"2030-01-31T12:00:00Z"}],
            "pendingActions":[{"action":"photoReview"}],
            "history":{"entries":[{"seq":2,"at":"2026-11-01T10:00:00Z","type":"redeem","points":-300,
                                   "change":{"type":"redeem","option":"ship"}}],"nextBefore":null},
            "waysToEarn":[{"action":"signup","points":200,"done":1,"available":false},{"action":"survey","points":5}],
            "quoteCustomer":{"id":"c-7","balance":-20}}"#,
        )
        .unwrap();
        assert_eq!(member.first_name(), Some("Ann"));
        assert_eq!(member.balance, Balance { available: -20, pending: 40 });
        let referral = member.referral.unwrap();
        assert_eq!(referral.friends, Friends { claimed: 2, converted: 0 });
        assert_eq!(member.discount_codes[0].expires_at, Some(Timestamp::parse("2030-01-31T12:00:00Z").unwrap()));
        assert_eq!(member.pending_actions, vec![PendingAction { action: Action::PhotoReview }]);
        let entry = &member.history.entries[0];
        assert_eq!((entry.seq, entry.kind, entry.points), (2, EntryKind::Redeem, -300));
        assert_eq!(entry.change.option.as_deref(), Some("ship"));
        assert_eq!((member.ways_to_earn[0].available, member.ways_to_earn[1].available), (false, true));
        assert_eq!(member.quote_customer, Customer { id: "c-7".into(), email: None, balance: -20, orders: vec![] });
    }

    #[test]
    fn problems_name_the_field() {
        let reason = |text: &str| read(text).unwrap_err().to_string();
        let base = r#""customer":{"id":"c"},"balance":{"available":1},"quoteCustomer":{"id":"c"}"#;
        assert!(reason(r#"{"customer":{"id":"c"}}"#).contains("me: missing field `balance`"));
        assert!(reason(&format!(r#"{{{base},"waysToEarn":[{{"action":"dance","points":1}}]}}"#))
            .contains("me.waysToEarn[0].action: unknown variant `dance`"));
        assert!(reason(&format!(
            r#"{{{base},"history":{{"entries":[{{"seq":1,"at":"x","type":"earn","points":1.5}}]}}}}"#
        ))
        .contains("me.history.entries[0].at"));
        assert!(reason(r#"{"customer":{"id":"c"},"balance":{"available":0.5}}"#)
            .contains("me.balance.available: must be a whole number"));
        assert!(
            reason(r#"{"customer":{"id":"c"},"balance":{"available":1},"quoteCustomer":{"id":"c","x":1}}"#)
                .contains("me.quoteCustomer.x: unknown field `x`"),
            "through the engine's reader"
        );
    }
}
