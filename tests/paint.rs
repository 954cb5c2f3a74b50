//! The first paint's `Paint` in headless Chromium: it shows a guest what it
//! shows with the later module's `Storefront` attached (the shipping bar,
//! the points line), keeps the launcher closed and the referral prompt
//! collapsed until the later module attaches, draws what the later module
//! hands it, and lets a renderer call back into it.
#![cfg(target_arch = "wasm32")]

mod recorder;

use recorder::{json, model, recorder, storefront};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use treu::web::{Paint, Storefront};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const PROGRAM: &str = r#"{"version":1,"currency":"EUR",
    "earning":{"rates":[{"currency":"EUR","per":100,"points":1}]},
    "freeShipping":{"thresholds":[{"currency":"EUR","minimum":5000}]},
    "redemptions":[{"id":"five-off","name":"€5 off","kind":"amountOff","points":500,"amount":500}]}"#;
const CART: &str = r#"{"currency":"EUR","lines":[{"productId":"mug","quantity":2,"unitPrice":1250}]}"#;
const GUEST: &str = r#"{"api":"https://shop.example/apps/treu","locale":"en-IE"}"#;

fn element(tag: &str) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element(tag).unwrap().unchecked_into::<HtmlElement>();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

/// The view models `tag` gets from the first paint and from the later
/// module, for the same program and cart.
fn both(tag: &str) -> (Value, Value) {
    let paint = Paint::new(json(GUEST), recorder()).unwrap();
    paint.set_program(json(PROGRAM)).unwrap();
    paint.set_cart(json(CART)).unwrap();
    let first = element(tag);
    paint.mount(first.clone().into()).unwrap();
    let storefront = storefront(GUEST).unwrap();
    storefront.set_program(json(PROGRAM)).unwrap();
    storefront.set_cart(json(CART)).unwrap();
    let later = element(tag);
    storefront.mount(later.clone().into()).unwrap();
    (model(&first), model(&later))
}

#[wasm_bindgen_test]
fn a_guest_sees_the_same_bar_and_points_line_from_either_module() {
    let (first, later) = both("treu-shipping-bar");
    assert_eq!(first, later);
    assert_eq!(first["label"], "€25.00 to free shipping");
    let (first, later) = both("treu-points");
    assert_eq!(first, later);
    assert_eq!(first["state"], "earn");
}

#[wasm_bindgen_test]
fn the_launcher_paints_closed_and_the_later_module_adds_its_panel() {
    let (first, later) = both("treu-launcher");
    assert_eq!(first["state"], "guest");
    assert_eq!(first["label"], later["label"]);
    assert_eq!(first["panel"], Value::Null);
    assert_eq!(later["panel"]["guest"]["redeem"]["items"][0]["label"], "€5 off");
}

#[wasm_bindgen_test]
fn a_signed_in_customer_waits_for_the_member() {
    let options = r#"{"api":"https://shop.example/apps/treu","customerToken":"t.o.k"}"#;
    let paint = Paint::new(json(options), recorder()).unwrap();
    paint.set_program(json(PROGRAM)).unwrap();
    let launcher = element("treu-launcher");
    paint.mount(launcher.clone().into()).unwrap();
    let referral = element("treu-referral");
    paint.mount(referral.clone().into()).unwrap();
    assert_eq!(model(&launcher)["state"], "pending");
    assert_eq!(model(&referral)["state"], "pending");
    let guest = Paint::new(json(GUEST), recorder()).unwrap();
    guest.set_program(json(PROGRAM)).unwrap();
    guest.mount(referral.clone().into()).unwrap();
    assert_eq!(model(&referral)["state"], "none");
}

