//! `Storefront`: the running plugin on one page. It holds the program and the
//! cart, fetches the program from the host, quotes the cart with the engine
//! and renders every mounted widget. The JS loader creates one and forwards
//! custom-element callbacks to it.

use super::format::MoneyFormat;
use super::interop::{html_element, input_error_to_js, js_error, string_property, to_js};
use super::messages::Language;
use super::quote::{read_cart, read_now, read_program};
use super::shipping_bar::{BarView, ShippingBar};
use super::JsResult;
use crate::engine::cart::Cart;
use crate::engine::error::InputError;
use crate::engine::money::Currency;
use crate::engine::program::Program;
use crate::engine::quote::{quote, Quote};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

struct State {
    api: String,
    locale: String,
    language: Language,
    program: Option<Program>,
    cart: Option<Cart>,
    /// The engine's quote of `cart` under `program`, once both are known.
    quote: Option<Quote>,
    bars: Vec<ShippingBar>,
    money: Option<(Currency, MoneyFormat)>,
}

/// The plugin on one page.
#[wasm_bindgen]
pub struct Storefront {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Storefront {
    /// `options`: `{ api: "https://shop.example/apps/treu", locale?: "de-DE" }`.
    /// `api` must be an absolute http(s) URL (the loader resolves relative ones).
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<Storefront> {
        let api = string_property(&options, "api").unwrap_or_default();
        let lowered = api.to_ascii_lowercase();
        if !(lowered.starts_with("https://") || lowered.starts_with("http://")) {
            let error = InputError::field("options.api", "must be an http(s) URL of the shop's treu API");
            return Err(input_error_to_js(&error));
        }
        let locale = string_property(&options, "locale").filter(|l| !l.is_empty()).unwrap_or_else(|| "en".into());
        let state = State {
            api: api.trim_end_matches('/').to_owned(),
            language: Language::for_locale(&locale),
            locale,
            program: None,
            cart: None,
            quote: None,
            bars: Vec::new(),
            money: None,
        };
        Ok(Storefront { state: Rc::new(RefCell::new(state)) })
    }

    /// Fetches the program from `GET {api}/v1/program` and re-renders.
    /// Resolves to the quote of the current cart (as `setCart` returns), or
    /// `null` before a cart is set; rejects with an `Error` saying what failed.
    pub fn sync(&self) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let url = format!("{}/v1/program", state.borrow().api);
            let program = fetch_program(&url).await?;
            let mut state = state.borrow_mut();
            state.program = Some(program);
            state.update()
        })
    }

    /// Uses `program` (the shape `GET /v1/program` returns) without a fetch.
    #[wasm_bindgen(js_name = setProgram)]
    pub fn set_program(&self, program: JsValue) -> JsResult<JsValue> {
        let program = read_program(program).map_err(|error| input_error_to_js(&error))?;
        let mut state = self.state.borrow_mut();
        state.program = Some(program);
        state.update()
    }

    /// Shows `cart` in every widget and returns the engine's quote of it
    /// (`null` until the program is known).
    #[wasm_bindgen(js_name = setCart)]
    pub fn set_cart(&self, cart: JsValue) -> JsResult<JsValue> {
        let cart = read_cart(cart).map_err(|error| input_error_to_js(&error))?;
        let mut state = self.state.borrow_mut();
        state.cart = Some(cart);
        state.update()
    }

    /// Renders `<treu-shipping-bar>` into `element`.
    #[wasm_bindgen(js_name = mountShippingBar)]
    pub fn mount_shipping_bar(&self, element: JsValue) -> JsResult<()> {
        let element = html_element(element, "element")?;
        let mut state = self.state.borrow_mut();
        state.bars.retain(|bar| bar.host() != &element);
        let bar = ShippingBar::mount(element, state.language)?;
        state.bars.push(bar);
        state.render()
    }

    /// Forgets `element`; it stays as it is until mounted again.
    pub fn unmount(&self, element: JsValue) {
        self.state.borrow_mut().bars.retain(|bar| JsValue::from(bar.host()) != element);
    }
}

impl State {
    /// Quotes the cart again, renders, and returns the quote for JS.
    fn update(&mut self) -> JsResult<JsValue> {
        self.quote = match (&self.program, &self.cart) {
            (Some(program), Some(cart)) => {
                let now = read_now(JsValue::UNDEFINED).map_err(|error| input_error_to_js(&error))?;
                Some(quote(program, cart, None, now).map_err(|error| input_error_to_js(&error))?)
            }
            _ => None,
        };
        self.render()?;
        match &self.quote {
            Some(quote) => to_js(quote),
            None => Ok(JsValue::NULL),
        }
    }

    fn render(&mut self) -> JsResult<()> {
        if let Some(quote) = &self.quote {
            let currency = quote.currency;
            if self.money.as_ref().map(|(cached, _)| *cached) != Some(currency) {
                self.money = Some((currency, MoneyFormat::new(&self.locale, currency.code())));
            }
        }
        let view = match (&self.quote, &self.money) {
            (Some(quote), Some((_, money))) => match &quote.free_shipping {
                Some(progress) => BarView::Progress { progress, currency: quote.currency, money },
                None => BarView::NoOffer,
            },
            _ => BarView::Pending,
        };
        for bar in &self.bars {
            bar.render(&view, self.language)?;
        }
        Ok(())
    }
}

async fn fetch_program(url: &str) -> JsResult<Program> {
    let not_json = || js_error(&format!("GET {url}: the body is not JSON"));
    let response =
        gloo_net::http::Request::get(url).send().await.map_err(|error| js_error(&format!("GET {url}: {error}")))?;
    if !response.ok() {
        return Err(js_error(&format!("GET {url}: HTTP {}", response.status())));
    }
    let body = web_sys::Response::from(response).json().map_err(|_| not_json())?;
    let body = wasm_bindgen_futures::JsFuture::from(body).await.map_err(|_| not_json())?;
    read_program(body).map_err(|error| input_error_to_js(&error))
}
