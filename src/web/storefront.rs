//! `Storefront`: the running plugin on one page. It holds the program and the
//! cart, fetches the program from the host, and renders every mounted widget.
//! The JS loader creates one and forwards custom-element callbacks to it.

use super::format::MoneyFormat;
use super::interop::{from_js, input_error_to_js, js_error, string_property, to_js};
use super::messages::Language;
use super::shipping_bar::{BarView, ShippingBar};
use super::JsResult;
use crate::engine::cart::Cart;
use crate::engine::money::Currency;
use crate::engine::program::Program;
use crate::engine::shipping::{free_shipping_progress, FreeShippingProgress};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// What the engine says about the current cart; sent with `treu:quote`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CartPreview {
    currency: Currency,
    free_shipping: Option<FreeShippingProgress>,
}

struct State {
    api: String,
    locale: String,
    language: Language,
    program: Option<Program>,
    cart: Option<Cart>,
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
            return Err(input_error_to_js(&crate::engine::error::InputError::field(
                "options.api",
                "must be an http(s) URL of the shop's treu API",
            )));
        }
        let locale = string_property(&options, "locale").filter(|l| !l.is_empty()).unwrap_or_else(|| "en".into());
        let state = State {
            api: api.trim_end_matches('/').to_owned(),
            language: Language::for_locale(&locale),
            locale,
            program: None,
            cart: None,
            bars: Vec::new(),
            money: None,
        };
        Ok(Storefront { state: Rc::new(RefCell::new(state)) })
    }

    /// Fetches the program from `GET {api}/v1/program` and re-renders.
    /// Resolves to what the engine says about the cart (as `setCart` returns),
    /// or `null` before a cart is set; rejects with an `Error` saying what failed.
    pub fn sync(&self) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let url = format!("{}/v1/program", state.borrow().api);
            let program = fetch_program(&url).await?;
            let mut state = state.borrow_mut();
            state.program = Some(program);
            state.render_all()?;
            state.preview()
        })
    }

    /// Uses `program` (the shape `GET /v1/program` returns) without a fetch.
    #[wasm_bindgen(js_name = setProgram)]
    pub fn set_program(&self, program: JsValue) -> JsResult<()> {
        let program = parse_program(program)?;
        let mut state = self.state.borrow_mut();
        state.program = Some(program);
        state.render_all()
    }

    /// Shows `cart` in every widget and returns what the engine says about it.
    #[wasm_bindgen(js_name = setCart)]
    pub fn set_cart(&self, cart: JsValue) -> JsResult<JsValue> {
        let cart = from_js::<Cart>("cart", cart).and_then(Cart::validated).map_err(|e| input_error_to_js(&e))?;
        let mut state = self.state.borrow_mut();
        state.cart = Some(cart);
        state.render_all()?;
        state.preview()
    }

    /// Renders `<treu-shipping-bar>` into `element`.
    #[wasm_bindgen(js_name = mountShippingBar)]
    pub fn mount_shipping_bar(&self, element: JsValue) -> JsResult<()> {
        let element = super::interop::html_element(element, "element")?;
        let mut state = self.state.borrow_mut();
        state.bars.retain(|bar| bar.host() != &element);
        let bar = ShippingBar::mount(element, state.language)?;
        state.bars.push(bar);
        state.render_all()
    }

    /// Forgets `element`; it stays as it is until mounted again.
    pub fn unmount(&self, element: JsValue) {
        self.state.borrow_mut().bars.retain(|bar| JsValue::from(bar.host()) != element);
    }
}

impl State {
    fn render_all(&mut self) -> JsResult<()> {
        let (progress, currency) = match (&self.program, &self.cart) {
            (Some(program), Some(cart)) => {
                let progress = free_shipping_progress(&program.free_shipping, cart)
                    .map_err(|error| js_error(&format!("cart: {error}")))?;
                (Some(progress), Some(cart.currency))
            }
            _ => (None, None),
        };
        if let Some(currency) = currency {
            self.cache_money_format(currency);
        }
        let language = self.language;
        let money = self.money.as_ref().map(|(_, format)| format);
        for bar in &self.bars {
            let view = match (&progress, currency, money) {
                (Some(Some(progress)), Some(currency), Some(money)) => BarView::Progress { progress, currency, money },
                (Some(None), _, _) => BarView::NoOffer,
                _ => BarView::Pending,
            };
            bar.render(&view, language)?;
        }
        Ok(())
    }

    fn cache_money_format(&mut self, currency: Currency) {
        if self.money.as_ref().map(|(cached, _)| *cached) != Some(currency) {
            self.money = Some((currency, MoneyFormat::new(&self.locale, currency.code())));
        }
    }

    fn preview(&self) -> JsResult<JsValue> {
        let (Some(program), Some(cart)) = (&self.program, &self.cart) else {
            return Ok(JsValue::NULL);
        };
        let free_shipping = free_shipping_progress(&program.free_shipping, cart)
            .map_err(|error| js_error(&format!("cart: {error}")))?;
        to_js(&CartPreview { currency: cart.currency, free_shipping })
    }
}

fn parse_program(value: JsValue) -> JsResult<Program> {
    from_js::<Program>("program", value).and_then(Program::validated).map_err(|e| input_error_to_js(&e))
}

async fn fetch_program(url: &str) -> JsResult<Program> {
    let response =
        gloo_net::http::Request::get(url).send().await.map_err(|error| js_error(&format!("GET {url}: {error}")))?;
    if !response.ok() {
        return Err(js_error(&format!("GET {url}: HTTP {}", response.status())));
    }
    let body = wasm_bindgen_futures::JsFuture::from(
        web_sys::Response::from(response).json().map_err(|_| js_error(&format!("GET {url}: body is not JSON")))?,
    )
    .await
    .map_err(|_| js_error(&format!("GET {url}: body is not JSON")))?;
    parse_program(body)
}
