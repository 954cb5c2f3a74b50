//! `Storefront`: the later module on one page, the session of a shopper. It
//! takes over from the first paint's `Paint` (handed over by the loader),
//! which keeps the program, the cart, the engine and the widgets' view
//! models; this module holds the signed-in member's I/O and state: their
//! `GET /v1/me` (with the page-view cache), the outbox of POSTs, the
//! cross-tab sync, redemptions and referral claims (`member_sync.rs`). It
//! hands the member and the panel's state to the `Paint`, which draws.
//! Events are dispatched once neither module's state is borrowed.

use super::cache::Slot;
use super::events::{emit, emit_error};
use super::first_paint::PaintHandle;
use super::http::get_json;
use super::interop::{js_error, string_property};
use super::member_sync::{
    claim_referral, open_outbox, redeem, refresh_member, refresh_quietly, report_share, Announce,
};
use super::outbox::{token_customer, Outbox};
use super::tasks::promise;
use super::JsResult;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

pub(super) struct State {
    pub(super) api: String,
    /// The first paint, which draws.
    pub(super) paint: PaintHandle,
    /// The customer token (`data-customer-token`) while the host accepts it.
    pub(super) token: Option<String>,
    pub(super) member_cache: Slot,
    /// The JSON text of the member last handed to the first paint: an
    /// unchanged `GET /v1/me` answer is not handed over again.
    pub(super) shown: Option<String>,
    /// A referral code the shopper arrived with (`?treu_ref=`), until claimed
    /// (the loader keeps it: `rememberReferral` in pkg-template/treu_shop.js).
    pub(super) referral_arrival: Slot,
    /// The redemption option on its way to the host.
    pub(super) redeeming: Option<String>,
    /// The signed-in customer's queue of POSTs to the host (actions,
    /// redemptions, referral claims: `outbox.submit(path, body).await`);
    /// `None` for guests.
    pub(super) outbox: Option<Outbox>,
}

/// The plugin's session on one page.
#[wasm_bindgen]
pub struct Storefront {
    state: Rc<RefCell<State>>,
}

