//! The browser binding layer in headless Chromium: `Storefront` working out
//! the facts of each mounted widget, worded as `pkg-template/treu_words.js`
//! words them for `treu_widgets.js` to draw (the drawn DOM, focus and keys
//! are tested in www/e2e), and errors
//! crossing into JS with their paths. A signed-in member is in web/member.rs.
#![cfg(target_arch = "wasm32")]

#[path = "web/member.rs"]
mod member;
mod recorder;

use recorder::{json, model};
use serde_json::{json as expected, Value};
use treu::web::Storefront;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const PROGRAM: &str = r#"{"version":1,"currency":"EUR","freeShipping":{
    "thresholds":[{"currency":"EUR","minimum":5000}],"excludedProducts":["gift-wrap"]}}"#;

/// A storefront with `options` (JSON): the first paint with the later module attached.
fn storefront_with(options: &str) -> Result<Storefront, JsValue> {
    recorder::storefront(options)
}

/// The strings at `pointer` (a JSON pointer into each item) of the items at `list`.
fn texts(host: &HtmlElement, list: &str, pointer: &str) -> Vec<String> {
    let model = model(host);
    let items = model.pointer(list).and_then(Value::as_array).cloned().unwrap_or_default();
    items.iter().map(|item| item.pointer(pointer).and_then(Value::as_str).unwrap_or_default().to_owned()).collect()
}

