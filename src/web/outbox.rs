//! The outbox: every storefront POST to the host (actions, redemptions,
//! referral claims) goes through it, so none is lost to a flaky network, a
//! host that is down, or the shopper navigating away, and none counts twice.
//!
//! - **Durable first.** An entry (see `queue.rs`) is written to `localStorage`
//!   before its first send, and removed only on a final answer.
//! - **Exactly once.** Every send of an entry carries the same random
//!   `Idempotency-Key`, across retries, page loads and tabs; the host answers a
//!   repeat with the first answer (and 409 while the first is in flight).
//! - **Outcomes.** 2xx: delivered, removed, the caller's promise resolves.
//!   400, 401, 403, 404, 422 (anything that will never succeed): removed, the
//!   promise rejects with the problem's `title`, `detail` and `errors`. No
//!   answer, 5xx, 408, 409 in flight, 425, 429: kept and sent again after
//!   exponential backoff with full jitter (1 s doubling to 5 min, see
//!   `retry.rs`), or after `Retry-After` if longer; resumed on the next page
//!   load; sent at once when the browser comes back `online`. An entry not
//!   delivered within 7 days is dropped and reported (`treu:error`).
//! - **No storms.** One send loop per tab; a customer's entries go one at a
//!   time, oldest first. A tab leases the entry it queues or sends (in the
//!   entry: until 30 s after the send, or after the next due time while it
//!   backs off); other tabs leave a leased entry alone and take over only
//!   when the lease runs out (the tab was closed). Web Locks would be exact, but
//!   web-sys has them only behind unstable flags; a lease is enough because
//!   the host's idempotency makes the rare double send harmless.
//! - **Page hide.** On `pagehide` and `visibilitychange` to hidden, what is due
//!   is sent once more with `fetch(…, { keepalive: true })`, which outlives the
//!   page; the entry stays queued until an answer is seen, so the next page
//!   load sends it again and gets the host's replay.
//! - **Tabs.** Every final answer is announced to the other tabs (`tabs.rs`):
//!   a tab waiting on that entry settles its promise, and every tab emits
//!   `treu:points-changed` and calls the storefront's remote-change hook.

mod identity;
mod problem;

pub use identity::token_customer;
use identity::{random_key, tab_id};
use problem::{error_from_object, error_object, problem_error};

use super::events;
use super::interop::js_error;
use super::queue::{self, Entry, Lease, Next, Queue};
use super::retry::{self, Verdict};
use super::tabs::Tabs;
use super::tasks::spawn;
use super::JsResult;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::{Rc, Weak};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// At most this many entries are sent at page hide (keepalive bodies share a
/// 64 KiB budget, and a page leaving must not fire a burst).
const FLUSH_LIMIT: usize = 8;

/// The queue of one customer's POSTs to one API, and this tab's sender.
/// Cloning shares it.
#[derive(Clone)]
pub struct Outbox {
    inner: Rc<Inner>,
}

struct Inner {
    /// The API base, without a trailing slash.
    api: String,
    token: String,
    /// The token's `sub`: only this customer's entries are sent from here.
    customer: String,
    /// This tab's id, for leases; it survives navigations within the tab.
    tab: String,
    queue: Queue,
    tabs: RefCell<Option<Tabs>>,
    waiters: RefCell<Vec<Waiter>>,
    /// Whether this tab's send loop runs; there is never a second one.
    running: Cell<bool>,
    /// Wakes the loop when the head entry is due.
    timer: RefCell<Option<Timeout>>,
    /// Keys sent with keepalive at page hide and not answered yet (a few at
    /// most: a list weighs less in the module than a set).
    flushing: RefCell<Vec<String>>,
    listeners: RefCell<Vec<EventListener>>,
    on_remote_change: Box<dyn Fn()>,
}

/// A promise of this page waiting for the entry `key`.
struct Waiter {
    key: String,
    resolve: js_sys::Function,
    reject: js_sys::Function,
}

/// What one send got back: `status` 0 when there was no answer.
struct Answer {
    status: u16,
    body: JsValue,
    retry_after: Option<u64>,
}

