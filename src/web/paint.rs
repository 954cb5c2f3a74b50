//! `Paint`: the storefront's first paint, the only Wasm a page downloads
//! before its widgets show, and the one place the storefront's engine lives.
//! It holds the program and the cart (painting from the page-view cache
//! first, then from the program the loader fetched while this module
//! loaded), quotes the cart and works out every widget's facts. It makes
//! no requests: the loader fetches the program and the platform's cart.
//! Until the later module's `Storefront` (`storefront.rs`) attaches,
//! the launcher shows closed and the referral prompt collapsed; it sends
//! nothing to the host. The `Storefront` keeps the session (the member's
//! fetch, the outbox, the cross-tab sync) and hands the member and the
//! panel's state to it (`session.rs`), so the later module links no engine.
//!
//! Every entry point lets go of its state before it calls the renderer, so a
//! renderer or a listener may call back into it.

use super::cache::Slot;
use super::interop::{html_element, input_error_to_js, js_error, string_property, to_js};
use super::launcher::LauncherFacts;
use super::links::http_url;
use super::member::Member;
use super::platform::Platform;
use super::quote::{read_cart, read_program};
use super::referral::ReferralPromptFacts;
use super::shared::{api_of, call_renderer, locale_of, quote_cart, quote_for_js};
use super::view::{Notice, View};
use super::widget::{Kind, Widget};
use super::JsResult;
use crate::engine::cart::Cart;
use crate::engine::error::InputError;
use crate::engine::money::Currency;
use crate::engine::program::Program;
use crate::engine::quote::Quote;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

pub(super) struct State {
    pub(super) api: String,
    pub(super) currency: Option<Currency>,
    join_url: Option<String>,
    login_url: Option<String>,
    platform: Option<Platform>,
    /// A customer token was given and the host has not refused it: the
    /// widgets wait for the member instead of showing a guest's view first.
    pub(super) signed_in: bool,
    /// The page's locale, for the words and formats of every widget.
    locale: String,
    pub(super) program: Option<Program>,
    /// The program's JSON text, to tell a changed program from the same one.
    program_text: Option<String>,
    program_cache: Slot,
    pub(super) cart: Option<Cart>,
    /// The engine's quote of the cart (an empty cart until one is set) for
    /// the member if one is shown, else for a guest.
    quote: Option<Quote>,
    /// The signed-in member, as the later module hands them over.
    pub(super) member: Option<Member>,
    /// The later module runs: the launcher has its panel, the referral prompt its link.
    pub(super) session: bool,
    /// The redemption option on its way to the host.
    pub(super) redeeming: Option<String>,
    /// The last outcome to announce in the panel.
    pub(super) notice: Option<Notice>,
    /// Bumped whenever the program, the member, the cart or a notice changes:
    /// widgets that build a lot (the launcher panel) rebuild only then.
    pub(super) revision: u64,
    widgets: Vec<Widget>,
    /// The renderer: `draw(element, facts)`.
    draw: js_sys::Function,
}

/// The storefront's first paint on one page.
#[wasm_bindgen]
pub struct Paint {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Paint {
    /// `options`: `{ api: "https://shop.example/apps/treu", locale?: "de-DE",
    /// customerToken?: "…", platform?: "generic" | "shopify" | "woocommerce",
    /// currency?: "EUR", joinUrl?: "…", loginUrl?: "…" }`. `api` must be an
    /// absolute http(s) URL (the loader resolves relative ones). A program
    /// cached by an earlier page view is used at once. `draw(element,
    /// facts)` draws a mounted widget (the loader passes
    /// `pkg-template/treu_widgets.js`'s); it is never called while `Paint`
    /// is busy, so it may call back into it.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, draw: js_sys::Function) -> JsResult<Paint> {
        let api = api_of(&options)?;
        let locale = locale_of(&options);
        let signed_in = string_property(&options, "customerToken").is_some_and(|token| !token.trim().is_empty());
        // A guest's page view forgets the member an earlier one cached, at
        // once (the later module would too, when it comes).
        if !signed_in {
            Slot::new(&api, "me").remove();
        }
        let program_cache = Slot::new(&api, "program");
        // The text it was stored as tells a changed program from this one.
        let cached = program_cache.read_with_text().and_then(|(cached, text)| Some((read_program(cached).ok()?, text)));
        let (program, program_text) = cached.unzip();
        let state = State {
            currency: string_property(&options, "currency").and_then(|code| Currency::parse(&code).ok()),
            join_url: string_property(&options, "joinUrl").and_then(|url| http_url(&url)),
            login_url: string_property(&options, "loginUrl").and_then(|url| http_url(&url)),
            platform: string_property(&options, "platform").and_then(|name| Platform::named(&name)),
            signed_in,
            locale,
            api,
            program,
            program_text,
            program_cache,
            cart: None,
            quote: None,
            member: None,
            session: false,
            redeeming: None,
            notice: None,
            revision: 0,
            widgets: Vec::new(),
            draw,
        };
        Ok(Paint { state: Rc::new(RefCell::new(state)) })
    }