fn storefront(locale: &str) -> Storefront {
    storefront_with(&format!(r#"{{"api":"https://shop.example/apps/treu","locale":"{locale}"}}"#))
        .expect("valid options")
}

fn mounted_bar(storefront: &Storefront) -> HtmlElement {
    mounted(storefront, "treu-shipping-bar")
}

fn mounted(storefront: &Storefront, tag: &str) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element(tag).unwrap().unchecked_into::<HtmlElement>();
    document.body().unwrap().append_child(&host).unwrap();
    storefront.mount(host.clone().into()).unwrap();
    host
}

fn cart(lines: &str) -> JsValue {
    json(&format!(r#"{{"currency":"EUR","lines":[{lines}]}}"#))
}

#[wasm_bindgen_test]
fn bar_waits_with_reserved_space_until_program_and_cart_are_known() {
    let storefront = storefront("en");
    let host = mounted_bar(&storefront);
    assert_eq!(
        model(&host),
        expected!({"state": "pending", "name": "Progress to free shipping", "label": "", "progress": null})
    );
}

#[wasm_bindgen_test]
fn bar_shows_remaining_amount_and_aria_values_in_minor_units() {
    let storefront = storefront("en-IE");
    let host = mounted_bar(&storefront);
    storefront.set_program(json(PROGRAM)).unwrap();
    storefront
        .set_cart(cart(
            r#"{"productId":"mug","quantity":2,"unitPrice":1250},{"productId":"gift-wrap","quantity":1,"unitPrice":400}"#,
        ))
        .unwrap();
    assert_eq!(
        model(&host),
        expected!({
            "state": "progress",
            "name": "Progress to free shipping",
            "label": "€25.00 to free shipping",
            "progress": {"max": 5000, "now": 2500, "permille": 500, "text": "€25.00 to free shipping"}
        })
    );
}

#[wasm_bindgen_test]
fn bar_says_when_free_shipping_is_unlocked() {
    let storefront = storefront("en");
    let host = mounted_bar(&storefront);
    storefront.set_program(json(PROGRAM)).unwrap();
    let preview = storefront.set_cart(cart(r#"{"productId":"grinder","quantity":1,"unitPrice":8900}"#)).unwrap();
    let bar = model(&host);
    assert_eq!(bar["state"], "qualified");
    assert_eq!(bar["label"], "Free shipping unlocked");
    assert_eq!(bar["progress"]["now"], 5000);
    assert_eq!(bar["progress"]["permille"], 1000);
    let free_shipping = js_sys::Reflect::get(&preview, &"freeShipping".into()).unwrap();
    let qualified = js_sys::Reflect::get(&free_shipping, &"qualified".into()).unwrap();
    assert_eq!(qualified.as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn german_locale_formats_money_the_german_way() {
    let storefront = storefront("de-DE");
    let host = mounted_bar(&storefront);
    storefront.set_program(json(PROGRAM)).unwrap();
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":1250}"#)).unwrap();
    let text = model(&host)["label"].as_str().unwrap().to_owned();
    assert_eq!(text.replace('\u{a0}', " "), "Noch 37,50 € bis versandkostenfrei");
}

#[wasm_bindgen_test]
fn no_threshold_in_the_cart_currency_hides_the_bar() {
    let storefront = storefront("en");
    let host = mounted_bar(&storefront);
    storefront.set_program(json(PROGRAM)).unwrap();
    storefront.set_cart(json(r#"{"currency":"JPY","lines":[]}"#)).unwrap();
    assert_eq!(model(&host)["state"], "none");
}

fn error_paths(error: JsValue) -> Vec<String> {
    let errors = js_sys::Reflect::get(&error, &"errors".into()).unwrap();
    js_sys::Array::from(&errors)
        .iter()
        .map(|e| js_sys::Reflect::get(&e, &"path".into()).unwrap().as_string().unwrap())
        .collect()
}

#[wasm_bindgen_test]
fn invalid_carts_are_js_errors_naming_every_field() {
    let storefront = storefront("en");
    let error = storefront
        .set_cart(cart(
            r#"{"productId":"","quantity":0,"unitPrice":100},{"productId":"x","quantity":1,"unitPrice":-1}"#,
        ))
        .unwrap_err();
    assert!(error.is_instance_of::<js_sys::Error>());
    assert_eq!(error_paths(error), ["cart.lines[0].productId", "cart.lines[0].quantity", "cart.lines[1].unitPrice"]);

    let wrong_type =
        storefront.set_cart(json(r#"{"currency":"EUR","lines":[{"productId":"x","quantity":"2","unitPrice":1}]}"#));
    assert_eq!(error_paths(wrong_type.unwrap_err()), ["cart.lines[0].quantity"]);

    let unknown_currency = storefront.set_cart(json(r#"{"currency":"EURO","lines":[]}"#));
    assert_eq!(error_paths(unknown_currency.unwrap_err()), ["cart.currency"]);
}

#[wasm_bindgen_test]
fn invalid_programs_are_rejected_with_paths() {
    let storefront = storefront("en");
    let error = storefront
        .set_program(json(
            r#"{"version":1,"currency":"EUR","freeShipping":{"thresholds":[{"currency":"EUR","minimum":0}]}}"#,
        ))
        .unwrap_err();
    assert_eq!(error_paths(error), ["program.freeShipping.thresholds[0].minimum"]);
}

#[wasm_bindgen_test]
fn the_api_must_be_an_http_url() {
    for api in ["", "javascript:alert(1)", "ftp://shop.example", "//shop.example"] {
        let error = storefront_with(&format!(r#"{{"api":"{api}"}}"#)).err().expect(api);
        assert_eq!(error_paths(error), ["options.api"], "{api}");
    }
}

const EARNING_PROGRAM: &str = r#"{"version":1,"currency":"EUR",
    "earning":{"rates":[{"currency":"EUR","points":1,"per":100}]},
    "freeShipping":{"thresholds":[{"currency":"EUR","minimum":5000}]}}"#;

fn signed_in_storefront(locale: &str) -> Storefront {
    storefront_with(&format!(
        r#"{{"api":"https://shop.example/apps/treu","locale":"{locale}","customerToken":"header.claims.signature"}}"#
    ))
    .expect("valid options")
}

#[wasm_bindgen_test]
fn points_line_says_what_this_order_earns() {
    let storefront = signed_in_storefront("en-GB");
    let host = mounted(&storefront, "treu-points");
    assert_eq!(
        model(&host),
        expected!({"state": "pending", "points": null, "text": null, "offer": null, "offerText": null})
    );
    storefront.set_program(json(EARNING_PROGRAM)).unwrap();
    storefront.set_cart(cart(r#"{"productId":"grinder","quantity":15,"unitPrice":8900}"#)).unwrap();
    assert_eq!(
        model(&host),
        expected!({"state": "earn", "points": 1335, "text": "This order earns 1,335 points", "offer": null, "offerText": null})
    );

    storefront.set_cart(cart(r#"{"productId":"sticker","quantity":1,"unitPrice":150}"#)).unwrap();
    assert_eq!(model(&host)["text"], "This order earns 1 point");

    storefront.set_cart(cart("")).unwrap();
    assert_eq!(model(&host), expected!({"state": "none", "points": 0, "text": null, "offer": null, "offerText": null}));
}

#[wasm_bindgen_test]
fn points_line_invites_guests_and_speaks_german() {
    let guest = storefront("en");
    let host = mounted(&guest, "treu-points");
    guest.set_program(json(EARNING_PROGRAM)).unwrap();
    guest.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":4599}"#)).unwrap();
    assert_eq!(model(&host)["text"], "Earn 45 points as a member");

    let member = signed_in_storefront("de-DE");
    let host = mounted(&member, "treu-points");
    member.set_program(json(EARNING_PROGRAM)).unwrap();
    member.set_cart(cart(r#"{"productId":"grinder","quantity":15,"unitPrice":8900}"#)).unwrap();
    assert_eq!(model(&host)["text"], "Diese Bestellung bringt 1.335 Punkte");
    member.set_cart(cart(r#"{"productId":"sticker","quantity":1,"unitPrice":150}"#)).unwrap();
    assert_eq!(model(&host)["text"], "Diese Bestellung bringt 1 Punkt");
}

#[wasm_bindgen_test]
fn a_program_cached_by_an_earlier_page_view_paints_without_the_network() {
    let api = "https://cached.example/apps/treu";
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(&format!("treu:v1:program:{api}"), EARNING_PROGRAM).unwrap();
    let storefront = storefront_with(&format!(r#"{{"api":"{api}/","locale":"en"}}"#)).unwrap();
    let host = mounted_bar(&storefront);
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":4599}"#)).unwrap();
    assert_eq!(model(&host)["label"], "€4.01 to free shipping");

    // A cache entry that is not a valid program is ignored, never trusted.
    storage.set_item(&format!("treu:v1:program:{api}"), r#"{"version":1,"currency":"EUR","x":1}"#).unwrap();
    let storefront = storefront_with(&format!(r#"{{"api":"{api}","locale":"en"}}"#)).unwrap();
    let host = mounted_bar(&storefront);
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":4599}"#)).unwrap();
    assert_eq!(model(&host)["state"], "pending");
    storage.remove_item(&format!("treu:v1:program:{api}")).unwrap();
}

#[wasm_bindgen_test]
fn unknown_fields_are_rejected_as_natively() {
    let storefront = storefront("en");
    let error = storefront.set_cart(json(r#"{"currency":"EUR","lines":[],"coupon":"SAVE"}"#)).unwrap_err();
    assert_eq!(error_paths(error), ["cart.coupon"]);
    let error = storefront
        .set_program(json(r#"{"version":1,"currency":"EUR","freeShipping":{"thresholds":[],"treshold":5}}"#))
        .unwrap_err();
    assert_eq!(error_paths(error.clone()), ["program.freeShipping.treshold"]);
    let message = js_sys::Error::from(error).message().as_string().unwrap();
    assert!(message.contains("unknown field `treshold`"), "{message}");
}

const LAUNCHER_PROGRAM: &str = r#"{"version":1,"currency":"EUR",
    "earning":{"rates":[{"currency":"EUR","points":1,"per":100}]},
    "actions":[{"action":"signup","points":100},{"action":"review","points":25,"cap":"perDay","limit":2}],
    "redemptions":[
        {"id":"five-off","name":"€5 off your order","kind":"amountOff","points":500,"amount":500},
        {"id":"evil","name":"<img src=x onerror=\"window.treuOwned=1\">","kind":"freeShipping","points":300},
        {"id":"cash","name":"€1 off per 100 points","kind":"amountOff","points":100,"amount":100,"stepped":true,"minPoints":500}]}"#;

fn launcher_storefront(join: &str, login: &str) -> Storefront {
    storefront_with(&format!(
        r#"{{"api":"https://shop.example/apps/treu","locale":"en-GB","joinUrl":"{join}","loginUrl":"{login}"}}"#
    ))
    .unwrap()
}

#[wasm_bindgen_test]
fn launcher_shows_guests_how_the_program_works() {
    let storefront = launcher_storefront("https://shop.example/account/register", "/account/login");
    let host = mounted(&storefront, "treu-launcher");
    assert_eq!(model(&host)["state"], "pending");
    assert_eq!(model(&host)["panel"], Value::Null);
    storefront.set_program(json(LAUNCHER_PROGRAM)).unwrap();
    let launcher = model(&host);
    assert_eq!(launcher["state"], "guest");
    assert_eq!(launcher["label"], "Rewards");
    assert_eq!(launcher["name"], Value::Null);
    assert_eq!(launcher["panel"]["member"], Value::Null);
    assert_eq!(launcher["panel"]["guest"]["rate"], "Earn 1 point for every €1.00 you spend.");
    assert_eq!(texts(&host, "/panel/guest/earn/items", "/label"), ["Create an account", "Write a review"]);
    assert_eq!(texts(&host, "/panel/guest/earn/items", "/points"), ["+100 points", "+25 points"]);
    // A stepped reward shows its points per step; its facts also carry what its
    // smallest step costs, which a member's list shows.
    assert_eq!(texts(&host, "/panel/guest/redeem/items", "/points"), ["500 points", "300 points", "100 points"]);
    assert_eq!(model(&host)["facts"]["rewards"][2]["cost"], 500);
    assert_eq!(model(&host)["facts"]["rewards"][2]["points"], 100);
    assert_eq!(texts(&host, "/panel/guest/links", "/part"), ["join", "sign-in"]);
    assert_eq!(texts(&host, "/panel/guest/links", "/url")[0], "https://shop.example/account/register");
    let login = &texts(&host, "/panel/guest/links", "/url")[1];
    assert!(login.starts_with("http") && login.ends_with("/account/login"), "{login}");
}

#[wasm_bindgen_test]
fn hostile_merchant_text_stays_text_and_only_http_links_are_made() {
    let storefront = launcher_storefront("javascript:window.treuOwned=1", "data:text/html,hi");
    let host = mounted(&storefront, "treu-launcher");
    storefront.set_program(json(LAUNCHER_PROGRAM)).unwrap();
    let names = texts(&host, "/panel/guest/redeem/items", "/label");
    assert_eq!(names[1], r#"<img src=x onerror="window.treuOwned=1">"#);
    assert_eq!(model(&host)["panel"]["guest"]["links"], expected!([]), "no link from javascript: or data: URLs");
}