#[wasm_bindgen]
impl Storefront {
    /// `options` as the first paint's (`customerToken` is read here);
    /// `paint` the running first paint's `Paint`, which keeps drawing the
    /// widgets. The member's state cached by an earlier page view shows at
    /// once, to the same customer only.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, paint: JsValue) -> JsResult<Storefront> {
        let paint: PaintHandle = paint.unchecked_into();
        let api = paint.api()?;
        let token = string_property(&options, "customerToken").filter(|token| !token.trim().is_empty());
        let member_cache = Slot::new(&api, "me");
        // The cached member shows only to the same customer; a guest view forgets it.
        let mut shown = None;
        match token.as_deref().and_then(token_customer) {
            Some(subject) => {
                let cached = member_cache.read().filter(|cached| {
                    let customer = js_sys::Reflect::get(cached, &"customer".into()).ok();
                    customer.and_then(|customer| string_property(&customer, "id")).as_deref() == Some(&*subject)
                });
                // A cached member that cannot be read is not shown.
                if let Some(cached) = cached {
                    if paint.set_member(&cached, false).is_ok() {
                        shown = js_sys::JSON::stringify(&cached).ok().and_then(|text| text.as_string());
                    }
                }
            }
            None => member_cache.remove(),
        }
        paint.attach()?;
        let state = State {
            referral_arrival: Slot::new(&api, "referral"),
            api,
            paint,
            token,
            member_cache,
            shown,
            redeeming: None,
            outbox: None,
        };
        let state = Rc::new(RefCell::new(state));
        open_outbox(&state);
        Ok(Storefront { state })
    }

    /// Fetches the program (and hands it to the first paint) and, for a signed-in
    /// customer, their state from `GET {api}/v1/me`, both at once; caches
    /// them for the next page view and re-renders. Resolves to the quote of
    /// the current cart (as `setCart` returns), or `null` before a cart is
    /// set; rejects with an `Error` saying what failed, leaving cached data in
    /// place. A failed `/v1/me` is reported as a `treu:error` event and the
    /// widgets show the guest view.
    pub fn sync(&self) -> js_sys::Promise {
        let state = self.state.clone();
        let paint = self.paint();
        let program = promise({
            let url = format!("{}/v1/program", state.borrow().api);
            let paint = paint.clone();
            async move { paint.receive_program(&get_json(&url, None).await?) }
        });
        let member = promise({
            let state = state.clone();
            async move {
                match refresh_member(&state, Announce::Changes).await {
                    Ok(()) => claim_referral(&state),
                    Err(error) => emit_error(&error),
                }
                Ok(JsValue::UNDEFINED)
            }
        });
        promise(async move {
            let both = js_sys::Promise::all(&js_sys::Array::of2(&program, &member));
            wasm_bindgen_futures::JsFuture::from(both).await?;
            paint.quote()
        })
    }

    /// Uses `program` (the shape `GET /v1/program` returns) without a fetch.
    #[wasm_bindgen(js_name = setProgram)]
    pub fn set_program(&self, program: JsValue) -> JsResult<JsValue> {
        self.paint().set_program(&program)
    }

    /// Shows `cart` in every widget and returns the engine's quote of it
    /// (`null` until the program is known).
    #[wasm_bindgen(js_name = setCart)]
    pub fn set_cart(&self, cart: JsValue) -> JsResult<JsValue> {
        self.paint().set_cart(&cart)
    }

    /// Spends points on the redemption option `option` (an id of the
    /// program's `redemptions`) for the current cart. Resolves to the host's
    /// answer (`{ code, redemption, balance }`, also sent as `treu:redeemed`);
    /// rejects with an `Error` giving the host's reason. The panel shows either.
    pub fn redeem(&self, option: String) -> js_sys::Promise {
        promise(redeem(self.state.clone(), option))
    }

    /// Draws the widget `element`'s tag stands for (`<treu-shipping-bar>`,
    /// `<treu-points>`, `<treu-launcher>`, `<treu-referral>`) now and
    /// whenever it changes; other elements are ignored. The loader mounts an
    /// element again when its `show`, `trigger`, `open` or `order` changes,
    /// which draws it with what those now say.
    pub fn mount(&self, element: JsValue) -> JsResult<()> {
        self.paint().mount(&element)
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
        self.paint().has_program().unwrap_or(false)
    }

    /// Forgets `element`; it stays as it is until mounted again.
    pub fn unmount(&self, element: JsValue) {
        let _ = self.paint().unmount(&element);
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
        promise(async move {
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

impl Storefront {
    /// The first paint, with this module's state let go before it is called.
    fn paint(&self) -> PaintHandle {
        self.state.borrow().paint.clone()
    }
}

/// Hands `member` (or `null`: a guest) to the first paint, which draws,
/// unless it is the member shown (the same JSON text); a
/// `treu:points-changed` it returns is dispatched here, with no state borrowed.
pub(super) fn show_member(state: &Rc<RefCell<State>>, member: &JsValue, announce: Announce) -> JsResult<()> {
    let text = js_sys::JSON::stringify(member).ok().and_then(|text| text.as_string()).filter(|_| !member.is_null());
    let paint = {
        let state = state.borrow();
        if text.is_some() && state.shown == text {
            return Ok(());
        }
        state.paint.clone()
    };
    let changed = paint.set_member(member, announce == Announce::Changes)?;
    state.borrow_mut().shown = text;
    if !changed.is_null() {
        emit("points-changed", &changed);
    }
    Ok(())
}

/// Hands the panel's state (the redemption on its way, `notice`) to the first paint.
pub(super) fn show_panel(state: &Rc<RefCell<State>>, notice: JsValue) {
    let (paint, redeeming) = {
        let state = state.borrow();
        (state.paint.clone(), state.redeeming.clone())
    };
    let _ = paint.set_panel(redeeming, &notice);
}