impl Outbox {
    /// Opens the outbox of the API at `api` (no trailing slash) for the customer
    /// whose token is `token`, and resumes sending what earlier pages queued.
    /// `on_remote_change` runs when another tab delivered something. `None`
    /// when the token has no readable `sub` or the browser has no
    /// `crypto.getRandomValues`.
    pub fn open(api: &str, token: &str, on_remote_change: impl Fn() + 'static) -> Option<Outbox> {
        let inner = Rc::new(Inner {
            api: api.to_owned(),
            token: token.to_owned(),
            customer: token_customer(token)?,
            tab: tab_id()?,
            queue: Queue::new(api),
            tabs: RefCell::default(),
            waiters: RefCell::default(),
            running: Cell::new(false),
            timer: RefCell::default(),
            flushing: RefCell::default(),
            listeners: RefCell::default(),
            on_remote_change: Box::new(on_remote_change),
        });
        let weak = Rc::downgrade(&inner);
        *inner.tabs.borrow_mut() = Tabs::open(api, with(&weak, hear));
        if let Some(window) = web_sys::window() {
            let mut listeners = inner.listeners.borrow_mut();
            listeners.push(listen(&window, "online", &weak, retry_now));
            listeners.push(listen(&window, "pagehide", &weak, flush));
            if let Some(document) = window.document() {
                listeners.push(listen(&document, "visibilitychange", &weak, |inner| {
                    let document = web_sys::window().and_then(|window| window.document());
                    if document.is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden) {
                        flush(inner);
                    }
                }));
            }
        }
        kick(&inner);
        Some(Outbox { inner })
    }

    /// Queues `POST {api}{path}` with the JSON text `body` and resolves with
    /// the host's answer (parsed JSON) once it is delivered, here or by
    /// another tab; rejects with an `Error` (`name` `TreuRequestError`, with
    /// `status`, `type` and `errors`) when the host refuses it for good or it
    /// expires. While the host cannot be reached it stays pending: the entry
    /// is kept and retried, and delivered on a later page view if not in
    /// this one's lifetime (the promise then never settles; the delivery
    /// still emits `treu:points-changed`).
    ///
    /// ```ignore
    /// let answer = outbox.submit("/v1/redemptions", body).await?;
    /// ```
    pub fn submit(&self, path: &'static str, body: String) -> impl Future<Output = JsResult<JsValue>> + 'static {
        let inner = &self.inner;
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let Some(key) = random_key() else {
                let _ = reject.call1(&JsValue::NULL, &js_error(&format!("POST {path}: no secure random source")));
                return;
            };
            let now = now_ms();
            let mut entry = Entry::new(key.clone(), path, body.clone(), &inner.customer, now);
            // This tab sends it first; other tabs hear of it and stand by.
            entry.lease = Some(Lease { tab: inner.tab.clone(), until: now + retry::LEASE_MS });
            inner.queue.put(&entry);
            inner.waiters.borrow_mut().push(Waiter { key, resolve, reject });
        });
        announce(inner, &message("queued"));
        kick(inner);
        JsFuture::from(promise)
    }
}

