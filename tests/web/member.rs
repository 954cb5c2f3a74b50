//! A signed-in member in the browser: the launcher, points line and referral
//! prompt painted from the page view's cached `GET /v1/me`, the host's text
//! kept as text, the win-back offer of a lapsed member, and a redemption's
//! outcome announced in the shopper's language.

use super::{cart, mounted, storefront_with, texts};
use crate::recorder::{json, model, recorder};
use serde_json::Value;
use treu::web::{Paint, Storefront};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A customer token whose `sub` is `customer` (the browser never verifies it; the host does).
fn token_for(customer: &str) -> String {
    let window = web_sys::window().unwrap();
    let claims = window.btoa(&format!(r#"{{"sub":"{customer}","exp":4102444800}}"#)).unwrap();
    format!("eyJhbGciOiJIUzI1NiJ9.{}.signature", claims.trim_end_matches('='))
}

const MEMBER_PROGRAM: &str = r#"{"version":1,"currency":"EUR",
    "earning":{"rates":[{"currency":"EUR","points":1,"per":100}]},
    "actions":[{"action":"signup","points":200},{"action":"newsletter","points":50}],
    "redemptions":[{"id":"5-off","name":"€5 off","kind":"amountOff","points":500,"amount":500},
                   {"id":"ship","name":"Free shipping","kind":"freeShipping","points":300}],
    "referral":{"friendDiscount":{"kind":"amountOff","amount":1000}},
    "lifecycle":{"lapsedAfterDays":180,"winBack":{"name":"Welcome back","discount":{"kind":"percentOff","percent":15}}}}"#;

/// `GET /v1/me` as the host answers it, for customer `c-7` with `balance` available.
fn member_json(name: &str, balance: i64, link: &str, last_order: &str) -> String {
    format!(
        r#"{{"customer":{{"id":"c-7","email":null,"name":{name}}},"programVersion":1,
        "balance":{{"total":{balance},"available":{balance},"pending":40,"awaitingExpiry":0,"negative":false}},
        "tier":null,"stage":"repeat","winBack":null,
        "referral":{{"code":"7K3M-QX9T-2VHA-PD","link":{link},"friends":{{"claimed":1,"converted":1,"refused":0}}}},
        "discountCodes":[{{"code":"TREU-AAAA-BBBB-CCCC-DD","option":"ship","points":300,"expiresAt":"2030-01-31T12:00:00Z","reward":{{}}}}],
        "pendingActions":[],
        "history":{{"entries":[{{"seq":2,"at":"2026-11-01T10:00:00Z","type":"earn","points":45,"change":{{"type":"earn","order":"1001","rule":"spend","points":45}}}}],"nextBefore":null}},
        "waysToEarn":[{{"action":"signup","points":200,"cap":"once","limit":1,"done":1,"available":false}},
                      {{"action":"newsletter","points":50,"cap":"once","limit":1,"done":0,"available":true}}],
        "quoteCustomer":{{"id":"c-7","balance":{balance},"orders":[{{"id":"1001","placedAt":"{last_order}","spend":4500,"points":45}}]}}}}"#
    )
}

/// The instant `days` days before now, as ISO 8601 in whole seconds.
fn days_ago(days: u32) -> String {
    let millis = js_sys::Date::now() - f64::from(days) * 86_400_000.0;
    let iso: String = js_sys::Date::new(&JsValue::from_f64(millis)).to_iso_string().into();
    format!("{}Z", &iso[..19])
}

