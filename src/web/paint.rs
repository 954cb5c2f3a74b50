//! `Paint`: the storefront's first paint, the only Wasm a page downloads
//! before its widgets show. It holds the program and the cart, fetches the
//! program (painting from the page-view cache first), quotes the cart for a
//! guest and computes the view models of the shipping bar, the points line,
//! the closed launcher and the collapsed referral prompt. It reads no member
//! and sends nothing to the host: the later module's `Storefront`
//! (`storefront.rs`) takes the widgets over once it has loaded, with the
//! program and the cart the loader hands it, and quotes again for the member.
//!
//! Every entry point lets go of its state before it calls the renderer, so a
//! renderer or a listener may call back into it.

use super::arrival::remember_referral;
use super::cache::Slot;
use super::format::Formats;
use super::http::get_json;
use super::interop::{html_element, input_error_to_js, string_property, to_js};
use super::launcher::LauncherView;
use super::messages::Language;
use super::platform::Platform;
use super::points::PointsView;
use super::quote::{read_cart, read_program};
use super::referral::ReferralPromptView;
use super::shared::{api_of, call_renderer, locale_of, platform_cart, quote_cart, quote_for_js};
use super::shipping_bar::ShippingBarView;
use super::view::View;
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

struct State {
    api: String,
    currency: Option<Currency>,
    platform: Option<Platform>,
    /// A customer token was given: the widgets wait for the member (the
    /// later module) instead of showing a guest's view first.
    signed_in: bool,
    language: Language,
    formats: Formats,
    program: Option<Program>,
    /// The program as it was read (fetched, set or cached), for the later module.
    source: JsValue,
    program_cache: Slot,
    cart: Option<Cart>,
    /// The engine's quote of the cart for a guest, once program and cart are known.
    quote: Option<Quote>,
    widgets: Vec<Widget>,
    /// The renderer: `draw(element, viewModel)`.
    draw: js_sys::Function,
}

/// The storefront's first paint on one page.
#[wasm_bindgen]
pub struct Paint {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Paint {
    /// `options` and `draw` as `Storefront`'s: `{ api, locale?, customerToken?,
    /// platform?, currency? }` (`api` an absolute http(s) URL). A program
    /// cached by an earlier page view is used at once.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, draw: js_sys::Function) -> JsResult<Paint> {
        let api = api_of(&options)?;
        let locale = locale_of(&options);
        remember_referral(&Slot::new(&api, "referral"));
        let signed_in = string_property(&options, "customerToken").is_some_and(|token| !token.trim().is_empty());
        // A guest's page view forgets the member an earlier one cached, at
        // once (the later module would too, when it comes).
        if !signed_in {
            Slot::new(&api, "me").remove();
        }
        let program_cache = Slot::new(&api, "program");
        let (program, source) = match program_cache.read().map(|cached| (read_program(cached.clone()), cached)) {
            Some((Ok(program), cached)) => (Some(program), cached),
            _ => (None, JsValue::NULL),
        };
        let state = State {
            currency: string_property(&options, "currency").and_then(|code| Currency::parse(&code).ok()),
            platform: string_property(&options, "platform").and_then(|name| Platform::named(&name)),
            signed_in,
            language: Language::for_locale(&locale),
            formats: Formats::new(&locale),
            api,
            program,
            source,
            program_cache,
            cart: None,
            quote: None,
            widgets: Vec::new(),
            draw,
        };
        Ok(Paint { state: Rc::new(RefCell::new(state)) })
    }

