//! `Storefront`: the running plugin on one page. It holds the program and the
//! cart, fetches the program from the host (painting from the page-view cache
//! first), quotes the cart with the engine and computes every mounted
//! widget's view model, which the JS renderer (`pkg-template/treu_widgets.js`)
//! draws. The JS loader creates one and forwards custom-element callbacks to it.
//! The signed-in member's requests (`GET /v1/me`, redemptions, referral
//! claims) are in `member_sync.rs`.

use super::cache::Slot;
use super::events::emit_error;
use super::format::Formats;
use super::http::get_json;
use super::interop::{html_element, input_error_to_js, js_error, string_property, to_js};
use super::links::http_url;
use super::member::Member;
use super::member_sync::{
    claim_referral, open_outbox, redeem, refresh_member, refresh_quietly, remember_referral, report_share, Announce,
};
use super::messages::Language;
use super::outbox::{token_customer, Outbox};
use super::platform::Platform;
use super::quote::{read_cart, read_now, read_program};
use super::view::{Notice, View};
use super::widget::Widget;
use super::JsResult;
use crate::engine::cart::Cart;
use crate::engine::error::InputError;
use crate::engine::money::Currency;
use crate::engine::program::Program;
use crate::engine::quote::{quote, Quote};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

pub(super) struct State {
    pub(super) api: String,
    pub(super) currency: Option<Currency>,
    pub(super) join_url: Option<String>,
    pub(super) login_url: Option<String>,
    /// Where the cart comes from, when not from `setCart`.
    pub(super) platform: Option<Platform>,
    /// The customer token (`data-customer-token`) while the host accepts it.
    pub(super) token: Option<String>,
    pub(super) language: Language,
    pub(super) formats: Formats,
    pub(super) program: Option<Program>,
    pub(super) program_cache: Slot,
    /// The signed-in member from `GET /v1/me` (or the page-view cache).
    pub(super) member: Option<Member>,
    pub(super) member_cache: Slot,
    /// A referral code the shopper arrived with (`?treu_ref=`), until claimed.
    pub(super) referral_arrival: Slot,
    pub(super) cart: Option<Cart>,
    /// The engine's quote of `cart` (an empty cart until one is set) for the
    /// member, once the program is known.
    pub(super) quote: Option<Quote>,
    /// The redemption option on its way to the host.
    pub(super) redeeming: Option<String>,
    /// The last outcome to announce in the panel.
    pub(super) notice: Option<Notice>,
    /// Bumped whenever the program, the member or a notice changes: widgets
    /// that build a lot (the launcher panel) rebuild only then.
    pub(super) revision: u64,
    pub(super) widgets: Vec<Widget>,
    /// The renderer: called as `draw(element, viewModel)` for every mounted widget.
    draw: js_sys::Function,
    /// Something changed since the widgets were last drawn.
    stale: bool,
    /// A microtask that draws is queued.
    draw_queued: bool,
    /// This state, for the microtask that draws.
    this: Weak<RefCell<State>>,
    /// The signed-in customer's queue of POSTs to the host (actions,
    /// redemptions, referral claims: `outbox.submit(path, body).await`);
    /// `None` for guests.
    pub(super) outbox: Option<Outbox>,
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
    /// loader resolves relative ones). The program and the member's state
    /// cached by an earlier page view are used at once. `draw(element,
    /// viewModel)` draws a mounted widget (the loader passes
    /// `pkg-template/treu_widgets.js`'s); it is called whenever what a widget
    /// shows may have changed, never while the storefront is busy, so it may
    /// call back into it.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, draw: js_sys::Function) -> JsResult<Storefront> {
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
        let token = string_property(&options, "customerToken").filter(|token| !token.trim().is_empty());
        let member_cache = Slot::new(&api, "me");
        let referral_arrival = Slot::new(&api, "referral");
        remember_referral(&referral_arrival);
        // The cached member shows only to the same customer; a guest view forgets it.
        let member = match token.as_deref().and_then(token_customer) {
            Some(subject) => member_cache
                .read()
                .and_then(|cached| Member::read("me", cached).ok())
                .filter(|member| member.customer.id == subject),
            None => {
                member_cache.remove();
                None
            }
        };
        let state = |this: &Weak<RefCell<State>>| State {
            currency: string_property(&options, "currency").and_then(|code| Currency::parse(&code).ok()),
            join_url: string_property(&options, "joinUrl").and_then(|url| http_url(&url)),
            login_url: string_property(&options, "loginUrl").and_then(|url| http_url(&url)),
            platform: string_property(&options, "platform").and_then(|name| Platform::named(&name)),
            token,
            language: Language::for_locale(&locale),
            formats: Formats::new(&locale),
            api,
            program,
            program_cache,
            member,
            member_cache,
            referral_arrival,
            cart: None,
            quote: None,
            redeeming: None,
            notice: None,
            revision: 0,
            widgets: Vec::new(),
            outbox: None,
            draw,
            stale: false,
            draw_queued: false,
            this: this.clone(),
        };
        let state = Rc::new_cyclic(|this| RefCell::new(state(this)));
        // A cached program with no cart quotes an empty cart, which cannot fail.
        let _ = state.borrow_mut().requote();
        open_outbox(&state);
        Ok(Storefront { state })
    }

    /// Fetches the program from `GET {api}/v1/program` and, for a signed-in
    /// customer, their state from `GET {api}/v1/me`, both at once; caches them
    /// for the next page view and re-renders. Resolves to the quote of the
    /// current cart (as `setCart` returns), or `null` before a cart is set;
    /// rejects with an `Error` saying what failed, leaving cached data in place.
    /// A failed `/v1/me` is reported as a `treu:error` event and the widgets
    /// show the guest view.
    pub fn sync(&self) -> js_sys::Promise {
        let state = self.state.clone();
        let program = wasm_bindgen_futures::future_to_promise({
            let state = state.clone();
            async move {
                let url = format!("{}/v1/program", state.borrow().api);
                let body = get_json(&url, None).await?;
                let program = read_program(body.clone()).map_err(|error| input_error_to_js(&error))?;
                let mut state = state.borrow_mut();
                state.program_cache.write(&body);
                state.set_program(program);
                Ok(JsValue::UNDEFINED)
            }
        });
        let member = wasm_bindgen_futures::future_to_promise({
            let state = state.clone();
            async move {
                match refresh_member(&state, Announce::Changes).await {
                    Ok(()) => claim_referral(&state),
                    Err(error) => emit_error(&error),
                }
                Ok(JsValue::UNDEFINED)
            }
        });
        wasm_bindgen_futures::future_to_promise(async move {
            let both = js_sys::Promise::all(&js_sys::Array::of2(&program, &member));
            wasm_bindgen_futures::JsFuture::from(both).await?;
            state.borrow().quote_for_js()
        })
    }

    /// Uses `program` (the shape `GET /v1/program` returns) without a fetch.
    #[wasm_bindgen(js_name = setProgram)]
    pub fn set_program(&self, program: JsValue) -> JsResult<JsValue> {
        let program = read_program(program).map_err(|error| input_error_to_js(&error))?;
        let quote = {
            let mut state = self.state.borrow_mut();
            state.set_program(program);
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

    /// Reads the cart from the platform's own cart API at `url` (Shopify's
    /// `/cart.js`, WooCommerce's `/wc/store/v1/cart`) and shows it. Resolves
    /// to the quote (as `setCart` returns); rejects with an `Error` saying what
    /// failed, or when the page's platform is `generic`.
    #[wasm_bindgen(js_name = pullCart)]
    pub fn pull_cart(&self, url: String) -> js_sys::Promise {
        let state = self.state.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let platform = state.borrow().platform.ok_or_else(|| js_error("pullCart: the platform is generic"))?;
            let response = get_json(&url, None).await?;
            let cart = platform.cart(response).map_err(|error| input_error_to_js(&error))?;
            let mut state = state.borrow_mut();
            state.set_cart(cart)
        })
    }

    /// Spends points on the redemption option `option` (an id of the
    /// program's `redemptions`) for the current cart. Resolves to the host's
    /// answer (`{ code, redemption, balance }`, also sent as `treu:redeemed`);
    /// rejects with an `Error` giving the host's reason. The panel shows either.
    pub fn redeem(&self, option: String) -> js_sys::Promise {
        wasm_bindgen_futures::future_to_promise(redeem(self.state.clone(), option))
    }

    /// Draws the widget `element`'s tag stands for (`<treu-shipping-bar>`,
    /// `<treu-points>`, `<treu-launcher>`, `<treu-referral>`) now and
    /// whenever it changes; other elements are ignored. The loader mounts an
    /// element again when its `show`, `trigger`, `open` or `order` changes,
    /// which draws it with what those now say.
    pub fn mount(&self, element: JsValue) -> JsResult<()> {
        let element = html_element(element, "element")?;
        {
            let mut state = self.state.borrow_mut();
            state.widgets.retain(|widget| widget.host != element);
            if let Some(widget) = Widget::of(element) {
                state.widgets.push(widget);
                state.mark_stale();
            }
        }
        draw_widgets(&self.state);
        Ok(())
    }

    /// Tells the host that the member copied (`"copy"`) or shared
    /// (`"share"`) their referral link: the renderer calls it from the
    /// referral buttons. Other channels are ignored.
    #[wasm_bindgen(js_name = referralShared)]
    pub fn referral_shared(&self, channel: &str) {
        match channel {
            "copy" => report_share(&self.state, "copy"),
            "share" => report_share(&self.state, "share"),
            _ => {}
        }
    }

    /// Whether a program is known (fetched, set or cached), so widgets can show something.
    #[wasm_bindgen(getter, js_name = hasProgram)]
    pub fn has_program(&self) -> bool {
        self.state.borrow().program.is_some()
    }

    /// Forgets `element`; it stays as it is until mounted again.
    pub fn unmount(&self, element: JsValue) {
        self.state.borrow_mut().widgets.retain(|widget| JsValue::from(&widget.host) != element);
    }

    /// Reports an action of the signed-in customer (`POST /v1/actions`:
    /// `"newsletter"`, `"socialShare"`, …; `reference` says what it was about)
    /// through the outbox. Resolves with the host's `ActionResult` once
    /// delivered; rejects with an `Error` naming the problem when the host
    /// refuses it, or for guests. While the host cannot be reached the promise
    /// stays pending: the action is kept and delivered later, by this page or
    /// a later one (then `treu:points-changed` tells the page).
    pub fn action(&self, action: String, reference: Option<String>) -> js_sys::Promise {
        let state = self.state.clone();
        let outbox = self.state.borrow().outbox.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let outbox = outbox.ok_or_else(|| js_error("action: only a signed-in customer can report actions"))?;
            let body = js_sys::Object::new();
            js_sys::Reflect::set(&body, &"action".into(), &action.into())?;
            if let Some(reference) = reference {
                js_sys::Reflect::set(&body, &"reference".into(), &reference.into())?;
            }
            let body = js_sys::JSON::stringify(&body)?.as_string().unwrap_or_default();
            let answer = outbox.submit("/v1/actions", body).await?;
            refresh_quietly(&state).await;
            Ok(answer)
        })
    }
}

