//! The signed-in member as `GET /v1/me` describes them: the parts the widgets
//! show. Fields the host adds later are ignored, so an older plugin keeps
//! working against a newer host. Read field by field (see [`JsObject`]);
//! `quoteCustomer`, the engine's input, by the engine's customer reader.

use super::read::JsObject;
use crate::engine::customer::Customer;
use crate::engine::error::InputError;
use wasm_bindgen::JsValue;

/// `GET /v1/me`: what the first paint reads of it. The launcher's panel
/// reads the rest (codes, history, ways to earn) from `raw` itself
/// (`pkg-template/treu_panel.js`), leniently: a part it cannot read is not shown.
#[derive(Clone, PartialEq, Debug)]
pub struct Member {
    /// The customer's id (the panel reads their name from `raw`).
    pub id: String,
    pub balance: Balance,
    pub referral: Option<Referral>,
    /// The member as the engine's quote reads them, so previews match the host.
    pub quote_customer: Customer,
    /// The body as the host sent it.
    pub raw: JsValue,
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

impl Member {
    /// Reads a `GET /v1/me` answer (or its cached copy) at the JSON path `root`.
    pub fn read(root: &str, value: JsValue) -> Result<Member, InputError> {
        let me = JsObject::root(root, value.clone());
        let customer = me.object("customer");
        let balance = me.object("balance");
        let referral = me.optional_object("referral").map(|referral| {
            let friends = referral.optional_object("friends");
            Referral {
                code: referral.string("code"),
                link: referral.string("link"),
                friends: match friends {
                    Some(friends) => Friends {
                        claimed: friends.optional_integer("claimed"),
                        converted: friends.optional_integer("converted"),
                    },
                    None => Friends::default(),
                },
            }
        });
        let member = Member {
            id: customer.string("id"),
            balance: Balance { available: balance.integer("available"), pending: balance.optional_integer("pending") },
            referral,
            quote_customer: me.read("quoteCustomer"),
            raw: value,
        };
        me.result(member)
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
    fn reads_what_the_first_paint_shows_and_keeps_the_rest_as_sent() {
        let member = read(
            r#"{"customer":{"id":"c-7","email":null,"name":"Ann Lee"},"tier":null,
            "balance":{"total":5,"available":-20,"pending":40},
            "referral":{"code":"C","link":"https://shop.example/?ref=C","friends":{"claimed":2,"refused":1}},
            "discountCodes":[{"code":"D","option":"ship","points":300,"expiresAt":"2030-01-31T12:00:00Z"}],
            "history":{"entries":[{"seq":2,"at":"2026-11-01T10:00:00Z","type":"redeem","points":-300,
                                   "change":{"type":"redeem","option":"ship"}}],"nextBefore":null},
            "quoteCustomer":{"id":"c-7","balance":-20}}"#,
        )
        .unwrap();
        assert_eq!(member.id, "c-7");
        let customer = js_sys::Reflect::get(&member.raw, &"customer".into()).unwrap();
        let name = js_sys::Reflect::get(&customer, &"name".into()).unwrap();
        assert_eq!(name.as_string().as_deref(), Some("Ann Lee"), "the panel reads the name from the body as sent");
        assert_eq!(member.balance, Balance { available: -20, pending: 40 });
        let referral = member.referral.unwrap();
        assert_eq!(referral.friends, Friends { claimed: 2, converted: 0 });
        assert_eq!(member.quote_customer, Customer { id: "c-7".into(), email: None, balance: -20, orders: vec![] });
        let codes = js_sys::Reflect::get(&member.raw, &"discountCodes".into()).unwrap();
        assert_eq!(js_sys::Array::from(&codes).length(), 1, "the panel reads the codes from the body as sent");
    }

    #[test]
    fn problems_name_the_field() {
        let reason = |text: &str| read(text).unwrap_err().to_string();
        assert!(reason(r#"{"customer":{"id":"c"}}"#).contains("me: missing field `balance`"));
        assert!(reason(r#"{"customer":{"id":"c"},"balance":{"available":0.5}}"#)
            .contains("me.balance.available: must be a whole number"));
        assert!(
            reason(r#"{"customer":{"id":"c"},"balance":{"available":1},"quoteCustomer":{"id":"c","x":1}}"#)
                .contains("me.quoteCustomer.x: unknown field `x`"),
            "through the engine's reader"
        );
        // The panel's parts are the panel's to read: a history it cannot
        // read leaves the balance, the tier and the quote shown.
        let base = r#""customer":{"id":"c"},"balance":{"available":1},"quoteCustomer":{"id":"c"}"#;
        assert!(read(&format!(r#"{{{base},"history":{{"entries":[{{"seq":1,"at":"x","type":"dance"}}]}}}}"#)).is_ok());
    }
}