    /// Fetches the program from `GET {api}/v1/program`, caches it for the next
    /// page view and draws. Resolves to the quote of the current cart, or
    /// `null` before a cart is set; rejects with an `Error` saying what failed,
    /// leaving a cached program in place.
    pub fn sync(&self) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let url = format!("{}/v1/program", state.borrow().api);
            let body = get_json(&url, None).await?;
            let program = read_program(body.clone()).map_err(|error| input_error_to_js(&error))?;
            let quote = {
                let mut state = state.borrow_mut();
                state.program_cache.write(&body);
                state.source = body;
                state.program = Some(program);
                let _ = state.requote();
                state.quote_for_js()
            };
            draw_widgets(&state);
            quote
        })
    }

    /// Uses `program` (the shape `GET /v1/program` returns) without a fetch;
    /// returns the quote of the current cart (`null` before one is set).
    #[wasm_bindgen(js_name = setProgram)]
    pub fn set_program(&self, program: JsValue) -> JsResult<JsValue> {
        let read = read_program(program.clone()).map_err(|error| input_error_to_js(&error))?;
        let quote = {
            let mut state = self.state.borrow_mut();
            state.source = program;
            state.program = Some(read);
            let _ = state.requote();
            state.quote_for_js()
        };
        draw_widgets(&self.state);
        quote
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

    /// Reads the cart from the platform's cart API at `url` and shows it, as
    /// `Storefront.pullCart` does.
    #[wasm_bindgen(js_name = pullCart)]
    pub fn pull_cart(&self, url: String) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let platform = state.borrow().platform;
            let cart = platform_cart(platform, &url).await?;
            let quote = state.borrow_mut().set_cart(cart);
            draw_widgets(&state);
            quote
        })
    }

    /// Draws the widget `element`'s tag stands for now and whenever it
    /// changes; other elements are ignored.
    pub fn mount(&self, element: JsValue) -> JsResult<()> {
        let element = html_element(element, "element")?;
        {
            let mut state = self.state.borrow_mut();
            state.widgets.retain(|widget| widget.host != element);
            if let Some(widget) = Widget::of(element) {
                state.widgets.push(widget);
            }
        }
        draw_widgets(&self.state);
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

    /// The program as read (a plain object), or `null` when none is known:
    /// the loader hands it to the later module.
    #[wasm_bindgen(getter, js_name = programSource)]
    pub fn program_source(&self) -> JsValue {
        self.state.borrow().source.clone()
    }
}

impl State {
    fn set_cart(&mut self, cart: Cart) -> JsResult<JsValue> {
        self.cart = Some(cart);
        self.requote().map_err(|error| input_error_to_js(&error))?;
        self.quote_for_js()
    }

    /// The engine's quote of the cart for a guest, or of an empty cart before one is set.
    fn requote(&mut self) -> Result<(), InputError> {
        self.quote = None;
        self.quote = quote_cart(self.program.as_ref(), self.cart.as_ref(), self.currency, None)?;
        Ok(())
    }

    fn quote_for_js(&self) -> JsResult<JsValue> {
        quote_for_js(self.quote.as_ref(), self.cart.as_ref())
    }

    fn view(&self) -> View<'_> {
        View {
            program: self.program.as_ref(),
            quote: self.quote.as_ref().filter(|_| self.cart.is_some()),
            standing: self.quote.as_ref(),
            member: None,
            currency: self.currency,
            signed_in: self.signed_in,
            join_url: None,
            login_url: None,
            redeeming: None,
            notice: None,
            revision: 0,
            language: self.language,
            formats: &self.formats,
        }
    }
}

/// The first paint's view model of `widget`: the launcher closed, the
/// referral prompt collapsed (both wait for the later module's member).
fn view_model(widget: &Widget, view: &View) -> JsResult<JsValue> {
    match widget.kind {
        Kind::ShippingBar => to_js(&ShippingBarView::of(view)),
        Kind::Points => to_js(&PointsView::of(view, widget.host.get_attribute("show").as_deref() == Some("balance"))),
        Kind::Launcher => to_js(&LauncherView::closed(view)),
        Kind::Referral => to_js(&ReferralPromptView::before_member(view, &widget.host)),
    }
}

/// Draws every mounted widget: computes the view models, lets go of the
/// state, then calls the renderer. A widget that cannot be drawn keeps what
/// it showed (reported as `treu:error`).
fn draw_widgets(state: &Rc<RefCell<State>>) {
    let (draw, models) = {
        let Ok(state) = state.try_borrow() else { return };
        let view = state.view();
        let models: Vec<_> =
            state.widgets.iter().map(|widget| (widget.host.clone(), view_model(widget, &view))).collect();
        (state.draw.clone(), models)
    };
    call_renderer(&draw, models);
}
