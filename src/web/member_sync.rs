//! The signed-in member's side of the storefront: their state from
//! `GET /v1/me`, and what they send through the outbox (redemptions, the
//! claim of a referral link they arrived with).

use super::cache::Slot;
use super::events::{emit, emit_error};
use super::first_paint::notice;
use super::http::get_json;
use super::interop::{js_error, string_property};
use super::outbox::Outbox;
use super::storefront::{show_member, show_panel, State};
use super::tasks::spawn;
use super::JsResult;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Opens the signed-in customer's outbox, which also resumes what earlier
/// page views queued. Another tab's delivery refreshes this tab's view.
pub fn open_outbox(state: &Rc<RefCell<State>>) {
    let weak = Rc::downgrade(state);
    let mut guard = state.borrow_mut();
    let Some(token) = guard.token.clone() else { return };
    guard.outbox = Outbox::open(&guard.api, &token, move || {
        if let Some(state) = weak.upgrade() {
            spawn(async move { refresh_quietly(&state).await });
        }
    });
}

/// Whether a member refresh tells the page about a changed balance: not when
/// the outbox already did (it sends `treu:points-changed` with each answer).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Announce {
    Changes,
    Nothing,
}

/// Fetches `GET /v1/me` for the signed-in customer, caches it and has the
/// first paint show it. A rejected token makes the page a guest's; other
/// failures (a member that cannot be read among them) keep what is shown.
pub async fn refresh_member(state: &Rc<RefCell<State>>, announce: Announce) -> Result<(), JsValue> {
    let (url, token) = {
        let state = state.borrow();
        let Some(token) = state.token.clone() else { return Ok(()) };
        (format!("{}/v1/me?limit=10", state.api), token)
    };
    match get_json(&url, Some(&token)).await {
        Ok(body) => {
            // A changed balance is dispatched with the state let go (a listener
            // may call `setCart`), once the widgets show it.
            show_member(state, &body, announce)?;
            state.borrow().member_cache.write(&body);
            Ok(())
        }
        Err(error) => {
            if is_rejected_token(&error) {
                {
                    let mut state = state.borrow_mut();
                    state.token = None;
                    state.member_cache.remove();
                }
                let _ = show_member(state, &JsValue::NULL, Announce::Nothing);
            }
            Err(error)
        }
    }
}

/// The member as the host now has them, after a delivery that already
/// announced its balance; a failure is reported and what is shown stays.
pub async fn refresh_quietly(state: &Rc<RefCell<State>>) {
    if let Err(error) = refresh_member(state, Announce::Nothing).await {
        emit_error(&error);
    }
}

/// Claims the remembered referral code for the signed-in member through the
/// outbox (`POST /v1/referrals/claim`, delivered once even across page views):
/// the friend's welcome code then shows in the panel. A refusal (their own
/// code, not a new customer, an unknown code) or an arrival outside the
/// attribution window is forgotten quietly.
pub fn claim_referral(state: &Rc<RefCell<State>>) {
    let (outbox, body) = {
        let state = state.borrow();
        let member = state.paint.member_id().ok().flatten();
        let (Some(outbox), Some(_), Some(entry)) = (&state.outbox, member, state.referral_arrival.read()) else {
            return;
        };
        // Handed to the outbox, which keeps it until the host answers.
        state.referral_arrival.remove();
        let days = state.paint.referral_days().ok().flatten();
        let arrived = js_sys::Reflect::get(&entry, &"arrivedAt".into()).ok().and_then(|at| at.as_f64());
        let age_days = arrived.map(|at| (js_sys::Date::now() - at) / 86_400_000.0);
        let (Some(code), Some(days), Some(age)) = (string_property(&entry, "code"), days, age_days) else { return };
        if age > days {
            return;
        }
        let body = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&body, &"code".into(), &JsValue::from_str(&code));
        (outbox.clone(), js_sys::JSON::stringify(&body).ok().and_then(|text| text.as_string()).unwrap_or_default())
    };
    let state = state.clone();
    spawn(async move {
        if let Ok(reply) = outbox.submit("/v1/referrals/claim", body).await {
            if let Some(code) = string_property(&reply, "discountCode") {
                show_panel(&state, notice("code", code.into()));
            }
            refresh_quietly(&state).await;
        }
    });
}

/// How long the panel waits for a redemption before it says the request is
/// kept and will complete when the shop can be reached.
const REDEEM_PATIENCE_MS: i32 = 8_000;

/// Redeems `option` for the current cart through the outbox (`POST
/// /v1/redemptions`), showing progress and the outcome in the panel.
pub async fn redeem(state: Rc<RefCell<State>>, option: String) -> JsResult<JsValue> {
    let (outbox, paint) = {
        let state = state.borrow();
        let Some(outbox) = state.outbox.clone() else {
            return Err(js_error("redeem: no customer is signed in"));
        };
        if state.redeeming.is_some() {
            return Err(js_error("redeem: a redemption is already on its way"));
        }
        (outbox, state.paint.clone())
    };
    let body = paint.redemption(&option)?;
    state.borrow_mut().redeeming = Some(option);
    show_panel(&state, JsValue::NULL);
    let delivery = outbox.submit("/v1/redemptions", body);
    // While the shop cannot be reached the request stays queued; after a while
    // the panel says so and frees its buttons, and the code shows once delivered.
    let patience = gloo_timers::callback::Timeout::new(REDEEM_PATIENCE_MS as u32, {
        let state = Rc::downgrade(&state);
        move || {
            if let Some(state) = state.upgrade() {
                state.borrow_mut().redeeming = None;
                show_panel(&state, notice("queued", JsValue::TRUE));
            }
        }
    });
    let reply = delivery.await;
    patience.cancel();
    state.borrow_mut().redeeming = None;
    match reply {
        Ok(reply) => {
            let code = string_property(&reply, "code").unwrap_or_default();
            show_panel(&state, notice("code", code.into()));
            emit("redeemed", &reply);
            // The member's balance, codes and history, as the host recorded them.
            refresh_quietly(&state).await;
            Ok(reply)
        }
        Err(error) => {
            let reason = js_sys::Reflect::get(&error, &"detail".into()).ok().filter(JsValue::is_string);
            show_panel(&state, notice("failed", reason.unwrap_or(JsValue::TRUE)));
            Err(error)
        }
    }
}

/// Whether `error` (from `get_json`) says the host refused the customer token.
fn is_rejected_token(error: &JsValue) -> bool {
    let status = js_sys::Reflect::get(error, &"status".into()).ok().and_then(|status| status.as_f64());
    matches!(status.map(|status| status as u16), Some(401 | 403))
}

/// Reports that the member copied or shared their referral link (the
/// merchant's "shared" count), at most once a day per member and browser:
/// the host counts one per member and day anyway, so more would be traffic
/// for nothing. The day is the browser's UTC date.
pub fn report_share(state: &Rc<RefCell<State>>, channel: &'static str) {
    let (outbox, slot) = {
        let state = state.borrow();
        let member = state.paint.member_id().ok().flatten();
        let (Some(outbox), Some(member)) = (&state.outbox, member) else { return };
        (outbox.clone(), Slot::new(&state.api, &format!("shared:{member}")))
    };
    let today = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
    let today = today.get(..10).unwrap_or_default();
    if slot.read().and_then(|day| day.as_string()).as_deref() == Some(today) {
        return;
    }
    slot.write(&JsValue::from_str(today));
    let delivery = outbox.submit("/v1/referrals/shares", format!(r#"{{"channel":"{channel}"}}"#));
    spawn(async move {
        // Nothing to show either way: a lost report only undercounts a statistic.
        let _ = delivery.await;
    });
}
