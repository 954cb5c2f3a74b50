//! The outbox's durable part: queued POSTs in `localStorage`, one item per
//! entry under `treu:v1:outbox:<api>:<key>`, so that two tabs adding or
//! removing different entries never overwrite each other's writes. Where
//! storage is missing, full or throws, entries live in memory for the page's
//! lifetime instead (see `cache.rs`: storage trouble only costs durability).
//!
//! An entry, as stored (times in milliseconds since the Unix epoch):
//!
//! ```json
//! { "key": "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b", "path": "/v1/actions",
//!   "body": "{\"action\":\"newsletter\"}", "customer": "c-42",
//!   "createdAt": 1767225600000, "attempts": 1, "notBefore": 1767225601412,
//!   "lease": { "tab": "…", "until": 1767225630000 } }
//! ```
//!
//! `key` is the `Idempotency-Key` of every send; `customer` is the token's
//! `sub`, so an entry is only ever sent with its own customer's token; `lease`
//! (optional) marks the tab that is sending it right now.

use super::cache;
use super::read::JsObject;
use super::retry;
use super::write::{to_json, Json, ToJs};
use std::cell::RefCell;

/// One queued POST.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The `Idempotency-Key`: random, the same on every send.
    pub key: String,
    /// Under the API base, e.g. `/v1/actions`.
    pub path: String,
    /// The JSON request body, as sent.
    pub body: String,
    /// The customer (token `sub`) it belongs to.
    pub customer: String,
    pub created_at: u64,
    /// Sends so far that got no final answer.
    pub attempts: u32,
    /// Not sent again before this instant (backoff, `Retry-After`).
    pub not_before: u64,
    pub lease: Option<Lease>,
}

/// A tab's claim to be sending an entry until `until`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lease {
    pub tab: String,
    pub until: u64,
}

impl Entry {
    /// A new entry, due at once.
    pub fn new(key: String, path: &str, body: String, customer: &str, now: u64) -> Entry {
        Entry {
            key,
            path: path.to_owned(),
            body,
            customer: customer.to_owned(),
            created_at: now,
            attempts: 0,
            not_before: now,
            lease: None,
        }
    }

    /// The instant until which another tab than `tab` is sending it, if any.
    pub fn leased_elsewhere(&self, tab: &str, now: u64) -> Option<u64> {
        self.lease.as_ref().filter(|lease| lease.tab != tab && lease.until > now).map(|lease| lease.until)
    }
}

/// What the send loop of tab `tab` for `customer` does next.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// Send this entry now.
    Send(Entry),
    /// Nothing can be sent before this instant.
    WaitUntil(u64),
    /// Nothing of this customer's is queued.
    Idle,
}

/// Picks the next step: entries go one at a time, oldest first, and a later
/// entry never overtakes an earlier one of the same customer (the head waits
/// for its backoff or for another tab's lease). Other customers' entries are
/// left alone. `entries` must be in queue order (as [`Queue::entries`] gives).
pub fn next(entries: &[Entry], customer: &str, tab: &str, now: u64) -> Next {
    let Some(head) = entries.iter().find(|entry| entry.customer == customer && !retry::expired(entry.created_at, now))
    else {
        return Next::Idle;
    };
    match head.leased_elsewhere(tab, now) {
        Some(until) => Next::WaitUntil(until.max(head.not_before)),
        None if head.not_before > now => Next::WaitUntil(head.not_before),
        None => Next::Send(head.clone()),
    }
}

/// The queued entries of one API.
pub struct Queue {
    prefix: String,
    /// Entries that storage would not take; they last as long as the page.
    /// (A handful at most: a list weighs less in the module than a map.)
    memory: RefCell<Vec<Entry>>,
}

impl Queue {
    /// The queue of the API at `api`.
    pub fn new(api: &str) -> Queue {
        Queue { prefix: format!("{}outbox:{api}:", cache::PREFIX), memory: RefCell::default() }
    }