    /// Uses `program` (the shape `GET /v1/program` returns) without a fetch;
    /// returns the quote of the current cart (`null` before one is set).
    #[wasm_bindgen(js_name = setProgram)]
    pub fn set_program(&self, program: JsValue) -> JsResult<JsValue> {
        self.use_program(program, false)
    }

    /// Uses `program` as the host just sent it (the loader and the later
    /// module fetch `GET {api}/v1/program`, so this module needs no `fetch`),
    /// and caches it for the next page view, which paints from it before the
    /// network answers. Returns the quote of the current cart (`null` before
    /// one is set); an `Error` naming what cannot be read leaves the program
    /// shown and the cache as they were.
    #[wasm_bindgen(js_name = receiveProgram)]
    pub fn receive_program(&self, program: JsValue) -> JsResult<JsValue> {
        self.use_program(program, true)
    }

    /// Shows `cart` in every widget and returns the engine's quote of it
    /// (`null` until the program is known).
    #[wasm_bindgen(js_name = setCart)]
    pub fn set_cart(&self, cart: JsValue) -> JsResult<JsValue> {
        let cart = read_cart(cart).map_err(|error| input_error_to_js(&error))?;
        let quote = self.state.borrow_mut().set_cart(cart);
        draw_widgets(&self.state);
        quote
    }

    /// Shows the cart the page's platform's cart API answered (Shopify's
    /// `/cart.js`, WooCommerce's `/wc/store/v1/cart`: the loader fetches it)
    /// and returns the engine's quote of it, as `setCart` does. An `Error`
    /// names what cannot be read, or says that the page's platform is `generic`.
    #[wasm_bindgen(js_name = setPlatformCart)]
    pub fn set_platform_cart(&self, response: JsValue) -> JsResult<JsValue> {
        let platform = self.state.borrow().platform;
        let platform = platform.ok_or_else(|| js_error("setPlatformCart: the platform is generic"))?;
        let cart = platform.cart(response).map_err(|error| input_error_to_js(&error))?;
        let quote = self.state.borrow_mut().set_cart(cart);
        draw_widgets(&self.state);
        quote
    }

    /// Draws the widget `element`'s tag stands for now and whenever it
    /// changes; other elements are ignored. Only this widget is drawn now:
    /// the others already show the same state.
    pub fn mount(&self, element: JsValue) -> JsResult<()> {
        let element = html_element(element, "element")?;
        {
            let mut state = self.state.borrow_mut();
            state.widgets.retain(|widget| widget.host != element);
            match Widget::of(element.clone()) {
                Some(widget) => state.widgets.push(widget),
                None => return Ok(()),
            }
        }
        draw(&self.state, Some(&element));
        Ok(())
    }

    /// Forgets `element`; it stays as it is until mounted again.
    pub fn unmount(&self, element: JsValue) {
        self.state.borrow_mut().widgets.retain(|widget| JsValue::from(&widget.host) != element);
    }

    /// Whether a program is known (fetched, set or cached), so widgets can show something.
    #[wasm_bindgen(getter, js_name = hasProgram)]
    pub fn has_program(&self) -> bool {
        self.state.borrow().program.is_some()
    }

    /// The page's treu API (`options.api` without a trailing `/`).
    #[wasm_bindgen(getter)]
    pub fn api(&self) -> String {
        self.state.borrow().api.clone()
    }
}

impl Paint {
    pub(super) fn state(&self) -> &Rc<RefCell<State>> {
        &self.state
    }