impl State {
    /// A cart that differs changes what the panel offers (a win-back's value).
    pub(super) fn set_cart(&mut self, cart: Cart) -> JsResult<JsValue> {
        if self.cart.as_ref() != Some(&cart) {
            self.cart = Some(cart);
            self.revision += 1;
        }
        self.update()
    }

    pub(super) fn set_program(&mut self, program: Program) {
        if self.program.as_ref() != Some(&program) {
            self.program = Some(program);
            self.revision += 1;
        }
        self.render_all();
    }

    /// Shows `member`. With `Announce::Changes`, a balance that differs from
    /// the one shown (an order paid or refunded since) returns the detail of
    /// a `treu:points-changed`, which the caller dispatches once it has let go
    /// of the state: a listener may call back into `window.treu`.
    #[must_use = "the points-changed detail is dispatched by the caller, after the borrow ends"]
    pub(super) fn set_member(
        &mut self,
        member: Option<Member>,
        announce: Announce,
        raw: Option<&JsValue>,
    ) -> Option<JsValue> {
        if self.member == member {
            return None;
        }
        let before = self.member.as_ref().map(|member| member.balance);
        let after = member.as_ref().map(|member| member.balance);
        self.member = member;
        self.revision += 1;
        self.render_all();
        let balance = raw.and_then(|raw| js_sys::Reflect::get(raw, &"balance".into()).ok());
        let (Announce::Changes, Some(before), Some(after), Some(balance)) = (announce, before, after, balance) else {
            return None;
        };
        if before == after {
            return None;
        }
        let detail = js_sys::Object::new();
        for (name, value) in [("balance", balance), ("cause", "other".into()), ("fromOtherTab", false.into())] {
            let _ = js_sys::Reflect::set(&detail, &name.into(), &value);
        }
        Some(detail.into())
    }

