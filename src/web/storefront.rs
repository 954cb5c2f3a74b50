//! `Storefront`: the running plugin on one page. It holds the program and the
//! cart, fetches the program from the host (painting from the page-view cache
//! first), quotes the cart with the engine and renders every mounted widget.
//! The JS loader creates one and forwards custom-element callbacks to it.

use super::cache::Slot;
use super::dom::http_url;
use super::format::Formats;
use super::http::get_json;
use super::interop::{html_element, input_error_to_js, js_error, string_property, to_js};
use super::messages::Language;
use super::platform::Platform;
use super::quote::{read_cart, read_now, read_program};
use super::view::View;
use super::widget::Widget;
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
    currency: Option<Currency>,
    join_url: Option<String>,
    login_url: Option<String>,
    /// Where the cart comes from, when not from `setCart`.
    platform: Option<Platform>,
    signed_in: bool,
    language: Language,
    formats: Formats,
    program: Option<Program>,
    program_cache: Slot,
    cart: Option<Cart>,
    /// The engine's quote of `cart` under `program`, once both are known.
    quote: Option<Quote>,
    widgets: Vec<Widget>,
}

/// The plugin on one page.
#[wasm_bindgen]
pub struct Storefront {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Storefront {
    /// `options`: `{ api: "https://shop.example/apps/treu", locale?: "de-DE",
    /// customerToken?: "…", platform?: "generic" | "shopify" | "woocommerce",
    /// currency?: "EUR", joinUrl?: "…", loginUrl?: "…" }`. `api` must be an absolute http(s) URL (the
    /// loader resolves relative ones). A program cached by an earlier page
    /// view is used at once.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> JsResult<Storefront> {
        let api = string_property(&options, "api").unwrap_or_default();
        let lowered = api.to_ascii_lowercase();
        if !(lowered.starts_with("https://") || lowered.starts_with("http://")) {
            let error = InputError::field("options.api", "must be an http(s) URL of the shop's treu API");
            return Err(input_error_to_js(&error));
        }
        let api = api.trim_end_matches('/').to_owned();
        let locale = string_property(&options, "locale").filter(|l| !l.is_empty()).unwrap_or_else(|| "en".into());
        let program_cache = Slot::new(&api, "program");
        let program = program_cache.read().and_then(|cached| read_program(cached).ok());
        let state = State {
            currency: string_property(&options, "currency").and_then(|code| Currency::parse(&code).ok()),
            join_url: string_property(&options, "joinUrl").and_then(|url| http_url(&url)),
            login_url: string_property(&options, "loginUrl").and_then(|url| http_url(&url)),
            platform: string_property(&options, "platform").and_then(|name| Platform::named(&name)),
            signed_in: string_property(&options, "customerToken").is_some_and(|token| !token.is_empty()),
            language: Language::for_locale(&locale),
            formats: Formats::new(&locale),
            api,
            program,
            program_cache,
            cart: None,
            quote: None,
            widgets: Vec::new(),
        };
        Ok(Storefront { state: Rc::new(RefCell::new(state)) })
    }

    /// Fetches the program from `GET {api}/v1/program`, caches it for the next
    /// page view and re-renders. Resolves to the quote of the current cart (as
    /// `setCart` returns), or `null` before a cart is set; rejects with an
    /// `Error` saying what failed, leaving the cached program in place.
    pub fn sync(&self) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let url = format!("{}/v1/program", state.borrow().api);
            let body = get_json(&url).await?;
            let program = read_program(body.clone()).map_err(|error| input_error_to_js(&error))?;
            let mut state = state.borrow_mut();
            state.program_cache.write(&body);
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

    /// Reads the cart from the platform's own cart API at `url` (Shopify's
    /// `/cart.js`, WooCommerce's `/wc/store/v1/cart`) and shows it. Resolves
    /// to the quote (as `setCart` returns); rejects with an `Error` saying what
    /// failed, or when the page's platform is `generic`.
    #[wasm_bindgen(js_name = pullCart)]
    pub fn pull_cart(&self, url: String) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let platform = state.borrow().platform.ok_or_else(|| js_error("pullCart: the platform is generic"))?;
            let response = get_json(&url).await?;
            let cart = platform.cart(response).map_err(|error| input_error_to_js(&error))?;
            let mut state = state.borrow_mut();
            state.cart = Some(cart);
            state.update()
        })
    }

    /// Renders the widget `element`'s tag stands for (`<treu-shipping-bar>`,
    /// `<treu-points>`) into its shadow root; other elements are ignored.
    pub fn mount(&self, element: JsValue) -> JsResult<()> {
        let element = html_element(element, "element")?;
        let mut state = self.state.borrow_mut();
        state.widgets.retain(|widget| widget.host() != &element);
        if let Some(widget) = Widget::mount(element, state.language)? {
            widget.render(&state.view())?;
            state.widgets.push(widget);
        }
        Ok(())
    }

    /// Whether a program is known (fetched, set or cached), so widgets can show something.
    #[wasm_bindgen(getter, js_name = hasProgram)]
    pub fn has_program(&self) -> bool {
        self.state.borrow().program.is_some()
    }

    /// Forgets `element`; it stays as it is until mounted again.
    pub fn unmount(&self, element: JsValue) {
        self.state.borrow_mut().widgets.retain(|widget| JsValue::from(widget.host()) != element);
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
        let view = self.view();
        for widget in &self.widgets {
            widget.render(&view)?;
        }
        match &self.quote {
            Some(quote) => to_js(quote),
            None => Ok(JsValue::NULL),
        }
    }

    fn view(&self) -> View<'_> {
        View {
            program: self.program.as_ref(),
            quote: self.quote.as_ref(),
            currency: self.currency,
            signed_in: self.signed_in,
            join_url: self.join_url.as_deref(),
            login_url: self.login_url.as_deref(),
            language: self.language,
            formats: &self.formats,
        }
    }
}