    /// Reads `program`, shows it and, when `remember` is set, caches it. The
    /// program shown, sent again (a warm page view painted from the cache,
    /// then the host answered the same; a `refresh()`), is not read again:
    /// the cart is quoted again at this time (offers, campaigns and tiers
    /// start and end), and the widgets are drawn only if the quote changed.
    fn use_program(&self, program: JsValue, remember: bool) -> JsResult<JsValue> {
        let text = json_text(&program);
        let unchanged = !text.is_empty() && self.state.borrow().program_text.as_ref() == Some(&text);
        let read =
            if unchanged { None } else { Some(read_program(program).map_err(|error| input_error_to_js(&error))?) };
        let (quote, changed) = {
            let mut state = self.state.borrow_mut();
            if remember {
                state.program_cache.write_text(&text);
            }
            let before = state.quote.take();
            match read {
                Some(read) => state.set_program(read, text),
                // A cart the engine refused was refused when it was set; it shows nothing.
                None => {
                    let _ = state.requote();
                }
            }
            (state.quote_for_js(), !unchanged || state.quote != before)
        };
        if changed {
            draw_widgets(&self.state);
        }
        quote
    }
}

impl State {
    /// A cart that differs changes what the panel offers (a win-back's value).
    fn set_cart(&mut self, cart: Cart) -> JsResult<JsValue> {
        if self.cart.as_ref() != Some(&cart) {
            self.cart = Some(cart);
            self.revision += 1;
        }
        self.requote().map_err(|error| input_error_to_js(&error))?;
        self.quote_for_js()
    }

    /// A program whose JSON text differs from the one shown changes what the
    /// panel offers (compared as text: no deep comparison code in the module).
    fn set_program(&mut self, program: Program, text: String) {
        if self.program_text.as_ref() != Some(&text) {
            self.program_text = Some(text);
            self.revision += 1;
        }
        self.program = Some(program);
        // A cart the engine refused was refused when it was set; it shows nothing.
        let _ = self.requote();
    }

    /// The engine's quote of the cart, or of an empty cart before one is set
    /// (for the member's tier and offers), for the member if one is shown.
    pub(super) fn requote(&mut self) -> Result<(), InputError> {
        self.quote = None;
        let customer = self.member.as_ref().map(|member| &member.quote_customer);
        self.quote = quote_cart(self.program.as_ref(), self.cart.as_ref(), self.currency, customer)?;
        Ok(())
    }

    pub(super) fn quote_for_js(&self) -> JsResult<JsValue> {
        quote_for_js(self.quote.as_ref(), self.cart.as_ref())
    }

    fn view(&self) -> View<'_> {
        View {
            program: self.program.as_ref(),
            quote: self.quote.as_ref().filter(|_| self.cart.is_some()),
            standing: self.quote.as_ref(),
            member: self.member.as_ref(),
            currency: self.currency,
            signed_in: self.signed_in,
            join_url: self.join_url.as_deref(),
            login_url: self.login_url.as_deref(),
            redeeming: self.redeeming.as_deref(),
            notice: self.notice.as_ref(),
            revision: self.revision,
            locale: &self.locale,
        }
    }

    /// The facts of `widget`: before the later module attaches, the
    /// launcher closed and the referral prompt collapsed (both wait for it).
    fn facts(&self, widget: &Widget, view: &View) -> JsResult<JsValue> {
        match (self.session, widget.kind) {
            (false, Kind::Launcher) => to_js(&LauncherFacts::closed(view)),
            (false, Kind::Referral) => to_js(&ReferralPromptFacts::before_member(view, &widget.host)),
            _ => widget.facts(view),
        }
    }
}

/// `value` as JSON text (empty when it cannot be written).
pub(super) fn json_text(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string()).unwrap_or_default()
}

/// Draws every mounted widget: works out their facts, lets go of the
/// state, then calls the renderer. A widget that cannot be drawn keeps what
/// it showed (reported as `treu:error`).
pub(super) fn draw_widgets(state: &Rc<RefCell<State>>) {
    draw(state, None);
}

/// Draws the mounted widget `only`, or every one when `None`.
fn draw(state: &Rc<RefCell<State>>, only: Option<&HtmlElement>) {
    let (draw, models) = {
        let Ok(state) = state.try_borrow() else { return };
        let view = state.view();
        let models: Vec<_> = state
            .widgets
            .iter()
            .filter(|widget| only.is_none_or(|host| widget.host == *host))
            .map(|widget| (widget.host.clone(), state.facts(widget, &view)))
            .collect();
        (state.draw.clone(), models)
    };
    call_renderer(&draw, models);
}
