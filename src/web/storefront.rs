//! `Storefront`: the running plugin on one page. It holds the program and the
//! cart, fetches the program from the host (painting from the page-view cache
//! first), quotes the cart with the engine and renders every mounted widget.
//! The JS loader creates one and forwards custom-element callbacks to it.

use super::cache::Slot;
use super::dom::http_url;
use super::format::Formats;
use super::interop::{html_element, input_error_to_js, js_error, string_property, to_js};
use super::messages::Language;
use super::outbox::Outbox;
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
    /// The signed-in customer's token, as the shop backend minted it.
    customer_token: Option<String>,
    /// The signed-in customer's queue of POSTs to the host (actions,
    /// redemptions, referral claims: `outbox.submit(path, body).await`);
    /// `None` for guests.
    outbox: Option<Outbox>,
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
            customer_token: string_property(&options, "customerToken").filter(|token| !token.is_empty()),
            outbox: None,
        };
        let storefront = Storefront { state: Rc::new(RefCell::new(state)) };
        storefront.open_outbox();
        Ok(storefront)
    }

    /// Fetches the program from `GET {api}/v1/program`, caches it for the next
    /// page view and re-renders. Resolves to the quote of the current cart (as
    /// `setCart` returns), or `null` before a cart is set; rejects with an
    /// `Error` saying what failed, leaving the cached program in place.
    pub fn sync(&self) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let url = format!("{}/v1/program", state.borrow().api);
            let body = fetch_json(&url).await?;
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
            let response = fetch_json(&url).await?;
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

    /// Reports an action of the signed-in customer (`POST /v1/actions`:
    /// `"newsletter"`, `"socialShare"`, …; `reference` says what it was about)
    /// through the outbox. Resolves with the host's `ActionResult` once
    /// delivered; rejects with an `Error` naming the problem when the host
    /// refuses it, or for guests. While the host cannot be reached the promise
    /// stays pending: the action is kept and delivered later, by this page or
    /// a later one (then `treu:points-changed` tells the page).
    pub fn action(&self, action: String, reference: Option<String>) -> js_sys::Promise {
        let outbox = self.state.borrow().outbox.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let outbox = outbox.ok_or_else(|| js_error("action: only a signed-in customer can report actions"))?;
            let body = js_sys::Object::new();
            js_sys::Reflect::set(&body, &"action".into(), &action.into())?;
            if let Some(reference) = reference {
                js_sys::Reflect::set(&body, &"reference".into(), &reference.into())?;
            }
            let body = js_sys::JSON::stringify(&body)?.as_string().unwrap_or_default();
            outbox.submit("/v1/actions", body).await
        })
    }
}

impl Storefront {
    /// Opens the signed-in customer's outbox, which also resumes what earlier
    /// page views queued. Another tab's delivery calls `on_remote_change`.
    fn open_outbox(&self) {
        let mut state = self.state.borrow_mut();
        let Some(token) = state.customer_token.clone() else { return };
        let weak = Rc::downgrade(&self.state);
        state.outbox = Outbox::open(&state.api, &token, move || {
            if let Some(state) = weak.upgrade() {
                Storefront { state }.on_remote_change();
            }
        });
    }

    /// Another tab changed the member's state (an action or redemption
    /// delivered): refreshes what this tab shows. For now the program; the
    /// member view re-fetches `GET /v1/me` here.
    fn on_remote_change(&self) {
        let sync = wasm_bindgen_futures::JsFuture::from(self.sync());
        wasm_bindgen_futures::spawn_local(async move {
            // A failed refresh keeps what is shown; the next change tries again.
            let _ = sync.await;
        });
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

async fn fetch_json(url: &str) -> JsResult<JsValue> {
    let not_json = || js_error(&format!("GET {url}: the body is not JSON"));
    let response =
        gloo_net::http::Request::get(url).send().await.map_err(|error| js_error(&format!("GET {url}: {error}")))?;
    if !response.ok() {
        return Err(js_error(&format!("GET {url}: HTTP {}", response.status())));
    }
    let body = web_sys::Response::from(response).json().map_err(|_| not_json())?;
    wasm_bindgen_futures::JsFuture::from(body).await.map_err(|_| not_json())
}