/// `f` called with the outbox while it exists; for listeners, which must not
/// keep it alive.
fn with<E>(weak: &Weak<Inner>, f: impl Fn(&Rc<Inner>, E) + 'static) -> impl Fn(E) + 'static {
    let weak = weak.clone();
    move |event| {
        if let Some(inner) = weak.upgrade() {
            f(&inner, event);
        }
    }
}

/// Calls `f` on event `name` of `target` while the outbox exists.
fn listen(target: &web_sys::EventTarget, name: &'static str, weak: &Weak<Inner>, f: fn(&Rc<Inner>)) -> EventListener {
    let weak = weak.clone();
    EventListener::new(target, name, move |_| {
        if let Some(inner) = weak.upgrade() {
            f(&inner);
        }
    })
}

/// Starts this tab's send loop unless it runs already.
fn kick(inner: &Rc<Inner>) {
    if inner.running.replace(true) {
        return;
    }
    inner.timer.borrow_mut().take();
    let inner = inner.clone();
    spawn(async move {
        run(&inner).await;
        inner.running.set(false);
    });
}

/// Sends this customer's due entries one by one, then sleeps until the next
/// is due (or until something wakes it: a new entry, `online`, another tab).
async fn run(inner: &Rc<Inner>) {
    loop {
        let now = now_ms();
        let entries = inner.queue.entries();
        for entry in entries.iter().filter(|entry| retry::expired(entry.created_at, now)) {
            inner.queue.remove(&entry.key);
            if entry.customer == inner.customer {
                let message = format!("POST {}: not delivered within 7 days, dropped", entry.path);
                settle(inner, &entry.key, &entry.path, Err(js_error(&message)), true);
            }
        }
        match queue::next(&entries, &inner.customer, &inner.tab, now) {
            Next::Idle => return,
            Next::WaitUntil(at) => {
                // At most an hour, well inside setTimeout's 2^31 ms.
                let delay = at.saturating_sub(now).min(retry::MAX_RETRY_AFTER_MS) as u32;
                let weak = Rc::downgrade(inner);
                // Kicked from a task of its own: the timer's closure is dropped by `kick`.
                let wake = Timeout::new(delay, move || {
                    spawn(async move {
                        if let Some(inner) = weak.upgrade() {
                            kick(&inner);
                        }
                    })
                });
                *inner.timer.borrow_mut() = Some(wake);
                return;
            }
            Next::Send(entry) => {
                // Re-read: another tab may have delivered it meanwhile.
                let Some(mut entry) = inner.queue.get(&entry.key) else { continue };
                entry.attempts = entry.attempts.saturating_add(1);
                entry.lease = Some(Lease { tab: inner.tab.clone(), until: now + retry::LEASE_MS });
                inner.queue.put(&entry);
                let answer = send(inner, &entry, false).await;
                conclude(inner, entry, answer, false);
            }
        }
    }
}

/// Acts on the answer to a send of `entry`. A keepalive send at page hide
/// (`flushed`) only acts on final answers; retrying stays the loop's job.
fn conclude(inner: &Rc<Inner>, mut entry: Entry, answer: Answer, flushed: bool) {
    let problem_type = js_sys::Reflect::get(&answer.body, &"type".into()).ok().and_then(|kind| kind.as_string());
    let verdict =
        if answer.status == 0 { Verdict::Retry } else { retry::verdict(answer.status, problem_type.as_deref()) };
    let still_queued = inner.queue.get(&entry.key).is_some();
    match verdict {
        Verdict::Retry if flushed => {}
        Verdict::Retry => {
            let backoff = retry::backoff_ms(entry.attempts, js_sys::Math::random());
            entry.not_before = now_ms() + backoff.max(answer.retry_after.unwrap_or(0));
            // The tab that sent it keeps it: other tabs' timers for the same
            // due time would otherwise fire together with this one's. They
            // take over only if this tab is gone a lease after it was due.
            entry.lease = Some(Lease { tab: inner.tab.clone(), until: entry.not_before + retry::LEASE_MS });
            if still_queued {
                inner.queue.put(&entry);
            }
        }
        final_answer => {
            inner.queue.remove(&entry.key);
            let waited = inner.waiters.borrow().iter().any(|waiter| waiter.key == entry.key);
            // A second final answer for the same entry (page-hide flush and
            // the loop both got one) is not reported twice.
            if still_queued || waited {
                let result = match final_answer {
                    Verdict::Delivered => Ok(answer.body),
                    _ => Err(problem_error(&entry.path, &answer)),
                };
                settle(inner, &entry.key, &entry.path, result, true);
            }
        }
    }
}

/// Settles this page's promises for `key` and tells the page (and, when the
/// answer came to this tab, the other tabs) what changed.
fn settle(inner: &Rc<Inner>, key: &str, path: &str, result: JsResult<JsValue>, here: bool) {
    let waiters: Vec<Waiter> = {
        let mut all = inner.waiters.borrow_mut();
        let (mine, rest) = all.drain(..).partition(|waiter| waiter.key == key);
        *all = rest;
        mine
    };
    match &result {
        Ok(answer) => {
            for waiter in &waiters {
                let _ = waiter.resolve.call1(&JsValue::NULL, answer);
            }
            points_changed(path, answer, !here);
        }
        // Nobody on this page asked (an entry from an earlier page view): report it.
        Err(error) if waiters.is_empty() && here => events::emit_error(error),
        Err(error) => {
            for waiter in &waiters {
                let _ = waiter.reject.call1(&JsValue::NULL, error);
            }
        }
    }
    // A delivery nobody on this page waited for (another tab's, or an entry
    // from an earlier page view) changed what this page shows.
    let unasked = !here || waiters.is_empty();
    if here {
        let note = message("settled");
        let (ok, value) = match &result {
            Ok(answer) => (true, answer.clone()),
            Err(error) => (false, error_object(error)),
        };
        for (name, value) in [("key", key.into()), ("path", path.into()), ("ok", ok.into()), ("value", value)] {
            let _ = js_sys::Reflect::set(&note, &name.into(), &value);
        }
        announce(inner, &note);
    }
    if result.is_ok() && unasked {
        (inner.on_remote_change)();
    }
}

/// `treu:points-changed` when an answer carries the member's balance.
fn points_changed(path: &str, answer: &JsValue, from_other_tab: bool) {
    let Some(balance) = js_sys::Reflect::get(answer, &"balance".into()).ok().filter(JsValue::is_object) else {
        return;
    };
    let cause = match path {
        "/v1/actions" => "action",
        "/v1/redemptions" => "redemption",
        _ => "other",
    };
    let detail = js_sys::Object::new();
    for (name, value) in [("balance", balance), ("cause", cause.into()), ("fromOtherTab", from_other_tab.into())] {
        let _ = js_sys::Reflect::set(&detail, &name.into(), &value);
    }
    events::emit("points-changed", &detail);
}

/// A message from another tab: a new entry (the loop may take it over if
/// that tab goes away) or a final answer.
fn hear(inner: &Rc<Inner>, message: JsValue) {
    let field = |name: &str| js_sys::Reflect::get(&message, &name.into()).unwrap_or(JsValue::UNDEFINED);
    if field("type").as_string().as_deref() == Some("settled") {
        if let (Some(key), Some(path)) = (field("key").as_string(), field("path").as_string()) {
            let result =
                if field("ok").is_truthy() { Ok(field("value")) } else { Err(error_from_object(&field("value"))) };
            settle(inner, &key, &path, result, false);
        }
    }
    kick(inner);
}

/// The browser is back online: what waits for its backoff goes now.
fn retry_now(inner: &Rc<Inner>) {
    let now = now_ms();
    for mut entry in inner.queue.entries() {
        if entry.customer == inner.customer
            && entry.not_before > now
            && entry.leased_elsewhere(&inner.tab, now).is_none()
        {
            entry.not_before = now;
            inner.queue.put(&entry);
        }
    }
    kick(inner);
}

/// The page is hidden or leaving: sends what is due with keepalive.
fn flush(inner: &Rc<Inner>) {
    let now = now_ms();
    let due: Vec<Entry> = inner
        .queue
        .entries()
        .into_iter()
        .filter(|entry| entry.customer == inner.customer && !retry::expired(entry.created_at, now))
        .filter(|entry| entry.not_before <= now && entry.leased_elsewhere(&inner.tab, now).is_none())
        .filter(|entry| !inner.flushing.borrow().contains(&entry.key))
        .take(FLUSH_LIMIT)
        .collect();
    for entry in due {
        inner.flushing.borrow_mut().push(entry.key.clone());
        let inner = inner.clone();
        spawn(async move {
            let answer = send(&inner, &entry, true).await;
            inner.flushing.borrow_mut().retain(|key| *key != entry.key);
            conclude(&inner, entry, answer, true);
        });
    }
}

/// One POST of `entry`; never fails: no answer is status 0.
async fn send(inner: &Inner, entry: &Entry, keepalive: bool) -> Answer {
    try_send(inner, entry, keepalive).await.unwrap_or(Answer { status: 0, body: JsValue::NULL, retry_after: None })
}

async fn try_send(inner: &Inner, entry: &Entry, keepalive: bool) -> JsResult<Answer> {
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "application/json")?;
    headers.set("authorization", &format!("Bearer {}", inner.token))?;
    headers.set("idempotency-key", &entry.key)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&entry.body));
    // web-sys 0.3 has no setter for `RequestInit.keepalive`.
    js_sys::Reflect::set(&init, &"keepalive".into(), &keepalive.into())?;
    let controller = web_sys::AbortController::new()?;
    init.set_signal(Some(&controller.signal()));
    let _deadline = Timeout::new(retry::REQUEST_TIMEOUT_MS, move || controller.abort());
    let request = web_sys::Request::new_with_str_and_init(&format!("{}{}", inner.api, entry.path), &init)?;
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request)).await?.unchecked_into();
    let retry_after = response.headers().get("retry-after").ok().flatten().and_then(|header| {
        let date = js_sys::Date::parse(&header);
        let date_ms = (date.is_finite() && date >= 0.0).then_some(date as u64);
        retry::retry_after_ms(Some(&header), date_ms, now_ms())
    });
    // A body that cannot be read is no answer: the replay will bring it.
    let text = JsFuture::from(response.text()?).await?.as_string().unwrap_or_default();
    let body = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    Ok(Answer { status: response.status(), body, retry_after })
}

fn message(kind: &str) -> JsValue {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    message.into()
}

fn announce(inner: &Inner, message: &JsValue) {
    if let Some(tabs) = inner.tabs.borrow().as_ref() {
        tabs.post(message);
    }
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}
