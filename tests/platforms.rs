//! Cart sources read recorded responses of the platforms' documented cart APIs.
#![cfg(target_arch = "wasm32")]

use treu::web::platform::{rescale, shopify_cart, woocommerce_cart};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("recorded JSON is valid")
}

fn lines(cart: &treu::engine::cart::Cart) -> Vec<(String, i64, i64, bool)> {
    cart.lines.iter().map(|l| (l.product_id.clone(), l.quantity, l.unit_price, l.gift_card)).collect()
}

#[wasm_bindgen_test]
fn shopify_cart_js_becomes_a_cart() {
    let cart = shopify_cart(json(include_str!("fixtures/platforms/shopify-cart.json"))).unwrap();
    assert_eq!(cart.currency.code(), "EUR");
    assert_eq!(
        lines(&cart),
        [
            // The discounted unit price (final_price), not the list price.
            ("8154321928236".to_owned(), 2, 1000, false),
            ("8154321961004".to_owned(), 1, 2490, false),
            ("8154321993772".to_owned(), 1, 2500, true),
        ]
    );
}

#[wasm_bindgen_test]
fn shopify_counts_every_currency_in_hundredths() {
    let text = r#"{"currency":"JPY","items":[{"product_id":1,"quantity":1,"final_price":150000}]}"#;
    assert_eq!(lines(&shopify_cart(json(text)).unwrap())[0].2, 1500);
    let text = r#"{"currency":"KWD","items":[{"product_id":1,"quantity":1,"final_price":1234}]}"#;
    assert_eq!(lines(&shopify_cart(json(text)).unwrap())[0].2, 12340);
}

#[wasm_bindgen_test]
fn woocommerce_store_api_cart_becomes_a_cart() {
    let cart = woocommerce_cart(json(include_str!("fixtures/platforms/woocommerce-cart.json"))).unwrap();
    assert_eq!(cart.currency.code(), "EUR");
    assert_eq!(lines(&cart), [("13".to_owned(), 2, 1000, false), ("14".to_owned(), 1, 2490, false)]);
}

#[wasm_bindgen_test]
fn woocommerce_prices_follow_the_shops_decimals() {
    let text = r#"{"items":[{"id":7,"quantity":1,"prices":{"price":"13"}}],
        "totals":{"currency_code":"EUR","currency_minor_unit":0}}"#;
    assert_eq!(lines(&woocommerce_cart(json(text)).unwrap())[0].2, 1300);
}

#[wasm_bindgen_test]
fn malformed_platform_carts_name_the_field() {
    let error = shopify_cart(json(r#"{"currency":"EUR","items":[{"product_id":1,"quantity":1}]}"#)).unwrap_err();
    assert_eq!(error.errors[0].path, "shopifyCart.items[0]");
    assert!(error.errors[0].reason.contains("final_price"), "{}", error.errors[0].reason);

    let text = r#"{"items":[{"id":7,"quantity":1,"prices":{"price":"12.50"}}],
        "totals":{"currency_code":"EUR","currency_minor_unit":2}}"#;
    let error = woocommerce_cart(json(text)).unwrap_err();
    assert_eq!(error.errors[0].path, "wooCart.items[0].prices.price");

    let error = shopify_cart(json(r#"{"currency":"EUR","items":[{"product_id":1,"quantity":0,"final_price":5}]}"#))
        .unwrap_err();
    assert_eq!(error.errors[0].path, "cart.lines[0].quantity");

    let text = r#"{"currency":"EUR","items":[{"product_id":1,"quantity":1,"final_price":5},{"product_id":2,"quantity":1,"final_price":10.5}]}"#;
    let error = shopify_cart(json(text)).unwrap_err();
    assert_eq!(
        (error.errors[0].path.as_str(), error.errors[0].reason.as_str()),
        ("shopifyCart.items[1].final_price", "must be a whole number")
    );
    let error = shopify_cart(json(r#"{"currency":"EUR","items":{}}"#)).unwrap_err();
    assert_eq!(
        (error.errors[0].path.as_str(), error.errors[0].reason.as_str()),
        ("shopifyCart.items", "must be a list")
    );
    let error = woocommerce_cart(json(r#"{"items":[],"totals":{"currency_code":"EUR","currency_minor_unit":-1}}"#))
        .unwrap_err();
    assert_eq!(error.errors[0].path, "wooCart.totals.currency_minor_unit");
    assert!(shopify_cart(json("[]")).is_err(), "an array is not a cart");
}

#[wasm_bindgen_test]
fn rescaling_rounds_half_away_from_zero_and_never_overflows() {
    assert_eq!(rescale(150, 2, 0, "x").unwrap(), 2);
    assert_eq!(rescale(149, 2, 0, "x").unwrap(), 1);
    assert_eq!(rescale(-150, 2, 0, "x").unwrap(), -2);
    assert_eq!(rescale(7, 0, 3, "x").unwrap(), 7000);
    assert!(rescale(i64::MAX, 0, 2, "x").is_err());
    assert!(rescale(i64::MAX, 2, 0, "x").is_err());
}
