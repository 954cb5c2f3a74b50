//! The first paint's parts that stand apart from its state: reading its
//! options, quoting the cart and handing the widgets' facts to the renderer.

use super::events::emit_error;
use super::interop::{input_error_to_js, string_property, to_js};
use super::quote::read_now;
use super::JsResult;
use crate::engine::cart::Cart;
use crate::engine::customer::Customer;
use crate::engine::error::InputError;
use crate::engine::money::Currency;
use crate::engine::program::Program;
use crate::engine::quote::{quote, Quote};
use wasm_bindgen::JsValue;
use web_sys::HtmlElement;

/// `options.api` without a trailing `/`: it must be an absolute http(s) URL
/// (the loader resolves relative ones).
pub fn api_of(options: &JsValue) -> JsResult<String> {
    let api = string_property(options, "api").unwrap_or_default();
    let lowered = api.to_ascii_lowercase();
    if !(lowered.starts_with("https://") || lowered.starts_with("http://")) {
        let error = InputError::field("options.api", "must be an http(s) URL of the shop's treu API");
        return Err(input_error_to_js(&error));
    }
    Ok(api.trim_end_matches('/').to_owned())
}

/// `options.locale`, or English.
pub fn locale_of(options: &JsValue) -> String {
    string_property(options, "locale").filter(|locale| !locale.is_empty()).unwrap_or_else(|| "en".into())
}

/// The engine's quote of `cart`, or of an empty cart in `currency` (else the
/// program's) before one is set, for `customer` (a guest when `None`);
/// `None` until the program is known.
pub fn quote_cart(
    program: Option<&Program>,
    cart: Option<&Cart>,
    currency: Option<Currency>,
    customer: Option<&Customer>,
) -> Result<Option<Quote>, InputError> {
    let Some(program) = program else { return Ok(None) };
    let now = read_now(JsValue::UNDEFINED)?;
    let empty = Cart::empty(currency.unwrap_or(program.currency));
    quote(program, cart.unwrap_or(&empty), customer, now).map(Some)
}

/// The quote of the cart for JS: `null` until both program and cart are known.
pub fn quote_for_js(quote: Option<&Quote>, cart: Option<&Cart>) -> JsResult<JsValue> {
    match (quote, cart) {
        (Some(quote), Some(_)) => to_js(quote),
        _ => Ok(JsValue::NULL),
    }
}

/// Calls the renderer `draw(element, facts)` for each widget, with no
/// state borrowed. A widget whose facts could not be made, or that the
/// renderer cannot draw, keeps what it showed (reported as `treu:error`).
pub fn call_renderer(draw: &js_sys::Function, models: Vec<(HtmlElement, JsResult<JsValue>)>) {
    for (host, model) in models {
        if let Err(error) = model.and_then(|model| draw.call2(&JsValue::NULL, &host, &model)) {
            emit_error(&error);
        }
    }
}
