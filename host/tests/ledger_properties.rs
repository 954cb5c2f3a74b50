//! The ledger, driven through the real binary by random sequences of paid
//! orders, partial and full refunds, cancellations, redemptions, goodwill
//! adjustments, time moved forward through the host's clock (discount codes
//! that expire unused, points that expire), and webhooks delivered again or
//! out of order (a refund before its payment), for three members at once,
//! against a simple model. After every step each member's balance must equal
//! the model's and the ledger's own invariants must hold: the balance is the
//! sum of the entries, one earn per (order, rule), reversals never exceed
//! awards, redemptions never drive the available balance negative.
//!
//! The default run checks at least 10,000 steps (40 sequences of 250 to 299,
//! two at a time);
//! `TREU_LEDGER_CASES=<n>` runs more sequences (`./x test --long`). Proptest
//! prints a failing sequence, shrunk, and records its seed beside this file.

mod common;

use common::{cart, sign, token, Host, ADMIN_TOKEN};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Members per sequence; order `n` belongs to member `n % MEMBERS`.
const MEMBERS: u8 = 3;
/// What every order costs: refunds that arrive before the payment carry the same total.
const TOTAL: i64 = 10_000;
/// Days after which earned points expire; only a [`Step::Jump`] gets there.
const EXPIRY_DAYS: i64 = 3000;
const CODE_DAYS: i64 = 30;

#[derive(Clone, Debug)]
enum Step {
    /// Order `n` paid (every order costs `TOTAL` and earns `TOTAL / 100`).
    Pay {
        order: u8,
    },
    /// A refund of `permille` ‰ of order `n`'s total (before or after payment).
    Refund {
        order: u8,
        permille: i64,
    },
    /// The rest of order `n` refunded.
    RefundRest {
        order: u8,
    },
    Cancel {
        order: u8,
    },
    /// Spend 500 points on a €5 code.
    Redeem {
        member: u8,
    },
    /// A goodwill adjustment from the dashboard.
    Adjust {
        member: u8,
        points: i64,
    },
    /// The host's clock moves `days` forward: codes issued 30 days before expire.
    Advance {
        days: i64,
    },
    /// Past every expiry: all points earned so far expire.
    Jump,
    /// An earlier webhook delivered again (`pick` chooses which).
    Duplicate {
        pick: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let orders = 0..(MEMBERS * 3);
    prop_oneof![
        6 => orders.clone().prop_map(|order| Step::Pay { order }),
        3 => (orders.clone(), 1..1000i64).prop_map(|(order, permille)| Step::Refund { order, permille }),
        1 => orders.clone().prop_map(|order| Step::RefundRest { order }),
        1 => orders.prop_map(|order| Step::Cancel { order }),
        4 => (0..MEMBERS).prop_map(|member| Step::Redeem { member }),
        2 => (0..MEMBERS, 1..300i64).prop_map(|(member, points)| Step::Adjust { member, points }),
        2 => (1..20i64).prop_map(|days| Step::Advance { days }),
        1 => (0..5u8).prop_map(|n| if n == 0 { Step::Jump } else { Step::Advance { days: 1 } }),
        3 => any::<usize>().prop_map(|pick| Step::Duplicate { pick }),
    ]
}

/// What the model knows of one order. Totals are fixed per order id.
#[derive(Default, Debug)]
struct Order {
    paid: bool,
    awarded: i64,
    refunded: i64,
    reversed: i64,
    /// A cancellation was recorded: a payment after it earns nothing.
    cancelled: bool,
}

#[derive(Default, Debug)]
struct Member {
    available: i64,
    /// Unused discount codes: when each expires (seconds of clock offset).
    codes: Vec<i64>,
}

#[derive(Default, Debug)]
struct Model {
    orders: BTreeMap<u8, Order>,
    members: BTreeMap<u8, Member>,
    /// How far the host's clock has been moved, in seconds.
    offset: i64,
}

impl Model {
    /// What the host does before a member's write: codes past their expiry give their points back.
    fn settle(&mut self, member: u8) {
        let offset = self.offset;
        let state = self.members.entry(member).or_default();
        let expired = state.codes.iter().filter(|expires| **expires <= offset).count() as i64;
        state.codes.retain(|expires| *expires > offset);
        state.available += 500 * expired;
    }

