//! The signed-in member's side of the storefront: their state from
//! `GET /v1/me`, and what they send through the outbox (redemptions, the
//! claim of a referral link they arrived with).

use super::cache::Slot;
use super::events::{emit, emit_error};
use super::http::get_json;
use super::interop::{input_error_to_js, js_error, string_property, to_js};
use super::member::Member;
use super::outbox::Outbox;
use super::storefront::{draw_widgets, State};
use super::view::Notice;
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
            wasm_bindgen_futures::spawn_local(async move { refresh_quietly(&state).await });
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

/// Fetches `GET /v1/me` for the signed-in customer, caches it and renders.
/// A rejected token makes the page a guest's; other failures keep what is shown.
pub async fn refresh_member(state: &Rc<RefCell<State>>, announce: Announce) -> Result<(), JsValue> {
    let (url, token) = {
        let state = state.borrow();
        let Some(token) = state.token.clone() else { return Ok(()) };
        (format!("{}/v1/me?limit=10", state.api), token)
    };
    match get_json(&url, Some(&token)).await {
        Ok(body) => {
            let member = Member::read("me", body.clone()).map_err(|error| input_error_to_js(&error))?;
            let changed = {
                let mut state = state.borrow_mut();
                state.member_cache.write(&body);
                state.set_member(Some(member), announce, Some(&body))
            };
            // Dispatched with the state let go (a listener may call `setCart`),
            // once the widgets show the new balance.
            draw_widgets(state);
            if let Some(detail) = changed {
                emit("points-changed", &detail);
            }
            Ok(())
        }
        Err(error) => {
            if is_rejected_token(&error) {
                state.borrow_mut().become_guest();
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

/// Keeps the referral code of a link the shopper arrived with
/// (`?treu_ref=CODE`) until a signed-in page view within the program's
/// attribution window claims it.
pub fn remember_referral(slot: &Slot) {
    let Some(window) = web_sys::window() else { return };
    let Ok(search) = window.location().search() else { return };
    let Some(code) = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|params| params.get("treu_ref"))
    else {
        return;
    };
    let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(40).collect();
    if code.is_empty() {
        return;
    }
    let entry = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&entry, &"code".into(), &JsValue::from_str(&code));
    let _ = js_sys::Reflect::set(&entry, &"arrivedAt".into(), &JsValue::from_f64(js_sys::Date::now()));
    slot.write(&entry);
}

/// Claims the remembered referral code for the signed-in member through the
/// outbox (`POST /v1/referrals/claim`, delivered once even across page views):
/// the friend's welcome code then shows in the panel. A refusal (their own
/// code, not a new customer, an unknown code) or an arrival outside the
/// attribution window is forgotten quietly.
pub fn claim_referral(state: &Rc<RefCell<State>>) {
    let (outbox, body) = {
        let state = state.borrow();
        let (Some(outbox), Some(_), Some(entry)) = (&state.outbox, &state.member, state.referral_arrival.read()) else {
            return;
        };
        // Handed to the outbox, which keeps it until the host answers.
        state.referral_arrival.remove();
        let days = state.program.as_ref().and_then(|program| program.referral.as_ref()).map(|r| r.attribution_days);
        let arrived = js_sys::Reflect::get(&entry, &"arrivedAt".into()).ok().and_then(|at| at.as_f64());
        let age_days = arrived.map(|at| (js_sys::Date::now() - at) / 86_400_000.0);
        let (Some(code), Some(days), Some(age)) = (string_property(&entry, "code"), days, age_days) else { return };
        if age > days as f64 {
            return;
        }
        let body = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&body, &"code".into(), &JsValue::from_str(&code));
        (outbox.clone(), js_sys::JSON::stringify(&body).ok().and_then(|text| text.as_string()).unwrap_or_default())
    };
    let state = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(reply) = outbox.submit("/v1/referrals/claim", body).await {
            if let Some(code) = string_property(&reply, "discountCode") {
                state.borrow_mut().set_notice(Some(Notice::CodeReady(code)));
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
    let (outbox, body, language) = {
        let mut guard = state.borrow_mut();
        let language = guard.language;
        let Some(outbox) = guard.outbox.clone() else {
            return Err(js_error("redeem: no customer is signed in"));
        };
        if guard.redeeming.is_some() {
            return Err(js_error("redeem: a redemption is already on its way"));
        }
        let Some(cart) = guard.empty_or_current_cart() else {
            return Err(js_error("redeem: the program is not loaded yet"));
        };
        let body = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&body, &"option".into(), &JsValue::from_str(&option));
        // A stepped reward ("€1 off per 100 points") is redeemed for its smallest amount.
        let stepped = guard.program.as_ref().and_then(|program| program.redemptions.iter().find(|o| o.id == option));
        if let Some(stepped) = stepped.filter(|option| option.stepped) {
            let _ = js_sys::Reflect::set(&body, &"points".into(), &to_js(&stepped.cost())?);
        }
        let _ = js_sys::Reflect::set(&body, &"cart".into(), &to_js(&cart)?);
        let body = js_sys::JSON::stringify(&body).ok().and_then(|text| text.as_string()).unwrap_or_default();
        guard.redeeming = Some(option.clone());
        guard.set_notice(None);
        (outbox, body, language)
    };
    let delivery = outbox.submit("/v1/redemptions", body);
    // While the shop cannot be reached the request stays queued; after a while
    // the panel says so and frees its buttons, and the code shows once delivered.
    let patience = gloo_timers::callback::Timeout::new(REDEEM_PATIENCE_MS as u32, {
        let state = Rc::downgrade(&state);
        move || {
            if let Some(state) = state.upgrade() {
                let mut state = state.borrow_mut();
                state.redeeming = None;
                state.set_notice(Some(Notice::Failed(language.redeem_queued().to_owned())));
            }
        }
    });
    let reply = delivery.await;
    patience.cancel();
    state.borrow_mut().redeeming = None;
    match reply {
        Ok(reply) => {
            let code = string_property(&reply, "code").unwrap_or_default();
            state.borrow_mut().set_notice(Some(Notice::CodeReady(code)));
            draw_widgets(&state);
            emit("redeemed", &reply);
            // The member's balance, codes and history, as the host recorded them.
            refresh_quietly(&state).await;
            Ok(reply)
        }
        Err(error) => {
            let reason = string_property(&error, "detail").unwrap_or_else(|| language.try_again_later().to_owned());
            state.borrow_mut().set_notice(Some(Notice::Failed(language.redeem_failed(&reason))));
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
        let (Some(outbox), Some(member)) = (&state.outbox, &state.member) else { return };
        (outbox.clone(), Slot::new(&state.api, &format!("shared:{}", member.customer.id)))
    };
    let today = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
    let today = today.get(..10).unwrap_or_default();
    if slot.read().and_then(|day| day.as_string()).as_deref() == Some(today) {
        return;
    }
    slot.write(&JsValue::from_str(today));
    let delivery = outbox.submit("/v1/referrals/shares", format!(r#"{{"channel":"{channel}"}}"#));
    wasm_bindgen_futures::spawn_local(async move {
        // Nothing to show either way: a lost report only undercounts a statistic.
        let _ = delivery.await;
    });
}