    /// Every entry, oldest first (ties by key). Unreadable items under the
    /// queue's prefix are removed.
    pub fn entries(&self) -> Vec<Entry> {
        let mut entries: Vec<Entry> = self.memory.borrow().clone();
        if let Some(storage) = cache::storage() {
            let mut unreadable = Vec::new();
            for index in 0..storage.length().unwrap_or(0) {
                let Some(name) = storage.key(index).ok().flatten() else { continue };
                let Some(key) = name.strip_prefix(&self.prefix).filter(|key| !key.contains(':')) else { continue };
                let text = storage.get_item(&name).ok().flatten().unwrap_or_default();
                match from_text(&text) {
                    Some(entry) if entry.key == key => {
                        entries.retain(|kept| kept.key != entry.key);
                        entries.push(entry);
                    }
                    _ => unreadable.push(name),
                }
            }
            for name in unreadable {
                let _ = storage.remove_item(&name);
            }
        }
        // Each entry put in its place (one per key, kept above): the order a
        // sort gives, without linking a sort routine (2 KB gzip of the module).
        let mut ordered: Vec<Entry> = Vec::with_capacity(entries.len());
        for entry in entries {
            let at = ordered.partition_point(|kept| (kept.created_at, &kept.key) < (entry.created_at, &entry.key));
            ordered.insert(at, entry);
        }
        ordered
    }

    /// The entry `key`, as stored now (another tab may have changed it).
    pub fn get(&self, key: &str) -> Option<Entry> {
        if let Some(entry) = self.memory.borrow().iter().find(|entry| entry.key == key) {
            return Some(entry.clone());
        }
        let text = cache::storage()?.get_item(&self.item(key)).ok()??;
        from_text(&text)
    }

    /// Stores `entry` (new or changed). Returns whether it reached storage;
    /// if not, it is kept in memory.
    pub fn put(&self, entry: &Entry) -> bool {
        let stored = match cache::storage() {
            Some(storage) => storage.set_item(&self.item(&entry.key), &to_text(entry)).is_ok(),
            None => false,
        };
        let mut memory = self.memory.borrow_mut();
        memory.retain(|kept| kept.key != entry.key);
        if !stored {
            memory.push(entry.clone());
        }
        stored
    }

    /// Forgets the entry `key`.
    pub fn remove(&self, key: &str) {
        self.memory.borrow_mut().retain(|entry| entry.key != key);
        if let Some(storage) = cache::storage() {
            let _ = storage.remove_item(&self.item(key));
        }
    }

    fn item(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }
}

/// `entry` as JSON text, in the stored format above (fields in that order,
/// `lease` only when there is one).
fn to_text(entry: &Entry) -> String {
    to_json(entry)
}

impl ToJs for Entry {
    fn write(&self, json: &mut Json) {
        json.begin_object();
        json.field("key", &self.key);
        json.field("path", &self.path);
        json.field("body", &self.body);
        json.field("customer", &self.customer);
        json.field("createdAt", &self.created_at);
        json.field("attempts", &u64::from(self.attempts));
        json.field("notBefore", &self.not_before);
        if let Some(lease) = &self.lease {
            json.key("lease");
            json.begin_object();
            json.field("tab", &lease.tab);
            json.field("until", &lease.until);
            json.end_object();
        }
        json.end_object();
    }
}

