//! Crashes: the real binary on a real SQLite file serves four customers'
//! clients at once (paid orders, partial and full refunds, redemptions and
//! actions, each with its event id or `Idempotency-Key`), each retrying a write
//! until it is answered, while the host is killed with SIGKILL at random
//! moments and started again on the same file. At the end every answered write
//! is in the ledger exactly once (a retry of each is a replay), no request is
//! left half-done, and every balance equals the model's.
//!
//! The run prints its seed; `TREU_CRASH_SEED=<seed>` replays the same choices
//! (the moments of the kills still depend on the machine's timing).
//! `TREU_CRASH_KILLS` sets how many kills a run makes (default 24).

mod common;

use common::{cart, paid_event, sign, token, Host};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// SplitMix64: a seeded sequence of choices, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

fn program() -> Value {
    json!({ "version": 1, "currency": "EUR",
            "earning": { "rates": [{ "currency": "EUR", "points": 1, "per": 100 }] },
            "actions": [{ "action": "survey", "points": 10, "cap": "unlimited" }],
            "redemptions": [{ "id": "5-off", "kind": "amountOff", "points": 500, "amount": 500, "codeValidDays": 30 }] })
}

/// One write as sent (and sent again, unchanged, until it is answered).
#[derive(Clone, Debug)]
enum Write {
    Webhook { body: String },
    Post { path: &'static str, key: String, body: String },
}

/// What a customer's writes should have done.
#[derive(Default, Debug)]
struct Model {
    /// Order id → (total, points earned, amount refunded).
    orders: BTreeMap<String, (i64, i64, i64)>,
    redemptions: usize,
    actions: usize,
    available: i64,
}

impl Model {
    fn reversed(total: i64, earned: i64, refunded: i64) -> i64 {
        earned * refunded / total
    }
}

/// The host's address now; it changes at each restart.
type Address = Arc<RwLock<String>>;

/// Sends `write` until the host answers it; the answer's status and body,
/// whether it was a replay, and whether any try failed first.
fn until_answered(address: &Address, write: &Write) -> (u16, Value, bool, bool) {
    let mut retried = false;
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .new_agent();
    loop {
        let url = address.read().unwrap().clone();
        let result = match write {
            Write::Webhook { body } => agent
                .post(&format!("{url}/v1/webhooks/orders"))
                .header("content-type", "application/json")
                .header("treu-signature", &sign(body, common::now()))
                .send(body.as_str()),
            Write::Post { path, key, body } => {
                let customer = serde_json::from_str::<Value>(body).unwrap()["_customer"].as_str().unwrap().to_owned();
                let body = strip_customer(body);
                agent
                    .post(&format!("{url}{path}"))
                    .header("content-type", "application/json")
                    .header("idempotency-key", key)
                    .header("authorization", &format!("Bearer {}", token(&customer)))
                    .send(body.as_str())
            }
        };
        match result {
            Ok(mut response) => {
                let status = response.status().as_u16();
                let replayed = response.headers().contains_key("idempotent-replayed");
                let text = response.body_mut().read_to_string().unwrap_or_default();
                // Each key is sent by one client, one try at a time, and a killed host's
                // claims are released when it starts again: "in flight" would mean a key
                // stranded by a kill (answered 409 until taken to be abandoned).
                assert_ne!(status, 409, "{write:?} is held by a request that died with its host: {text}");
                match status {
                    // The host is unwell: again.
                    500..=599 => std::thread::sleep(Duration::from_millis(20)),
                    _ => return (status, serde_json::from_str(&text).unwrap_or(Value::Null), replayed, retried),
                }
            }
            // Killed mid-request, or not listening yet: again, same body, same key.
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
        retried = true;
    }
}

/// The customer rides along in the body for the client's own bookkeeping only.
fn strip_customer(body: &str) -> String {
    let mut value: Value = serde_json::from_str(body).unwrap();
    value.as_object_mut().unwrap().remove("_customer");
    value.to_string()
}

/// The next write of `customer`, and what the model expects of it.
fn next_write(rng: &mut Rng, customer: &str, n: usize, model: &Model) -> (Write, &'static str) {
    let refundable: Vec<&String> =
        model.orders.iter().filter(|(_, (total, _, refunded))| refunded < total).map(|(id, _)| id).collect();
    match rng.range(0, 10) {
        0..=3 => {
            let order = format!("{customer}-o{n}");
            let total = 100 * rng.range(5, 200) as i64;
            let event = paid_event(&order, customer, total, &common::days_ago(1));
            (Write::Webhook { body: event.to_string() }, "pay")
        }
        4..=5 if !refundable.is_empty() => {
            let order = refundable[rng.range(0, refundable.len() as u64) as usize].clone();
            let (total, _, refunded) = model.orders[&order];
            let event = if rng.range(0, 3) == 0 {
                json!({ "id": format!("evt-{customer}-{n}"), "type": "order.refunded",
                        "order": { "id": order, "total": total } })
            } else {
                let amount = rng.range(1, (total - refunded) as u64 + 1) as i64;
                json!({ "id": format!("evt-{customer}-{n}"), "type": "order.partiallyRefunded",
                        "order": { "id": order, "total": total }, "refund": { "id": format!("r{n}"), "amount": amount } })
            };
            (Write::Webhook { body: event.to_string() }, "refund")
        }
        6..=7 => {
            let body = json!({ "_customer": customer, "option": "5-off", "cart": cart(3000) });
            (Write::Post { path: "/v1/redemptions", key: format!("redeem-{n}"), body: body.to_string() }, "redeem")
        }
        _ => {
            let body = json!({ "_customer": customer, "action": "survey" });
            (Write::Post { path: "/v1/actions", key: format!("action-{n}"), body: body.to_string() }, "action")
        }
    }
}

/// Applies an answered write to the model, checking the answer.
fn apply(model: &mut Model, write: &Write, kind: &str, status: u16, body: &Value) {
    match kind {
        "pay" => {
            assert_eq!(status, 200, "{body}");
            let Write::Webhook { body: sent } = write else { unreachable!() };
            let event: Value = serde_json::from_str(sent).unwrap();
            let total = event["order"]["total"].as_i64().unwrap();
            model.orders.insert(event["order"]["id"].as_str().unwrap().to_owned(), (total, total / 100, 0));
            model.available += total / 100;
        }
        "refund" => {
            assert_eq!(status, 200, "{body}");
            let Write::Webhook { body: sent } = write else { unreachable!() };
            let event: Value = serde_json::from_str(sent).unwrap();
            let order = model.orders.get_mut(event["order"]["id"].as_str().unwrap()).unwrap();
            let before = Model::reversed(order.0, order.1, order.2);
            order.2 = match event["refund"]["amount"].as_i64() {
                Some(amount) => order.2 + amount,
                None => order.0,
            };
            model.available -= Model::reversed(order.0, order.1, order.2) - before;
        }
        "redeem" if model.available >= 500 => {
            assert_eq!(status, 201, "{body}");
            model.available -= 500;
            model.redemptions += 1;
        }
        "redeem" => {
            assert_eq!(status, 422, "{body}");
            assert_eq!(body["type"], "urn:treu:problem:insufficient-points");
        }
        _ => {
            assert_eq!(status, 201, "{body}");
            model.available += 10;
            model.actions += 1;
        }
    }
}

/// Every ledger entry of `customer`, newest first, page by page.
fn history(host: &Host, customer: &str) -> (Value, Vec<Value>) {
    let member = token(customer);
    let mut entries = Vec::new();
    let mut path = "/v1/me?limit=100".to_owned();
    loop {
        let reply = host.get_as(&path, &member);
        assert_eq!(reply.status, 200, "{}", reply.text);
        entries.extend(reply.body["history"]["entries"].as_array().cloned().unwrap_or_default());
        match reply.body["history"]["nextBefore"].as_i64() {
            Some(before) => path = format!("/v1/me?limit=100&before={before}"),
            None => return (reply.body["balance"].clone(), entries),
        }
    }
}

#[test]
fn no_answered_write_is_lost_or_doubled_across_kills() {
    let seed = std::env::var("TREU_CRASH_SEED").ok().and_then(|seed| seed.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    let kills: usize = std::env::var("TREU_CRASH_KILLS").ok().and_then(|kills| kills.parse().ok()).unwrap_or(24);
    println!("crash test seed {seed} (replay: TREU_CRASH_SEED={seed}), {kills} kills");

    let dir = tempfile::tempdir().unwrap();
    let program_file = dir.path().join("program.json");
    std::fs::write(&program_file, program().to_string()).unwrap();
    let program_file = program_file.display().to_string();
    let args = ["--program", program_file.as_str(), "--rate-limit", "0"];
    let host = Host::start_in(dir, &args);
    let address: Address = Arc::new(RwLock::new(host.url.clone()));
    let killed = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));

    let customers: Vec<String> = (0..4).map(|n| format!("c{n}")).collect();
    let clients: Vec<_> = customers
        .iter()
        .enumerate()
        .map(|(index, customer)| {
            let (address, stop, customer) = (address.clone(), stop.clone(), customer.clone());
            let mut rng = Rng(seed ^ (index as u64 + 1).wrapping_mul(0xA24B_AED4_963E_E407));
            std::thread::spawn(move || {
                let mut model = Model::default();
                let mut sent = Vec::new();
                let (mut n, mut retried, mut lost_answers) = (0, 0, 0);
                while !stop.load(Ordering::Relaxed) || n < 20 {
                    let (write, kind) = next_write(&mut rng, &customer, n, &model);
                    let (status, body, replayed, again) = until_answered(&address, &write);
                    retried += usize::from(again);
                    // Done by a host that was killed before it could answer.
                    lost_answers += usize::from(replayed);
                    apply(&mut model, &write, kind, status, &body);
                    sent.push((write, status, body));
                    n += 1;
                }
                (customer, model, sent, retried, lost_answers)
            })
        })
        .collect();

    // The killer: SIGKILL at a random moment, start again on the same file.
    let mut rng = Rng(seed);
    let mut host = host;
    while killed.load(Ordering::Relaxed) < kills {
        std::thread::sleep(Duration::from_millis(rng.range(20, 250)));
        let dir = host.kill();
        killed.fetch_add(1, Ordering::Relaxed);
        host = Host::start_in(dir, &args);
        *address.write().unwrap() = host.url.clone();
    }
    stop.store(true, Ordering::Relaxed);
    let results: Vec<_> = clients.into_iter().map(|client| client.join().expect("a client failed")).collect();

    let (mut writes, mut retried, mut lost_answers) = (0, 0, 0);
    for (customer, model, sent, retries, lost) in &results {
        writes += sent.len();
        retried += retries;
        lost_answers += lost;
        let (balance, entries) = history(&host, customer);
        assert_eq!(balance["available"].as_i64(), Some(model.available), "{customer}: {balance:#} vs {model:?}");
        let sum: i64 = entries.iter().map(|entry| entry["points"].as_i64().unwrap()).sum();
        assert_eq!(sum, model.available, "{customer}: the balance is the sum of the entries");
        // Exactly once: one earn per paid order, the refunds' reversals as the model's, one debit per redemption.
        let mut earned: BTreeMap<String, usize> = BTreeMap::new();
        let mut reversed: BTreeMap<String, i64> = BTreeMap::new();
        let (mut redemptions, mut actions) = (0, 0);
        for entry in &entries {
            let change = &entry["change"];
            match (change["type"].as_str().unwrap(), change["order"].as_str()) {
                ("earn", Some(order)) => *earned.entry(order.to_owned()).or_default() += 1,
                ("earn", None) => actions += 1,
                ("reverse", Some(order)) => {
                    *reversed.entry(order.to_owned()).or_default() += entry["points"].as_i64().unwrap()
                }
                ("redeem", _) => redemptions += 1,
                (other, _) => panic!("{customer}: unexpected entry {other}: {entry}"),
            }
        }
        for (order, (total, points, refunded)) in &model.orders {
            assert_eq!(earned.get(order), Some(&1), "{customer}: order {order} earned once");
            let expected = -Model::reversed(*total, *points, *refunded);
            assert_eq!(reversed.get(order).copied().unwrap_or(0), expected, "{customer}: order {order}'s reversals");
        }
        assert_eq!(earned.len(), model.orders.len(), "{customer}: no order earned that was never paid");
        assert_eq!(redemptions, model.redemptions, "{customer}: each redemption debited once");
        assert_eq!(actions, model.actions, "{customer}: each action awarded once");
    }

    // Every answered write, sent again, is answered the same without a second change.
    let replays = Arc::new(RwLock::new(host.url.clone()));
    for (_, _, sent, _, _) in &results {
        for (write, status, body) in sent {
            let (again, again_body, replayed, _) = until_answered(&replays, write);
            assert_eq!((again, &again_body), (*status, body), "{write:?}");
            assert!(replayed, "a retry of an answered write is a replay: {write:?}");
        }
    }
    for (customer, model, _, _, _) in &results {
        assert_eq!(host.me(customer)["balance"]["available"].as_i64(), Some(model.available));
    }
    // Nothing half-done: no key still claimed by a request that never finished, and a sound file.
    let open = count(&host, "SELECT COUNT(*) FROM idempotency_keys WHERE status IS NULL");
    assert_eq!(open, 0, "idempotency keys left in flight");
    println!(
        "crash test: {writes} writes answered across {kills} kills, each present once; {retried} needed a retry, \
         {lost_answers} of them done by a host killed before it answered; seed {seed}"
    );
}

/// One number from the host's database, after checking a SQLite file is sound
/// (PostgreSQL's files are the server's, which the host's kills do not touch).
fn count(host: &Host, query: &str) -> i64 {
    if common::postgres().is_none() {
        let integrity = common::sql_texts(host, "PRAGMA integrity_check");
        assert_eq!(integrity, ["ok"]);
    }
    common::sql_number(host, query)
}