fn member_storefront(api: &str, member: &str) -> Storefront {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(&format!("treu:v1:program:{api}"), MEMBER_PROGRAM).unwrap();
    storage.set_item(&format!("treu:v1:me:{api}"), member).unwrap();
    storefront_with(&format!(r#"{{"api":"{api}","locale":"en-IE","customerToken":"{}"}}"#, token_for("c-7"))).unwrap()
}

#[wasm_bindgen_test]
fn a_member_paints_from_the_page_view_cache() {
    let api = "https://member.example/treu";
    let member = member_json(r#""Ann Lee""#, 620, r#""https://shop.example/?treu_ref=7K3MQX9T2VHAPD""#, &days_ago(20));
    let storefront = member_storefront(api, &member);
    let launcher = mounted(&storefront, "treu-launcher");
    let view = model(&launcher);
    assert_eq!(view["state"], "member");
    assert_eq!(view["label"], "620 points");
    assert_eq!(view["name"], "Rewards: 620 points");
    let panel = &view["panel"]["member"];
    assert_eq!(panel["greeting"], "Hi Ann, you have");
    assert_eq!(panel["pending"], "+40 pending, available once the return window has passed");
    let done: Vec<_> = panel["earn"]["items"].as_array().unwrap().iter().filter(|item| item["done"] == true).collect();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0]["label"], "Create an account");
    assert_eq!(texts(&launcher, "/panel/member/codes/items", "/row/code"), ["TREU-AAAA-BBBB-CCCC-DD"]);
    assert_eq!(texts(&launcher, "/panel/member/codes/items", "/row/key"), ["copy-TREU-AAAA-BBBB-CCCC-DD"]);
    // 620 points buy the €5 off (500) and free shipping (300); nothing is short.
    assert_eq!(texts(&launcher, "/panel/member/rewards/items", "/option"), ["5-off", "ship"]);
    for reward in panel["rewards"]["items"].as_array().unwrap() {
        assert_eq!((&reward["disabled"], &reward["short"]), (&Value::Bool(false), &Value::Null));
    }
    assert_eq!(texts(&launcher, "/panel/member/history/items", "/what"), ["Order 1001"]);

    let points = mounted(&storefront, "treu-points");
    assert_eq!(model(&points)["text"], "You have 620 points");
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":4599}"#)).unwrap();
    assert_eq!(model(&points)["text"], "This order earns 45 points");

    let referral = mounted(&storefront, "treu-referral");
    let prompt = model(&referral);
    assert_eq!(prompt["state"], "ready");
    assert_eq!(prompt["referral"]["link"]["url"], "https://shop.example/?treu_ref=7K3MQX9T2VHAPD");
    assert_eq!(prompt["referral"]["friends"], "1 friend has ordered through your link.");
    assert_eq!(prompt["referral"]["offer"], "Give friends a present: €10.00 off for their first order.");
    assert_eq!(prompt["referral"]["link"]["copyLabel"], "Copy Your referral link");

    // Another customer's token never shows this member: the button waits for its own.
    let other = storefront_with(&format!(r#"{{"api":"{api}","locale":"en","customerToken":"{}"}}"#, token_for("c-8")));
    let launcher = mounted(&other.unwrap(), "treu-launcher");
    assert_eq!(model(&launcher)["state"], "pending");
    assert_eq!(model(&launcher)["panel"], Value::Null);
}

#[wasm_bindgen_test]
fn member_text_from_the_host_stays_text_and_bad_links_are_refused() {
    let api = "https://hostile.example/treu";
    let member = member_json(
        r#""<img src=x onerror=\"window.treuOwned=2\">""#,
        10,
        r#""javascript:window.treuOwned=3""#,
        &days_ago(20),
    );
    let storefront = member_storefront(api, &member);
    let launcher = mounted(&storefront, "treu-launcher");
    let referral = mounted(&storefront, "treu-referral");
    assert_eq!(model(&launcher)["panel"]["member"]["greeting"], "Hi <img, you have");
    assert_eq!(model(&launcher)["panel"]["member"]["referral"]["link"], Value::Null, "no javascript: link");
    assert_eq!(model(&referral)["referral"]["link"], Value::Null, "no javascript: link");
    // 10 points buy nothing: every reward is disabled and says what is missing.
    let short = texts(&launcher, "/panel/member/rewards/items", "/short");
    assert_eq!(short, ["490 more points needed", "290 more points needed"]);
}

#[wasm_bindgen_test]
fn a_lapsed_member_is_welcomed_back_with_the_offer() {
    let api = "https://lapsed.example/treu";
    let member = member_json("null", 0, r#""https://shop.example/?r=1""#, &days_ago(400));
    let storefront = member_storefront(api, &member);
    let launcher = mounted(&storefront, "treu-launcher");
    assert_eq!(model(&launcher)["offer"], true);
    assert_eq!(model(&launcher)["label"], "Welcome back!");
    assert_eq!(model(&launcher)["panel"]["member"]["greeting"], "You have");
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":2000}"#)).unwrap();
    let win_back = &model(&launcher)["panel"]["member"]["winBack"];
    assert_eq!(win_back["offer"], "Your next order: 15 % off. Valid for 14 days.");
    assert_eq!(win_back["value"], "Saves €3.00 on this cart.");
}

#[wasm_bindgen_test]
fn the_panel_reads_the_members_parts_leniently_and_speaks_german() {
    let api = "https://lenient.example/treu";
    let member = member_json(r#""Ann Lee""#, 620, r#""https://shop.example/?r=1""#, &days_ago(20));
    // A newer host's entry kind, a code without its text and a way to earn
    // this build does not know: each is left out, the rest shows.
    let member = member
        .replace(r#"{"entries":["#, r#"{"entries":[{"seq":3,"at":"2026-11-02T10:00:00Z","type":"gift","points":5},"#)
        .replace(r#""discountCodes":["#, r#""discountCodes":[{"option":"ship"},"#)
        .replace(r#""waysToEarn":["#, r#""waysToEarn":[{"action":"dance","points":5},"#)
        .replace(r#""pendingActions":[]"#, r#""pendingActions":[{"action":"newsletter"}]"#);
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(&format!("treu:v1:program:{api}"), MEMBER_PROGRAM).unwrap();
    storage.set_item(&format!("treu:v1:me:{api}"), &member).unwrap();
    let options = format!(r#"{{"api":"{api}","locale":"de-DE","customerToken":"{}"}}"#, token_for("c-7"));
    let storefront = storefront_with(&options).unwrap();
    let launcher = mounted(&storefront, "treu-launcher");
    assert_eq!(model(&launcher)["name"], "Prämien: 620 Punkte");
    let panel = &model(&launcher)["panel"]["member"];
    assert_eq!(panel["greeting"], "Hallo Ann, du hast");
    assert_eq!(
        panel["referral"]["offer"],
        "Mach Freunden ein Geschenk: 10,00\u{a0}€ Rabatt für ihre erste Bestellung."
    );
    assert_eq!(panel["referral"]["friends"], "1 Freund hat über deinen Link bestellt.");
    assert_eq!(panel["balance"], "620 Punkte");
    assert_eq!(texts(&launcher, "/panel/member/history/items", "/what"), ["Bestellung 1001"]);
    assert_eq!(texts(&launcher, "/panel/member/codes/items", "/row/code"), ["TREU-AAAA-BBBB-CCCC-DD"]);
    assert_eq!(texts(&launcher, "/panel/member/codes/items", "/detail"), ["Free shipping · Gültig bis 31.01.2030"]);
    assert_eq!(
        texts(&launcher, "/panel/member/earn/items", "/label"),
        ["Kundenkonto anlegen", "Newsletter abonnieren"]
    );
    assert_eq!(texts(&launcher, "/panel/member/earn/items", "/points"), ["Erledigt", "Wird geprüft"]);
    assert_eq!(texts(&launcher, "/panel/member/rewards/items", "/buttonLabel")[0], "€5 off für 500 Punkte einlösen");
}

#[wasm_bindgen_test]
fn a_redemptions_outcome_is_announced_in_the_shoppers_language() {
    let member = member_json(r#""Ann Lee""#, 620, r#""https://shop.example/?r=1""#, &days_ago(20));
    let outcomes = [
        (r#"{"code":"TREU-FRESH"}"#, "code"),
        (r#"{"queued":true}"#, "error"),
        (r#"{"failed":"the balance does not cover it"}"#, "error"),
        (r#"{"failed":true}"#, "error"),
    ];
    let english = [
        "Your code TREU-FRESH is ready. Use it at checkout.",
        "The shop cannot be reached right now. Your redemption is saved and completes as soon as it is back.",
        "Could not redeem: the balance does not cover it",
        "Could not redeem: the shop cannot be reached right now. Please try again in a moment.",
    ];
    let german = [
        "Dein Code TREU-FRESH ist bereit. Gib ihn an der Kasse ein.",
        "Der Shop ist gerade nicht erreichbar. Deine Einlösung ist gespeichert und wird abgeschlossen, sobald er wieder da ist.",
        "Einlösen nicht möglich: the balance does not cover it",
        "Einlösen nicht möglich: der Shop ist gerade nicht erreichbar. Bitte versuche es gleich noch einmal.",
    ];
    for (locale, texts) in [("en-IE", english), ("de-DE", german)] {
        let options = format!(
            r#"{{"api":"https://notice.example/treu","locale":"{locale}","customerToken":"{}"}}"#,
            token_for("c-7")
        );
        let paint = Paint::new(json(&options), recorder()).unwrap();
        paint.set_program(json(MEMBER_PROGRAM)).unwrap();
        paint.set_member(json(&member), false).unwrap();
        paint.attach();
        let document = web_sys::window().unwrap().document().unwrap();
        let launcher = document.create_element("treu-launcher").unwrap().unchecked_into::<web_sys::HtmlElement>();
        paint.mount(launcher.clone().into()).unwrap();
        for ((notice, kind), text) in outcomes.iter().zip(texts) {
            paint.set_panel(None, json(notice));
            let shown = model(&launcher);
            let announced = &shown["panel"]["member"]["notice"];
            assert_eq!(
                (&announced["kind"], &announced["text"]),
                (&Value::from(*kind), &Value::from(text)),
                "{locale} {notice}"
            );
            // Only a fresh code takes focus (its copy button).
            let focus = if *kind == "code" { Value::from("copy-fresh") } else { Value::Null };
            assert_eq!(shown["facts"]["focus"], focus, "{locale} {notice}");
        }
        paint.set_panel(None, JsValue::NULL);
        assert_eq!(model(&launcher)["panel"]["member"]["notice"], Value::Null);
    }
}