#[wasm_bindgen_test]
fn the_later_module_draws_through_the_first_paint() {
    let paint = Paint::new(json(GUEST), recorder()).unwrap();
    assert!(!paint.has_program());
    paint.set_program(json(PROGRAM)).unwrap();
    let launcher = element("treu-launcher");
    paint.mount(launcher.clone().into()).unwrap();
    assert_eq!(model(&launcher)["panel"], Value::Null);
    let storefront = Storefront::new(json(GUEST), paint.into()).unwrap();
    assert_eq!(model(&launcher)["panel"]["guest"]["redeem"]["items"][0]["label"], "€5 off");
    let quote = storefront.set_cart(json(CART)).unwrap();
    let total =
        js_sys::Reflect::get(&quote, &"earn".into()).and_then(|earn| js_sys::Reflect::get(&earn, &"total".into()));
    assert_eq!(total.unwrap().as_f64(), Some(25.0));
    let error = storefront.set_program(json(r#"{"version":1}"#)).unwrap_err();
    assert!(js_sys::Reflect::get(&error, &"message".into()).unwrap().as_string().unwrap().contains("currency"));
    assert!(storefront.has_program(), "a refused program leaves the last one");
}

#[wasm_bindgen_test]
fn a_redemption_is_worded_by_the_first_paint() {
    let paint = Paint::new(json(GUEST), recorder()).unwrap();
    let error = paint.redemption("five-off".into()).unwrap_err();
    assert!(js_sys::Error::from(error).message().as_string().unwrap().contains("not loaded"));
    paint.set_program(json(PROGRAM)).unwrap();
    let body: Value = serde_json::from_str(&paint.redemption("five-off".into()).unwrap()).unwrap();
    assert_eq!(body["option"], "five-off");
    assert_eq!(body["cart"]["currency"], "EUR", "an empty cart before one is set");
    paint.set_cart(json(CART)).unwrap();
    let body: Value = serde_json::from_str(&paint.redemption("five-off".into()).unwrap()).unwrap();
    assert_eq!(body["cart"]["lines"][0]["productId"], "mug");
}

#[wasm_bindgen_test]
fn a_renderer_may_call_back_into_the_first_paint() {
    let paint = Rc::new(RefCell::new(None::<Paint>));
    let quotes = Rc::new(RefCell::new(Vec::new()));
    let draw = {
        let (paint, quotes) = (paint.clone(), quotes.clone());
        Closure::<dyn Fn(JsValue, JsValue)>::new(move |_element: JsValue, _model: JsValue| {
            if let Some(paint) = paint.borrow().as_ref() {
                // Each call draws again, which calls back in: three levels deep.
                if quotes.borrow().len() < 3 {
                    quotes.borrow_mut().push(JsValue::NULL);
                    let quote = paint.set_cart(json(CART)).expect("a call back in is served");
                    quotes.borrow_mut().push(quote);
                }
            }
        })
        .into_js_value()
        .unchecked_into()
    };
    *paint.borrow_mut() = Some(Paint::new(json(GUEST), draw).unwrap());
    let first = paint.borrow();
    let first = first.as_ref().unwrap();
    first.set_program(json(PROGRAM)).unwrap();
    first.mount(element("treu-shipping-bar").into()).unwrap();
    let quotes: Vec<_> = quotes.borrow().iter().filter(|quote| !quote.is_null()).cloned().collect();
    assert_eq!(quotes.len(), 3);
    let total =
        js_sys::Reflect::get(&quotes[0], &"earn".into()).and_then(|earn| js_sys::Reflect::get(&earn, &"total".into()));
    assert_eq!(total.unwrap().as_f64(), Some(25.0));
}

#[wasm_bindgen_test]
fn mounting_a_widget_draws_it_alone_and_a_new_cart_draws_every_one() {
    let (drawn, draw) = drawn_tags();
    let paint = Paint::new(json(GUEST), draw).unwrap();
    paint.set_program(json(PROGRAM)).unwrap();
    for tag in ["treu-shipping-bar", "treu-points", "treu-launcher"] {
        paint.mount(element(tag).into()).unwrap();
    }
    // Not a widget: nothing to draw.
    paint.mount(element("div").into()).unwrap();
    assert_eq!(*drawn.borrow(), ["treu-shipping-bar", "treu-points", "treu-launcher"]);
    drawn.borrow_mut().clear();
    paint.set_cart(json(CART)).unwrap();
    assert_eq!(*drawn.borrow(), ["treu-shipping-bar", "treu-points", "treu-launcher"]);
}

#[wasm_bindgen_test]
fn the_same_program_again_is_not_drawn_again_and_a_changed_one_is() {
    let (drawn, draw) = drawn_tags();
    // An API of its own: what it caches is no other test's.
    let options = r#"{"api":"https://again.example/apps/treu","locale":"en-IE"}"#;
    let paint = Paint::new(json(options), draw).unwrap();
    paint.set_program(json(PROGRAM)).unwrap();
    paint.set_cart(json(CART)).unwrap();
    paint.mount(element("treu-shipping-bar").into()).unwrap();
    paint.mount(element("treu-points").into()).unwrap();
    drawn.borrow_mut().clear();
    let points = |quote: JsValue| {
        js_sys::Reflect::get(&quote, &"earn".into()).and_then(|earn| js_sys::Reflect::get(&earn, &"total".into()))
    };
    // As a warm page view gets it: the host sends the program it painted from.
    let quote = paint.receive_program(json(PROGRAM)).unwrap();
    assert_eq!(drawn.borrow().len(), 0);
    assert_eq!(points(quote).unwrap().as_f64(), Some(25.0), "the quote of the cart, as before");
    let cached = Paint::new(json(options), recorder()).unwrap();
    assert!(cached.has_program(), "cached for the next page view all the same");
    let doubled = PROGRAM.replace(r#""per":100,"points":1"#, r#""per":100,"points":2"#);
    assert_ne!(doubled, PROGRAM);
    let quote = paint.receive_program(json(&doubled)).unwrap();
    assert_eq!(drawn.borrow().len(), 2);
    assert_eq!(points(quote).unwrap().as_f64(), Some(50.0));
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("treu:v1:program:https://again.example/apps/treu").unwrap();
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn the_same_program_again_quotes_the_cart_again_at_this_time() {
    let (drawn, draw) = drawn_tags();
    // Double points from three seconds on: a `refresh()` after that earns them.
    let starts = (js_sys::Date::now() / 1000.0) as i64 + 3;
    let ends = starts + 3_600;
    let campaign =
        format!(r#""campaigns":[{{"id":"soon","name":"Double","percent":200,"startsAt":{starts},"endsAt":{ends}}}],"#);
    let program = PROGRAM.replacen(r#""currency":"EUR","#, &format!(r#""currency":"EUR",{campaign}"#), 1);
    let options = r#"{"api":"https://clock.example/apps/treu","locale":"en-IE"}"#;
    let paint = Paint::new(json(options), draw).unwrap();
    paint.set_program(json(&program)).unwrap();
    let points = |quote: JsValue| {
        js_sys::Reflect::get(&quote, &"earn".into())
            .and_then(|earn| js_sys::Reflect::get(&earn, &"total".into()))
            .unwrap()
            .as_f64()
    };
    assert_eq!(points(paint.set_cart(json(CART)).unwrap()), Some(25.0), "before the campaign");
    paint.mount(element("treu-points").into()).unwrap();
    drawn.borrow_mut().clear();
    sleep(3_200).await;
    assert_eq!(points(paint.receive_program(json(&program)).unwrap()), Some(50.0), "the campaign has started");
    assert_eq!(*drawn.borrow(), ["treu-points"], "the changed quote is drawn");
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("treu:v1:program:https://clock.example/apps/treu").unwrap();
}

/// A renderer that records the tag of each element it is asked to draw.
fn drawn_tags() -> (Rc<RefCell<Vec<String>>>, js_sys::Function) {
    let drawn = Rc::new(RefCell::new(Vec::new()));
    let draw = {
        let drawn = drawn.clone();
        Closure::<dyn Fn(JsValue, JsValue)>::new(move |element: JsValue, _facts: JsValue| {
            drawn.borrow_mut().push(element.unchecked_into::<HtmlElement>().local_name());
        })
        .into_js_value()
        .unchecked_into()
    };
    (drawn, draw)
}