    /// The host refused the customer token: the page is a guest's. Renders
    /// even when no member was shown yet (a page view without a cached
    /// member), since the widgets waited for the member until now.
    pub(super) fn become_guest(&mut self) {
        self.token = None;
        self.member_cache.remove();
        self.member = None;
        self.revision += 1;
        self.render_all();
    }

    /// Quotes again; the widgets are drawn once the state is let go.
    fn render_all(&mut self) {
        // A cart the engine refused was refused when it was set; it shows nothing.
        let _ = self.requote();
        self.mark_stale();
    }

    /// Quotes the cart again and returns the quote for JS; the widgets are
    /// drawn once the state is let go.
    fn update(&mut self) -> JsResult<JsValue> {
        let quoted = self.requote();
        self.mark_stale();
        if let (Err(error), Some(_)) = (quoted, &self.cart) {
            return Err(input_error_to_js(&error));
        }
        self.quote_for_js()
    }

    /// Notes that the widgets show something old. They are drawn by
    /// [`draw_widgets`], which the entry points call once they let go of the
    /// state, or else by a microtask queued here, which runs before the
    /// browser paints: the renderer never runs under a borrow of the state.
    fn mark_stale(&mut self) {
        self.stale = true;
        if self.draw_queued {
            return;
        }
        self.draw_queued = true;
        let this = self.this.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(state) = this.upgrade() {
                draw_widgets(&state);
            }
        });
    }

    /// The engine's quote of the cart, or of an empty cart before one is set
    /// (for the member's tier and offers), for the member if signed in.
    fn requote(&mut self) -> Result<(), InputError> {
        self.quote = None;
        let Some(program) = &self.program else { return Ok(()) };
        let now = read_now(JsValue::UNDEFINED)?;
        let empty = Cart::empty(self.currency.unwrap_or(program.currency));
        let cart = self.cart.as_ref().unwrap_or(&empty);
        let customer = self.member.as_ref().map(|member| &member.quote_customer);
        self.quote = Some(quote(program, cart, customer, now)?);
        Ok(())
    }

    /// The quote of the cart for JS: `null` until both program and cart are known.
    fn quote_for_js(&self) -> JsResult<JsValue> {
        match (&self.quote, &self.cart) {
            (Some(quote), Some(_)) => to_js(quote),
            _ => Ok(JsValue::NULL),
        }
    }

    fn view(&self) -> View<'_> {
        View {
            program: self.program.as_ref(),
            quote: self.quote.as_ref().filter(|_| self.cart.is_some()),
            standing: self.quote.as_ref(),
            member: self.member.as_ref(),
            currency: self.currency,
            signed_in: self.token.is_some(),
            join_url: self.join_url.as_deref(),
            login_url: self.login_url.as_deref(),
            redeeming: self.redeeming.as_deref(),
            notice: self.notice.as_ref(),
            revision: self.revision,
            language: self.language,
            formats: &self.formats,
        }
    }

    pub(super) fn set_notice(&mut self, notice: Option<Notice>) {
        self.notice = notice;
        self.revision += 1;
        self.render_all();
    }

    pub(super) fn empty_or_current_cart(&self) -> Option<Cart> {
        let program = self.program.as_ref()?;
        Some(self.cart.clone().unwrap_or_else(|| Cart::empty(self.currency.unwrap_or(program.currency))))
    }
}

/// Draws every mounted widget when something changed: computes their view
/// models, lets go of the state, then calls the renderer, which may call back
/// into the storefront. A widget whose view model cannot be made, or that the
/// renderer cannot draw, keeps what it showed (reported as `treu:error`);
/// the others are drawn.
pub(super) fn draw_widgets(state: &Rc<RefCell<State>>) {
    let (draw, models) = {
        let Ok(mut state) = state.try_borrow_mut() else { return };
        // A microtask queued before this draw finds nothing stale and returns.
        state.draw_queued = false;
        if !state.stale {
            return;
        }
        state.stale = false;
        let view = state.view();
        let models: Vec<_> =
            state.widgets.iter().map(|widget| (widget.host.clone(), widget.view_model(&view))).collect();
        (state.draw.clone(), models)
    };
    for (host, model) in models {
        if let Err(error) = model.and_then(|model| draw.call2(&JsValue::NULL, &host, &model)) {
            emit_error(&error);
        }
    }
}
