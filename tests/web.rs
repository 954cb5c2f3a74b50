//! The browser binding layer in headless Chromium: `Storefront` rendering the
//! shipping bar into Shadow DOM, and errors crossing into JS with their paths.
#![cfg(target_arch = "wasm32")]

use treu::web::Storefront;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const PROGRAM: &str = r#"{"version":1,"currency":"EUR","freeShipping":{
    "thresholds":[{"currency":"EUR","minimum":5000}],"excludedProducts":["gift-wrap"]}}"#;

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test JSON is valid")
}

fn storefront(locale: &str) -> Storefront {
    let options = json(&format!(r#"{{"api":"https://shop.example/apps/treu","locale":"{locale}"}}"#));
    Storefront::new(options).expect("valid options")
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

fn shadow(host: &HtmlElement, selector: &str) -> Element {
    host.shadow_root().expect("shadow root").query_selector(selector).unwrap().expect(selector)
}

fn cart(lines: &str) -> JsValue {
    json(&format!(r#"{{"currency":"EUR","lines":[{lines}]}}"#))
}

#[wasm_bindgen_test]
fn bar_waits_with_reserved_space_until_program_and_cart_are_known() {
    let storefront = storefront("en");
    let host = mounted_bar(&storefront);
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("pending"));
    assert_eq!(shadow(&host, "[role=progressbar]").get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(shadow(&host, ".label").text_content().as_deref(), Some(""));
    let reserved = web_sys::window().unwrap().get_computed_style(&host).unwrap().unwrap();
    assert_ne!(reserved.get_property_value("min-height").unwrap(), "0px");
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
    let bar = shadow(&host, "[role=progressbar]");
    assert_eq!(shadow(&host, ".label").text_content().as_deref(), Some("€25.00 to free shipping"));
    assert_eq!(bar.get_attribute("aria-valuemin").as_deref(), Some("0"));
    assert_eq!(bar.get_attribute("aria-valuemax").as_deref(), Some("5000"));
    assert_eq!(bar.get_attribute("aria-valuenow").as_deref(), Some("2500"));
    assert_eq!(bar.get_attribute("aria-busy"), None);
    let fill = shadow(&host, ".fill").unchecked_into::<HtmlElement>();
    assert_eq!(fill.style().get_property_value("--treu-progress").unwrap(), "0.500");
}

#[wasm_bindgen_test]
fn bar_says_when_free_shipping_is_unlocked() {
    let storefront = storefront("en");
    let host = mounted_bar(&storefront);
    storefront.set_program(json(PROGRAM)).unwrap();
    let preview = storefront.set_cart(cart(r#"{"productId":"grinder","quantity":1,"unitPrice":8900}"#)).unwrap();
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("qualified"));
    assert_eq!(shadow(&host, ".label").text_content().as_deref(), Some("Free shipping unlocked"));
    assert_eq!(shadow(&host, "[role=progressbar]").get_attribute("aria-valuenow").as_deref(), Some("5000"));
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
    let text = shadow(&host, ".label").text_content().unwrap();
    assert_eq!(text.replace('\u{a0}', " "), "Noch 37,50 € bis versandkostenfrei");
}

#[wasm_bindgen_test]
fn no_threshold_in_the_cart_currency_hides_the_bar() {
    let storefront = storefront("en");
    let host = mounted_bar(&storefront);
    storefront.set_program(json(PROGRAM)).unwrap();
    storefront.set_cart(json(r#"{"currency":"JPY","lines":[]}"#)).unwrap();
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("none"));
    let style = web_sys::window().unwrap().get_computed_style(&host).unwrap().unwrap();
    assert_eq!(style.get_property_value("display").unwrap(), "none");
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
        let error = Storefront::new(json(&format!(r#"{{"api":"{api}"}}"#))).err().expect(api);
        assert_eq!(error_paths(error), ["options.api"], "{api}");
    }
}

const EARNING_PROGRAM: &str = r#"{"version":1,"currency":"EUR",
    "earning":{"rates":[{"currency":"EUR","points":1,"per":100}]},
    "freeShipping":{"thresholds":[{"currency":"EUR","minimum":5000}]}}"#;

fn signed_in_storefront(locale: &str) -> Storefront {
    let options = json(&format!(
        r#"{{"api":"https://shop.example/apps/treu","locale":"{locale}","customerToken":"header.claims.signature"}}"#
    ));
    Storefront::new(options).expect("valid options")
}

#[wasm_bindgen_test]
fn points_line_says_what_this_order_earns() {
    let storefront = signed_in_storefront("en-GB");
    let host = mounted(&storefront, "treu-points");
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("pending"));
    storefront.set_program(json(EARNING_PROGRAM)).unwrap();
    storefront.set_cart(cart(r#"{"productId":"grinder","quantity":15,"unitPrice":8900}"#)).unwrap();
    assert_eq!(shadow(&host, ".text").text_content().as_deref(), Some("This order earns 1,335 points"));
    assert_eq!(shadow(&host, ".text").get_attribute("role").as_deref(), Some("status"));
    assert_eq!(host.get_attribute("data-points").as_deref(), Some("1335"));

    storefront.set_cart(cart(r#"{"productId":"sticker","quantity":1,"unitPrice":150}"#)).unwrap();
    assert_eq!(shadow(&host, ".text").text_content().as_deref(), Some("This order earns 1 point"));

    storefront.set_cart(cart("")).unwrap();
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("none"));
    assert_eq!(shadow(&host, ".text").text_content().as_deref(), Some(""));
}

#[wasm_bindgen_test]
fn points_line_invites_guests_and_speaks_german() {
    let guest = storefront("en");
    let host = mounted(&guest, "treu-points");
    guest.set_program(json(EARNING_PROGRAM)).unwrap();
    guest.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":4599}"#)).unwrap();
    assert_eq!(shadow(&host, ".text").text_content().as_deref(), Some("Earn 45 points as a member"));

    let member = signed_in_storefront("de-DE");
    let host = mounted(&member, "treu-points");
    member.set_program(json(EARNING_PROGRAM)).unwrap();
    member.set_cart(cart(r#"{"productId":"grinder","quantity":15,"unitPrice":8900}"#)).unwrap();
    assert_eq!(shadow(&host, ".text").text_content().as_deref(), Some("Diese Bestellung bringt 1.335 Punkte"));
    member.set_cart(cart(r#"{"productId":"sticker","quantity":1,"unitPrice":150}"#)).unwrap();
    assert_eq!(shadow(&host, ".text").text_content().as_deref(), Some("Diese Bestellung bringt 1 Punkt"));
}

#[wasm_bindgen_test]
fn a_program_cached_by_an_earlier_page_view_paints_without_the_network() {
    let api = "https://cached.example/apps/treu";
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item(&format!("treu:v1:program:{api}"), EARNING_PROGRAM).unwrap();
    let storefront = Storefront::new(json(&format!(r#"{{"api":"{api}/","locale":"en"}}"#))).unwrap();
    let host = mounted_bar(&storefront);
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":4599}"#)).unwrap();
    assert_eq!(shadow(&host, ".label").text_content().as_deref(), Some("€4.01 to free shipping"));

    // A cache entry that is not a valid program is ignored, never trusted.
    storage.set_item(&format!("treu:v1:program:{api}"), r#"{"version":1,"currency":"EUR","x":1}"#).unwrap();
    let storefront = Storefront::new(json(&format!(r#"{{"api":"{api}","locale":"en"}}"#))).unwrap();
    let host = mounted_bar(&storefront);
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":4599}"#)).unwrap();
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("pending"));
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
        {"id":"evil","name":"<img src=x onerror=\"window.treuOwned=1\">","kind":"freeShipping","points":300}]}"#;

fn launcher_storefront(join: &str, login: &str) -> Storefront {
    let options = json(&format!(
        r#"{{"api":"https://shop.example/apps/treu","locale":"en-GB","joinUrl":"{join}","loginUrl":"{login}"}}"#
    ));
    Storefront::new(options).unwrap()
}

fn texts(host: &HtmlElement, selector: &str) -> Vec<String> {
    let nodes = host.shadow_root().unwrap().query_selector_all(selector).unwrap();
    (0..nodes.length()).map(|i| nodes.get(i).unwrap().text_content().unwrap()).collect()
}

#[wasm_bindgen_test]
fn launcher_shows_guests_how_the_program_works() {
    let storefront = launcher_storefront("https://shop.example/account/register", "/account/login");
    let host = mounted(&storefront, "treu-launcher");
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("pending"));
    storefront.set_program(json(LAUNCHER_PROGRAM)).unwrap();
    assert_eq!(host.get_attribute("data-state").as_deref(), Some("guest"));
    assert_eq!(texts(&host, ".button-label"), ["Rewards"]);
    assert_eq!(texts(&host, ".rate"), ["Earn 1 point for every €1.00 you spend."]);
    assert_eq!(texts(&host, ".earn .item-label"), ["Create an account", "Write a review"]);
    assert_eq!(texts(&host, ".earn .points"), ["+100 points", "+25 points"]);
    assert_eq!(texts(&host, ".redeem .points"), ["500 points", "300 points"]);
    let panel = shadow(&host, "[role=dialog]").unchecked_into::<HtmlElement>();
    assert!(panel.hidden(), "the panel starts closed");
    assert_eq!(shadow(&host, ".button").get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(shadow(&host, ".join").get_attribute("href").as_deref(), Some("https://shop.example/account/register"));
    let login = shadow(&host, ".sign-in").get_attribute("href").unwrap();
    assert!(login.starts_with("http") && login.ends_with("/account/login"), "{login}");
}

#[wasm_bindgen_test]
fn hostile_merchant_text_stays_text_and_only_http_links_are_made() {
    let storefront = launcher_storefront("javascript:window.treuOwned=1", "data:text/html,hi");
    let host = mounted(&storefront, "treu-launcher");
    storefront.set_program(json(LAUNCHER_PROGRAM)).unwrap();
    assert_eq!(texts(&host, ".redeem .item-label")[1], r#"<img src=x onerror="window.treuOwned=1">"#);
    let root = host.shadow_root().unwrap();
    assert!(root.query_selector("img").unwrap().is_none(), "no element was made from the text");
    assert!(root.query_selector("a").unwrap().is_none(), "no link from javascript: or data: URLs");
    let owned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"treuOwned".into()).unwrap();
    assert!(owned.is_undefined());
}

#[wasm_bindgen_test]
fn launcher_opens_and_closes_from_its_button() {
    let storefront = launcher_storefront("https://shop.example/join", "https://shop.example/login");
    let host = mounted(&storefront, "treu-launcher");
    storefront.set_program(json(LAUNCHER_PROGRAM)).unwrap();
    let button = shadow(&host, ".button").unchecked_into::<HtmlElement>();
    let panel = shadow(&host, "[role=dialog]").unchecked_into::<HtmlElement>();
    button.click();
    assert!(!panel.hidden());
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    let focused = host.shadow_root().unwrap().active_element().unwrap();
    assert_eq!(focused.get_attribute("class").as_deref(), Some("close"), "focus moves into the dialog");
    // A cart update does not rebuild the open panel (focus stays put).
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":1250}"#)).unwrap();
    assert_eq!(host.shadow_root().unwrap().active_element().unwrap(), focused);
    shadow(&host, ".close").unchecked_into::<HtmlElement>().click();
    assert!(panel.hidden());
    assert_eq!(host.shadow_root().unwrap().active_element().unwrap(), button.clone().into());
}

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
    let options = format!(r#"{{"api":"{api}","locale":"en-IE","customerToken":"{}"}}"#, token_for("c-7"));
    Storefront::new(json(&options)).unwrap()
}

#[wasm_bindgen_test]
fn a_member_paints_from_the_page_view_cache() {
    let api = "https://member.example/treu";
    let member = member_json(r#""Ann Lee""#, 620, r#""https://shop.example/?treu_ref=7K3MQX9T2VHAPD""#, &days_ago(20));
    let storefront = member_storefront(api, &member);
    let launcher = mounted(&storefront, "treu-launcher");
    assert_eq!(launcher.get_attribute("data-state").as_deref(), Some("member"));
    assert_eq!(shadow(&launcher, ".button-label").text_content().as_deref(), Some("620 points"));
    assert_eq!(shadow(&launcher, ".greeting").text_content().as_deref(), Some("Hi Ann, you have"));
    assert_eq!(
        shadow(&launcher, ".pending").text_content().as_deref(),
        Some("+40 pending, available once the return window has passed")
    );
    assert_eq!(texts(&launcher, ".earn [data-done] .item-label"), ["Create an account"]);
    assert_eq!(texts(&launcher, ".codes .code"), ["TREU-AAAA-BBBB-CCCC-DD"]);
    // 620 points buy the €5 off (500) and free shipping (300); nothing is short.
    let root = launcher.shadow_root().unwrap();
    assert_eq!(root.query_selector_all(".redeem-button:not([disabled])").unwrap().length(), 2);
    assert_eq!(texts(&launcher, ".history .history-what"), ["Order 1001"]);

    let points = mounted(&storefront, "treu-points");
    assert_eq!(shadow(&points, ".text").text_content().as_deref(), Some("You have 620 points"));
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":4599}"#)).unwrap();
    assert_eq!(shadow(&points, ".text").text_content().as_deref(), Some("This order earns 45 points"));

    let referral = mounted(&storefront, "treu-referral");
    assert_eq!(referral.get_attribute("data-state").as_deref(), Some("ready"));
    let link = shadow(&referral, ".referral-link").unchecked_into::<web_sys::HtmlInputElement>().value();
    assert_eq!(link, "https://shop.example/?treu_ref=7K3MQX9T2VHAPD");
    assert_eq!(
        shadow(&referral, ".referral-friends").text_content().as_deref(),
        Some("1 friend has ordered through your link.")
    );

    // Another customer's token never shows this member: the button waits for its own.
    let options = format!(r#"{{"api":"{api}","locale":"en","customerToken":"{}"}}"#, token_for("c-8"));
    let other = Storefront::new(json(&options)).unwrap();
    let launcher = mounted(&other, "treu-launcher");
    assert_eq!(launcher.get_attribute("data-state").as_deref(), Some("pending"));
    assert!(launcher.shadow_root().unwrap().query_selector(".greeting").unwrap().is_none());
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
    assert_eq!(shadow(&launcher, ".greeting").text_content().as_deref(), Some("Hi <img, you have"));
    for host in [&launcher, &referral] {
        let root = host.shadow_root().unwrap();
        assert!(root.query_selector("img").unwrap().is_none());
        assert!(root.query_selector(".referral-link").unwrap().is_none(), "no field for a javascript: link");
    }
    let owned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"treuOwned".into()).unwrap();
    assert!(owned.is_undefined());
    // 10 points buy nothing: every reward is disabled and says what is missing.
    assert_eq!(texts(&launcher, ".reward-short"), ["490 more points needed", "290 more points needed"]);
}

#[wasm_bindgen_test]
fn a_lapsed_member_is_welcomed_back_with_the_offer() {
    let api = "https://lapsed.example/treu";
    let member = member_json("null", 0, r#""https://shop.example/?r=1""#, &days_ago(400));
    let storefront = member_storefront(api, &member);
    let launcher = mounted(&storefront, "treu-launcher");
    assert_eq!(launcher.get_attribute("data-offer").as_deref(), Some("win-back"));
    assert_eq!(shadow(&launcher, ".button-label").text_content().as_deref(), Some("Welcome back!"));
    assert_eq!(shadow(&launcher, ".greeting").text_content().as_deref(), Some("You have"));
    storefront.set_cart(cart(r#"{"productId":"mug","quantity":1,"unitPrice":2000}"#)).unwrap();
    assert_eq!(
        shadow(&launcher, ".win-back-offer").text_content().as_deref(),
        Some("Your next order: 15 % off. Valid for 14 days.")
    );
    assert_eq!(shadow(&launcher, ".win-back-value").text_content().as_deref(), Some("Saves €3.00 on this cart."));
}
