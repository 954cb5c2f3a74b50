//! The pure engine for JS: `quote` and `validateProgram`, the same code the
//! host runs, with errors as JS `Error`s carrying `{ path, reason }` lists.

#[cfg(feature = "engine-entry")]
use super::{engine_interop, interop::input_error_to_js, JsResult};
use crate::engine::cart::Cart;
#[cfg(feature = "engine-entry")]
use crate::engine::customer::Customer;
use crate::engine::error::InputError;
use crate::engine::program::Program;
#[cfg(feature = "engine-entry")]
use crate::engine::quote::Quote;
use crate::engine::time::Timestamp;
#[cfg(feature = "engine-entry")]
use std::cell::RefCell;
#[cfg(feature = "engine-entry")]
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// `quote(program, cart, customer?, now?)`: what `cart` earns and unlocks.
/// `now` is an ISO 8601 instant or unix seconds; it defaults to the clock.
#[cfg(feature = "engine-entry")]
#[wasm_bindgen(js_name = quote)]
pub fn quote_js(program: JsValue, cart: JsValue, customer: JsValue, now: JsValue) -> JsResult<JsValue> {
    // Read in this order (a getter that throws names the first).
    let program = remembered_program(program);
    let cart = engine_interop::from_js("cart", cart);
    let customer =
        (!customer.is_undefined() && !customer.is_null()).then(|| engine_interop::from_js("customer", customer));
    let quote = quote_inputs(program, cart, customer, now);
    engine_interop::to_js(&quote.map_err(|error| input_error_to_js(&error))?)
}

/// `quote()` for plain data: the program, cart and customer as the JSON text
/// `JSON.stringify` wrote of them (treu_engine_entry.js checks first that
/// they are plain JSON data), one string each across the boundary instead of
/// a call per field, and the cart and customer read straight from it. The
/// same answer and errors as [`quote_js`], which reads the objects, for a
/// program it read before. `undefined` otherwise (a program not read yet, or
/// a text that does not read), for `quote()` to hand the objects instead:
/// that read names every problem's path and remembers the program, which a
/// page keeps while its carts change.
#[cfg(feature = "engine-entry")]
#[wasm_bindgen(js_name = quoteText)]
pub fn quote_text(program: &str, cart: &str, customer: Option<String>, now: JsValue) -> JsResult<JsValue> {
    let Some(program) = last_program(program) else { return Ok(JsValue::UNDEFINED) };
    let Ok(cart) = serde_json::from_str::<Cart>(cart) else { return Ok(JsValue::UNDEFINED) };
    let Ok(customer) = customer.as_deref().map(serde_json::from_str::<Customer>).transpose() else {
        return Ok(JsValue::UNDEFINED);
    };
    let quote = quote_inputs(Ok(program), Ok(cart), customer.map(Ok), now);
    engine_interop::to_js(&quote.map_err(|error| input_error_to_js(&error))?)
}

/// `validateProgram(program)`: the program with defaults filled in, or an
/// `Error` listing every problem with its JSON path.
#[cfg(feature = "engine-entry")]
#[wasm_bindgen(js_name = validateProgram)]
pub fn validate_program(program: JsValue) -> JsResult<JsValue> {
    let program = engine_interop::from_js::<Program>("program", program)
        .and_then(Program::validated)
        .map_err(|error| input_error_to_js(&error))?;
    engine_interop::to_js(&program)
}

/// Reads and validates a program from JS.
#[cfg(feature = "storefront")]
pub fn read_program(value: JsValue) -> Result<Program, InputError> {
    super::read::program(value).and_then(Program::validated)
}

/// Reads and validates a cart from JS.
#[cfg(feature = "storefront")]
pub fn read_cart(value: JsValue) -> Result<Cart, InputError> {
    super::read::cart(value).and_then(Cart::validated)
}

/// The instant `now` names, or the browser's clock when it is `undefined`/`null`.
#[cfg(feature = "storefront")]
pub fn read_now(value: JsValue) -> Result<Timestamp, InputError> {
    if value.is_undefined() || value.is_null() {
        return clock_now();
    }
    super::read::timestamp("now", value)
}

/// The browser's clock.
fn clock_now() -> Result<Timestamp, InputError> {
    let seconds = (js_sys::Date::now() / 1000.0) as i64;
    Timestamp::from_unix(seconds).ok_or_else(|| InputError::field("now", "the clock is out of range"))
}

#[cfg(feature = "engine-entry")]
thread_local! {
    /// The last program `quote()` read, with its JSON text: a page quotes many
    /// carts under one program, and reading a program costs far more than a quote.
    static LAST_PROGRAM: RefCell<Option<(String, Rc<Program>)>> = const { RefCell::new(None) };
}

/// The last program read, if its JSON text is `text`.
#[cfg(feature = "engine-entry")]
fn last_program(text: &str) -> Option<Rc<Program>> {
    LAST_PROGRAM.with_borrow(|last| last.as_ref().filter(|(last, _)| last == text).map(|(_, program)| program.clone()))
}

/// The program `value` stands for, read once per distinct program (by its
/// JSON text).
#[cfg(feature = "engine-entry")]
fn remembered_program(value: JsValue) -> Result<Rc<Program>, InputError> {
    let text = js_sys::JSON::stringify(&value).ok().and_then(|text| text.as_string());
    if let Some(program) = text.as_deref().and_then(last_program) {
        return Ok(program);
    }
    let program = Rc::new(engine_interop::from_js::<Program>("program", value)?);
    if let Some(text) = text {
        LAST_PROGRAM.set(Some((text, program.clone())));
    }
    Ok(program)
}

/// What `cart` earns and unlocks; every error reading the inputs at once.
#[cfg(feature = "engine-entry")]
fn quote_inputs(
    program: Result<Rc<Program>, InputError>,
    cart: Result<Cart, InputError>,
    customer: Option<Result<Customer, InputError>>,
    now: JsValue,
) -> Result<Quote, InputError> {
    let mut errors = InputError::default();
    let program = program.map_err(|e| errors.errors.extend(e.errors)).ok();
    let cart = cart.map_err(|e| errors.errors.extend(e.errors)).ok();
    let customer = customer.and_then(|customer| customer.map_err(|e| errors.errors.extend(e.errors)).ok());
    let now = if now.is_undefined() || now.is_null() { clock_now() } else { engine_interop::from_js("now", now) };
    let now = now.map_err(|e| errors.errors.extend(e.errors)).ok();
    match (program, cart, now) {
        (Some(program), Some(cart), Some(now)) if errors.errors.is_empty() => {
            crate::engine::quote::quote(&program, &cart, customer.as_ref(), now)
        }
        _ => Err(errors),
    }
}
