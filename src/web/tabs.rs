//! Tab sync: the tabs of one shop tell each other when something changed (an
//! entry queued, a request delivered or refused), so every tab's widgets stay
//! consistent. A `BroadcastChannel` named `treu:v1:<api>`; where the browser
//! has none, a `storage` event on the item of the same name, which is written
//! and removed at once (the `storage` event fires in every other tab).
//!
//! Messages are plain JSON-compatible objects; a tab never hears its own.

use super::cache;
use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};

/// This tab's end of the channel.
pub struct Tabs {
    channel: Option<web_sys::BroadcastChannel>,
    name: String,
    _listener: EventListener,
}

impl Tabs {
    /// Joins the channel of the API at `api`; `on_message` gets what other
    /// tabs post. `None` where neither a `BroadcastChannel` nor a window is there.
    pub fn open(api: &str, on_message: impl Fn(JsValue) + 'static) -> Option<Tabs> {
        let name = format!("{}{api}", cache::PREFIX);
        if let Ok(channel) = web_sys::BroadcastChannel::new(&name) {
            let listener = EventListener::new(&channel, "message", move |event| {
                if let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() {
                    on_message(event.data());
                }
            });
            return Some(Tabs { channel: Some(channel), name, _listener: listener });
        }
        let window = web_sys::window()?;
        let key = name.clone();
        let listener = EventListener::new(&window, "storage", move |event| {
            let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
            if event.key().as_deref() != Some(key.as_str()) {
                return;
            }
            if let Some(message) = event.new_value().and_then(|text| js_sys::JSON::parse(&text).ok()) {
                on_message(message);
            }
        });
        Some(Tabs { channel: None, name, _listener: listener })
    }

    /// Tells every other tab. Failures (a closed channel, storage off) are ignored.
    pub fn post(&self, message: &JsValue) {
        if let Some(channel) = &self.channel {
            let _ = channel.post_message(message);
            return;
        }
        let Some(storage) = cache::storage() else { return };
        // A nonce, so that the same message twice still changes the item.
        let _ = js_sys::Reflect::set(message, &"nonce".into(), &js_sys::Math::random().into());
        if let Some(text) = js_sys::JSON::stringify(message).ok().and_then(|text| text.as_string()) {
            let _ = storage.set_item(&self.name, &text);
            let _ = storage.remove_item(&self.name);
        }
    }
}

impl Drop for Tabs {
    fn drop(&mut self) {
        if let Some(channel) = &self.channel {
            channel.close();
        }
    }
}