/// An entry from its stored text; `None` for anything else.
fn from_text(text: &str) -> Option<Entry> {
    let entry = JsObject::root("entry", js_sys::JSON::parse(text).ok()?);
    let lease =
        entry.optional_object("lease").map(|lease| Lease { tab: lease.string("tab"), until: lease.count("until") });
    let read = Entry {
        key: entry.string("key"),
        path: entry.string("path"),
        body: entry.string("body"),
        customer: entry.string("customer"),
        created_at: entry.count("createdAt"),
        attempts: u32::try_from(entry.count("attempts")).ok()?,
        not_before: entry.count("notBefore"),
        lease,
    };
    entry.result(read).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn entry(key: &str, customer: &str, created_at: u64) -> Entry {
        Entry::new(key.into(), "/v1/actions", r#"{"action":"newsletter"}"#.into(), customer, created_at)
    }

    #[wasm_bindgen_test]
    fn the_stored_format_is_stable() {
        let mut queued = entry("k1", "c-42", 1_767_225_600_000);
        assert_eq!(
            to_text(&queued),
            r#"{"key":"k1","path":"/v1/actions","body":"{\"action\":\"newsletter\"}","customer":"c-42","createdAt":1767225600000,"attempts":0,"notBefore":1767225600000}"#
        );
        queued.lease = Some(Lease { tab: "t".into(), until: 5 });
        let text = to_text(&queued);
        assert!(text.ends_with(r#""lease":{"tab":"t","until":5}}"#), "{text}");
        assert_eq!(from_text(&text), Some(queued));
        assert_eq!(from_text(r#"{"key":"k"}"#), None);
        assert_eq!(from_text(&text.replace(r#""attempts":0"#, r#""attempts":0.5"#)), None);
        assert_eq!(from_text(&text.replace(r#""attempts":0"#, r#""attempts":-1"#)), None);
        assert_eq!(from_text("not json"), None);
    }

    #[wasm_bindgen_test]
    fn strings_are_quoted_as_serde_json_quotes_them() {
        for text in ["", "plain", "quote \" backslash \\ slash /", "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}", "äöü €  😀"]
        {
            assert_eq!(to_json(text), serde_json::to_string(text).unwrap());
            let mut queued = entry(text, text, 1);
            queued.body = text.into();
            queued.lease = Some(Lease { tab: text.into(), until: 2 });
            assert_eq!(from_text(&to_text(&queued)), Some(queued));
        }
    }

    #[wasm_bindgen_test]
    fn the_head_of_a_customers_queue_goes_first_and_waits_for_its_backoff() {
        let mut first = entry("b", "c-1", 10);
        let second = entry("a", "c-1", 20);
        let other = entry("c", "c-2", 5);
        let queue = vec![other.clone(), first.clone(), second.clone()];
        assert_eq!(next(&queue, "c-1", "tab", 30), Next::Send(first.clone()));
        assert_eq!(next(&queue, "c-2", "tab", 30), Next::Send(other));
        assert_eq!(next(&queue, "c-3", "tab", 30), Next::Idle);

        first.not_before = 1_000;
        let queue = vec![first.clone(), second.clone()];
        assert_eq!(next(&queue, "c-1", "tab", 30), Next::WaitUntil(1_000), "the later entry does not overtake");
        assert_eq!(next(&queue, "c-1", "tab", 1_000), Next::Send(first));
    }

    #[wasm_bindgen_test]
    fn another_tabs_lease_is_respected_until_it_runs_out() {
        let mut leased = entry("a", "c-1", 10);
        leased.lease = Some(Lease { tab: "other".into(), until: 500 });
        let queue = vec![leased.clone()];
        assert_eq!(next(&queue, "c-1", "mine", 100), Next::WaitUntil(500));
        assert_eq!(next(&queue, "c-1", "other", 100), Next::Send(leased.clone()), "its own lease");
        assert_eq!(next(&queue, "c-1", "mine", 500), Next::Send(leased));
    }

    #[wasm_bindgen_test]
    fn expired_entries_are_skipped() {
        let old = entry("a", "c-1", 0);
        let fresh = entry("b", "c-1", retry::EXPIRES_AFTER_MS);
        let queue = vec![old, fresh.clone()];
        assert_eq!(next(&queue, "c-1", "tab", retry::EXPIRES_AFTER_MS), Next::Send(fresh));
    }

    #[wasm_bindgen_test]
    fn entries_persist_in_local_storage_one_item_each_in_queue_order() {
        let api = "https://queue-test.example/apps/treu";
        let queue = Queue::new(api);
        for entry in queue.entries() {
            queue.remove(&entry.key);
        }
        let later = entry("k-later", "c-1", 20);
        let earlier = entry("k-earlier", "c-1", 10);
        assert!(queue.put(&later));
        assert!(queue.put(&earlier));
        let storage = cache::storage().unwrap();
        let item = storage.get_item(&format!("treu:v1:outbox:{api}:k-later")).unwrap().unwrap();
        assert_eq!(from_text(&item), Some(later.clone()));

        // A second queue object (another page load, another tab) sees the same.
        let reloaded = Queue::new(api);
        assert_eq!(reloaded.entries(), vec![earlier.clone(), later.clone()]);
        assert_eq!(reloaded.get("k-later"), Some(later));

        // Another API's queue and junk under our prefix are not entries.
        Queue::new(&format!("{api}:x")).put(&entry("k-other-api", "c-1", 1));
        storage.set_item(&format!("treu:v1:outbox:{api}:junk"), "{not json").unwrap();
        reloaded.remove("k-later");
        assert_eq!(reloaded.entries(), vec![earlier]);
        assert_eq!(storage.get_item(&format!("treu:v1:outbox:{api}:junk")).unwrap(), None);
        reloaded.remove("k-earlier");
        Queue::new(&format!("{api}:x")).remove("k-other-api");
        assert_eq!(reloaded.entries(), vec![]);
    }
}