    fn member(&mut self, member: u8) -> &mut Member {
        self.members.entry(member).or_default()
    }
}

fn program() -> Value {
    json!({ "version": 1, "currency": "EUR",
            "earning": { "rates": [{ "currency": "EUR", "points": 1, "per": 100 }], "expiresAfterDays": EXPIRY_DAYS },
            "redemptions": [{ "id": "5-off", "kind": "amountOff", "points": 500, "amount": 500, "codeValidDays": CODE_DAYS }] })
}

fn name(member: u8) -> String {
    format!("member-{member}")
}

/// Steps checked in this process, for the closing count.
static STEPS: AtomicUsize = AtomicUsize::new(0);

/// An order webhook signed at the host's (moved) time.
fn deliver(host: &Host, model: &Model, event: &Value) -> common::Reply {
    let body = event.to_string();
    let signature = sign(&body, common::now() + model.offset);
    host.call(
        "POST",
        "/v1/webhooks/orders",
        &[("content-type", "application/json"), ("treu-signature", &signature)],
        Some(&body),
    )
}

fn admin_post(host: &Host, path: &str, key: &str, body: &Value) -> common::Reply {
    host.call(
        "POST",
        path,
        &[
            ("content-type", "application/json"),
            ("authorization", &format!("Bearer {ADMIN_TOKEN}")),
            ("idempotency-key", key),
        ],
        Some(&body.to_string()),
    )
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let host = Host::with(&program(), &["--rate-limit", "0", "--movable-clock"]);
    let tokens: Vec<String> = (0..MEMBERS).map(|member| token(&name(member))).collect();
    let mut model = Model::default();
    let mut webhooks: Vec<(Value, Value)> = Vec::new();
    let mut seen: Vec<Vec<Value>> = vec![Vec::new(); MEMBERS as usize];
    for (index, step) in steps.iter().enumerate() {
        let mut touched = None;
        match step {
            Step::Pay { order } => {
                let member = order % MEMBERS;
                let placed_at = treu::engine::time::Timestamp::from_unix(common::now() + model.offset - 3600).unwrap();
                let event = json!({
                    "id": format!("evt-paid-{order}"), "type": "order.paid",
                    "order": { "id": format!("o-{order}"), "customerId": name(member), "total": TOTAL,
                               "placedAt": placed_at.to_string(), "cart": cart(TOTAL) } });
                let reply = deliver(&host, &model, &event);
                prop_assert_eq!(reply.status, 200, "{}", reply.text);
                let state = model.orders.entry(*order).or_default();
                if !state.paid {
                    state.paid = true;
                    let settles = !state.cancelled;
                    state.awarded = if state.cancelled { 0 } else { TOTAL / 100 };
                    state.reversed = state.awarded * state.refunded / TOTAL;
                    let gained = state.awarded - state.reversed;
                    if settles {
                        model.settle(member);
                    }
                    model.member(member).available += gained;
                    webhooks.push((event, reply.body));
                } else {
                    prop_assert!(reply.replayed, "a second payment of an order is its first event again");
                }
                touched = Some(member);
            }
            Step::Refund { order, .. } | Step::RefundRest { order } | Step::Cancel { order } => {
                let id = format!("o-{order}");
                let (event, amount) = match step {
                    Step::Refund { permille, .. } => {
                        let amount = (TOTAL * permille / 1000).max(1);
                        let event = json!({ "id": format!("evt-{index}"), "type": "order.partiallyRefunded",
                            "order": { "id": id, "total": TOTAL }, "refund": { "id": format!("r-{index}"), "amount": amount } });
                        (event, amount)
                    }
                    Step::RefundRest { .. } => {
                        let event = json!({ "id": format!("evt-{index}"), "type": "order.refunded",
                                            "order": { "id": id, "total": TOTAL } });
                        (event, TOTAL)
                    }
                    _ => {
                        let event = json!({ "id": format!("evt-{index}"), "type": "order.cancelled",
                                            "order": { "id": id, "total": TOTAL } });
                        (event, TOTAL)
                    }
                };
                let reply = deliver(&host, &model, &event);
                prop_assert_eq!(reply.status, 200, "{}", reply.text);
                let member = order % MEMBERS;
                let state = model.orders.entry(*order).or_default();
                state.refunded = (state.refunded + amount).min(TOTAL);
                if matches!(step, Step::Cancel { .. }) {
                    state.cancelled = true;
                }
                if state.paid {
                    let reversed = state.awarded * state.refunded / TOTAL;
                    let taken = reversed - state.reversed;
                    state.reversed = reversed;
                    model.member(member).available -= taken;
                }
                webhooks.push((event, reply.body));
                touched = Some(member);
            }
            Step::Redeem { member } => {
                let reply = host.post(
                    "/v1/redemptions",
                    Some(&tokens[*member as usize]),
                    &format!("redeem-{index}"),
                    &json!({ "option": "5-off", "cart": cart(3000) }),
                );
                // The codes that expired give their points back first, in the same
                // transaction: a refused redemption rolls that back too.
                let before = (model.member(*member).available, model.member(*member).codes.clone());
                model.settle(*member);
                let offset = model.offset;
                let state = model.member(*member);
                if state.available >= 500 {
                    prop_assert_eq!(reply.status, 201, "{}", reply.text);
                    state.available -= 500;
                    state.codes.push(offset + CODE_DAYS * 86_400);
                } else {
                    (state.available, state.codes) = before;
                    prop_assert_eq!(reply.status, 422, "{}", reply.text);
                    prop_assert_eq!(&reply.body["type"], "urn:treu:problem:insufficient-points");
                }
                touched = Some(*member);
            }
            Step::Adjust { member, points } => {
                let path = format!("/v1/admin/customers/{}/adjustments", name(*member));
                let reply = admin_post(
                    &host,
                    &path,
                    &format!("adjust-{index}"),
                    &json!({ "points": points, "reason": "goodwill" }),
                );
                prop_assert_eq!(reply.status, 201, "{}", reply.text);
                model.settle(*member);
                model.member(*member).available += points;
                touched = Some(*member);
            }
            Step::Advance { .. } | Step::Jump => {
                let days = if let Step::Advance { days } = step { *days } else { EXPIRY_DAYS + 1 };
                let reply =
                    admin_post(&host, "/v1/admin/clock", &format!("clock-{index}"), &json!({ "advanceDays": days }));
                prop_assert_eq!(reply.status, 200, "{}", reply.text);
                model.offset += days * 86_400;
                if matches!(step, Step::Jump) {
                    // Every lot is past its expiry; a debt (negative balance) stays.
                    for state in model.members.values_mut() {
                        state.available = state.available.min(0);
                    }
                }
            }
            Step::Duplicate { pick } => {
                if webhooks.is_empty() {
                    continue;
                }
                let (event, first) = webhooks[pick % webhooks.len()].clone();
                let reply = deliver(&host, &model, &event);
                prop_assert_eq!(reply.status, 200);
                prop_assert!(reply.replayed);
                prop_assert_eq!(&reply.body, &first);
            }
        }
        // A member's state changes only through their own events; time moves everyone's.
        let members: Vec<u8> = match touched {
            Some(member) => vec![member],
            None => (0..MEMBERS).collect(),
        };
        for member in members {
            check(&host, &tokens[member as usize], member, &model, &mut seen[member as usize], index)?;
        }
        STEPS.fetch_add(1, Ordering::Relaxed);
    }
    Ok(())
}

/// The invariants, after every step. The ledger is append-only, so each check
/// reads only the newest page (and more pages only if it did not reach the
/// entries already seen), and the entries seen before must not have changed.
fn check(
    host: &Host,
    token: &str,
    member: u8,
    model: &Model,
    seen: &mut Vec<Value>,
    index: usize,
) -> Result<(), TestCaseError> {
    let mut path = "/v1/me?limit=10".to_owned();
    let mut fresh = Vec::new();
    let balance = loop {
        let reply = host.get_as(&path, token);
        prop_assert_eq!(reply.status, 200, "{}", reply.text);
        let page = reply.body["history"]["entries"].as_array().cloned().unwrap_or_default();
        let reached = page.last().is_none_or(|oldest| oldest["seq"].as_u64() <= Some(seen.len() as u64 + 1));
        for entry in page {
            match entry["seq"].as_u64().map(|seq| seq as usize) {
                Some(seq) if seq > seen.len() => fresh.push(entry),
                Some(seq) if seq >= 1 => prop_assert_eq!(&seen[seq - 1], &entry, "entry {} changed", seq),
                _ => prop_assert!(false, "entry without a sequence number: {}", entry),
            }
        }
        match reply.body["history"]["nextBefore"].as_i64() {
            Some(before) if !reached => path = format!("/v1/me?limit=100&before={before}"),
            _ => break reply.body["balance"].clone(),
        }
    };
    seen.extend(fresh.into_iter().rev());
    let entries: Vec<Value> = seen.iter().rev().cloned().collect();
    let expected = model.members.get(&member).map_or(0, |state| state.available);
    let available = balance["available"].as_i64().unwrap_or(i64::MIN);
    prop_assert_eq!(available, expected, "step {}, member {}: {:#}\n{:?}", index, member, balance, model);
    prop_assert_eq!(balance["pending"].as_i64(), Some(0), "nothing pending in this program");
    prop_assert_eq!(balance["negative"].as_bool(), Some(available < 0));
    let sum: i64 = entries.iter().map(|entry| entry["points"].as_i64().unwrap_or(0)).sum();
    prop_assert_eq!(Some(sum), balance["total"].as_i64(), "the balance is the sum of the entries: {:#}", balance);
    let seqs: Vec<i64> = entries.iter().rev().map(|entry| entry["seq"].as_i64().unwrap_or(0)).collect();
    prop_assert_eq!(seqs, (1..=entries.len() as i64).collect::<Vec<_>>(), "entries are numbered without gaps");
    let mut per_order: BTreeMap<String, (i64, i64, usize)> = BTreeMap::new();
    let mut running = 0;
    for entry in entries.iter().rev() {
        let change = &entry["change"];
        let points = entry["points"].as_i64().unwrap_or(0);
        if change["type"] == "redeem" {
            prop_assert!(running + points >= 0, "redemption at entry {} drove the balance below 0", entry["seq"]);
        }
        running += points;
        if let Some(order) = change["order"].as_str() {
            let slot = per_order.entry(order.to_owned()).or_default();
            match change["type"].as_str() {
                Some("earn") => {
                    slot.0 += change["points"].as_i64().unwrap_or(0);
                    slot.2 += 1;
                }
                Some("reverse") => slot.1 += change["points"].as_i64().unwrap_or(0),
                _ => {}
            }
        }
    }
    for (order, (earned, reversed, earns)) in per_order {
        prop_assert!(earns <= 1, "order {} earned {} times (one rule in this program)", order, earns);
        prop_assert!(reversed <= earned, "order {} reversed {} of {}", order, reversed, earned);
    }
    Ok(())
}

/// Sequences in the default run: 40 × at least 250 steps = 10,000 steps at least.
fn cases() -> u32 {
    std::env::var("TREU_LEDGER_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(40)
}

#[test]
fn the_ledger_matches_the_model_after_every_step() {
    use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
    // Two runners side by side, each with its own host per sequence: the
    // client waits on the host, the host on SQLite, so two keep both cores busy.
    let cases = cases();
    let outcomes: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let runners: Vec<_> = [cases.div_ceil(2), cases / 2]
            .into_iter()
            .map(|cases| {
                scope.spawn(move || {
                    let config = Config {
                        cases,
                        max_shrink_iters: 200,
                        source_file: Some(file!()),
                        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
                        ..Config::default()
                    };
                    let mut runner = TestRunner::new(config);
                    let strategy = proptest::collection::vec(step(), 250..300);
                    runner.run(&strategy, |steps| run(&steps)).map_err(|failure| failure.to_string())
                })
            })
            .collect();
        runners.into_iter().map(|runner| runner.join().expect("a runner panicked")).collect()
    });
    for outcome in outcomes {
        if let Err(failure) = outcome {
            panic!("{failure}");
        }
    }
    println!("ledger model check: {} steps checked against the model", STEPS.load(Ordering::Relaxed));
}
