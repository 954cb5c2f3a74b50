//! What the later module's `Storefront` hands the first paint's `Paint`: the
//! signed-in member as the host sent them, the panel's progress and notices,
//! and what it asks of the engine (a redemption's body, the referral
//! attribution window). The engine and the widgets' facts stay in the first
//! paint; the later module holds only the session's I/O and state.

use super::interop::{input_error_to_js, js_error, string_property, to_js};
use super::member::Member;
use super::paint::{draw_widgets, Paint};
use super::view::Notice;
use super::JsResult;
use crate::engine::cart::Cart;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Paint {
    /// The later module runs: the launcher gets its panel, the referral
    /// prompt its link. Draws every widget.
    pub fn attach(&self) {
        {
            let mut state = self.state().borrow_mut();
            state.session = true;
            state.revision += 1;
        }
        draw_widgets(self.state());
    }

    /// Shows `member` (the body of `GET /v1/me`) and quotes for them; `null`
    /// when the host refused the customer token: the page is then a guest's.
    /// The caller hands over only a member that changed.
    /// Returns the detail of a `treu:points-changed` when `announce` is set
    /// and the balance differs from the one shown (the caller dispatches it),
    /// else `null`; rejects with an `Error` naming what cannot be read.
    #[wasm_bindgen(js_name = setMember)]
    pub fn set_member(&self, member: JsValue, announce: bool) -> JsResult<JsValue> {
        let read = match member.is_null() || member.is_undefined() {
            true => None,
            false => Some(Member::read("me", member.clone()).map_err(|error| input_error_to_js(&error))?),
        };
        let changed = {
            let mut state = self.state().borrow_mut();
            if read.is_none() {
                state.signed_in = false;
            }
            let before = state.member.as_ref().map(|member| member.balance);
            let after = read.as_ref().map(|member| member.balance);
            state.member = read;
            state.revision += 1;
            let _ = state.requote();
            announce && before.is_some() && after.is_some() && before != after
        };
        draw_widgets(self.state());
        if !changed {
            return Ok(JsValue::NULL);
        }
        let balance = js_sys::Reflect::get(&member, &"balance".into())?;
        let detail = js_sys::Object::new();
        for (name, value) in [("balance", balance), ("cause", "other".into()), ("fromOtherTab", false.into())] {
            js_sys::Reflect::set(&detail, &name.into(), &value)?;
        }
        Ok(detail.into())
    }

    /// The panel's state: `redeeming`, the redemption option on its way (if
    /// any), and `notice`, the outcome to announce (worded by the panel): `{ code }`
    /// (a discount code is ready), `{ queued: true }` (kept until the shop can
    /// be reached), `{ failed: reason? }` (refused), or `null`. Draws.
    #[wasm_bindgen(js_name = setPanel)]
    pub fn set_panel(&self, redeeming: Option<String>, notice: JsValue) {
        {
            let mut state = self.state().borrow_mut();
            let failed = js_sys::Reflect::get(&notice, &"failed".into()).ok().filter(|failed| failed.is_truthy());
            state.notice = if let Some(code) = string_property(&notice, "code") {
                Some(Notice::CodeReady(code))
            } else if js_sys::Reflect::get(&notice, &"queued".into()).is_ok_and(|queued| queued.is_truthy()) {
                Some(Notice::Queued)
            } else {
                failed.map(|failed| Notice::Failed(failed.as_string()))
            };
            state.redeeming = redeeming;
            state.revision += 1;
        }
        draw_widgets(self.state());
    }

    /// The body of `POST /v1/redemptions` for `option` and the current cart
    /// (an empty one before a cart is set), as JSON text; a stepped reward
    /// ("€1 off per 100 points") is redeemed for its smallest amount. An
    /// `Error` while the program is not known.
    pub fn redemption(&self, option: String) -> JsResult<String> {
        let state = self.state().borrow();
        let Some(program) = state.program.as_ref() else {
            return Err(js_error("redeem: the program is not loaded yet"));
        };
        let empty = Cart::empty(state.currency.unwrap_or(program.currency));
        let body = js_sys::Object::new();
        js_sys::Reflect::set(&body, &"option".into(), &JsValue::from_str(&option))?;
        let stepped = program.redemptions.iter().find(|o| o.id == option).filter(|option| option.stepped);
        if let Some(stepped) = stepped {
            js_sys::Reflect::set(&body, &"points".into(), &to_js(&stepped.cost())?)?;
        }
        js_sys::Reflect::set(&body, &"cart".into(), &to_js(state.cart.as_ref().unwrap_or(&empty))?)?;
        Ok(js_sys::JSON::stringify(&body)?.as_string().unwrap_or_default())
    }

    /// The id of the member shown, if any.
    #[wasm_bindgen(getter, js_name = memberId)]
    pub fn member_id(&self) -> Option<String> {
        self.state().borrow().member.as_ref().map(|member| member.id.clone())
    }

    /// The program's referral attribution window in days, if it has referrals.
    #[wasm_bindgen(getter, js_name = referralDays)]
    pub fn referral_days(&self) -> Option<f64> {
        let state = self.state().borrow();
        let referral = state.program.as_ref().and_then(|program| program.referral.as_ref());
        referral.map(|referral| referral.attribution_days as f64)
    }

    /// The quote of the cart (as `setCart` returns it), `null` until both the
    /// program and a cart are known.
    #[wasm_bindgen(getter)]
    pub fn quote(&self) -> JsResult<JsValue> {
        self.state().borrow().quote_for_js()
    }
}
