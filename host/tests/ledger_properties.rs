//! The ledger, driven through the real binary by random sequences of paid
//! orders, partial and full refunds, cancellations, redemptions, discount
//! codes that expire unused and duplicate webhook deliveries, against a simple
//! model. After every step the member's balance must equal the model's and the
//! ledger's own invariants must hold. Proptest prints the failing sequence,
//! shrunk, and records its seed beside this file.

mod common;

use common::{cart, days_ago, paid_event, sql, token, Host};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

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
    Redeem,
    /// The oldest unused code expires; the next write gives its points back.
    ExpireCode,
    /// The last webhook again.
    Duplicate,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..4u8).prop_map(|order| Step::Pay { order }),
        2 => (0..4u8, 1..1000i64).prop_map(|(order, permille)| Step::Refund { order, permille }),
        1 => (0..4u8).prop_map(|order| Step::RefundRest { order }),
        1 => (0..4u8).prop_map(|order| Step::Cancel { order }),
        2 => Just(Step::Redeem),
        1 => Just(Step::ExpireCode),
        2 => Just(Step::Duplicate),
    ]
}

/// What the model knows of one order. Totals are fixed per order id.
#[derive(Default, Debug)]
struct Order {
    paid: bool,
    awarded: i64,
    refunded: i64,
    /// A cancellation was recorded: a payment after it earns nothing.
    cancelled: bool,
}

#[derive(Default, Debug)]
struct Model {
    orders: BTreeMap<u8, Order>,
    redeemed: i64,
    returned: i64,
    adjusted: i64,
    codes: Vec<String>,
}

impl Model {
    fn reversed(order: &Order) -> i64 {
        if order.paid && order.awarded > 0 {
            order.awarded * order.refunded / TOTAL
        } else {
            0
        }
    }

    fn available(&self) -> i64 {
        let orders: i64 = self.orders.values().map(|order| order.awarded - Model::reversed(order)).sum();
        orders - self.redeemed + self.returned + self.adjusted
    }
}

/// What every order costs: refunds that arrive before the payment carry the same total.
const TOTAL: i64 = 10_000;

fn program() -> Value {
    json!({ "version": 1, "currency": "EUR",
            "earning": { "rates": [{ "currency": "EUR", "points": 1, "per": 100 }] },
            "redemptions": [{ "id": "5-off", "kind": "amountOff", "points": 500, "amount": 500, "codeValidDays": 30 }] })
}

fn run(steps: &[Step]) -> Result<(), TestCaseError> {
    let host = Host::with(&program(), &["--rate-limit", "0"]);
    let customer = "member";
    let member = token(customer);
    let mut model = Model::default();
    let mut last_webhook: Option<(Value, Value)> = None;
    for (index, step) in steps.iter().enumerate() {
        match step {
            Step::Pay { order } => {
                let event = paid_event(&format!("o-{order}"), customer, TOTAL, &days_ago(1));
                let reply = host.webhook(&event);
                prop_assert_eq!(reply.status, 200, "{}", reply.text);
                let state = model.orders.entry(*order).or_default();
                if !state.paid {
                    state.paid = true;
                    state.awarded = if state.cancelled { 0 } else { TOTAL / 100 };
                }
                last_webhook = Some((event, reply.body));
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
                let reply = host.webhook(&event);
                prop_assert_eq!(reply.status, 200, "{}", reply.text);
                let state = model.orders.entry(*order).or_default();
                state.refunded = (state.refunded + amount).min(TOTAL);
                if matches!(step, Step::Cancel { .. }) {
                    state.cancelled = true;
                }
                last_webhook = Some((event, reply.body));
            }
            Step::Redeem => {
                let reply = host.post(
                    "/v1/redemptions",
                    Some(&member),
                    &format!("redeem-{index}"),
                    &json!({ "option": "5-off", "cart": cart(3000) }),
                );
                if model.available() >= 500 {
                    prop_assert_eq!(reply.status, 201, "{}", reply.text);
                    model.redeemed += 500;
                    model.codes.push(reply.body["code"].as_str().unwrap_or_default().to_owned());
                } else {
                    prop_assert_eq!(reply.status, 422, "{}", reply.text);
                    prop_assert_eq!(&reply.body["type"], "urn:treu:problem:insufficient-points");
                }
            }
            Step::ExpireCode => {
                if model.codes.is_empty() {
                    continue;
                }
                let code = model.codes.remove(0);
                sql(&host, &[&format!("UPDATE redemptions SET expires_at = 1 WHERE code = '{code}'")]);
                host.adjust(customer, 1);
                model.returned += 500;
                model.adjusted += 1;
            }
            Step::Duplicate => {
                if let Some((event, first)) = &last_webhook {
                    let reply = host.webhook(event);
                    prop_assert_eq!(reply.status, 200);
                    prop_assert!(reply.replayed);
                    prop_assert_eq!(&reply.body, first);
                }
            }
        }
        check(&host, customer, &model, index)?;
    }
    Ok(())
}

/// The invariants, after every step.
fn check(host: &Host, customer: &str, model: &Model, index: usize) -> Result<(), TestCaseError> {
    let me = host.me(customer);
    let balance = &me["balance"];
    let available = balance["available"].as_i64().unwrap_or(i64::MIN);
    prop_assert_eq!(available, model.available(), "step {}: {:#}\n{:?}", index, balance, model);
    prop_assert_eq!(balance["total"].as_i64(), Some(available), "nothing pending or expiring in this program");
    prop_assert_eq!(balance["negative"].as_bool(), Some(available < 0));
    let page = host.get_as("/v1/me?limit=100", &token(customer)).body;
    let entries = page["history"]["entries"].as_array().cloned().unwrap_or_default();
    let sum: i64 = entries.iter().map(|entry| entry["points"].as_i64().unwrap_or(0)).sum();
    prop_assert_eq!(sum, available, "the balance is the sum of the entries");
    let seqs: Vec<i64> = entries.iter().rev().map(|entry| entry["seq"].as_i64().unwrap_or(0)).collect();
    prop_assert_eq!(seqs, (1..=entries.len() as i64).collect::<Vec<_>>(), "entries are numbered without gaps");
    let mut per_order: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for entry in &entries {
        let change = &entry["change"];
        if let Some(order) = change["order"].as_str() {
            let slot = per_order.entry(order.to_owned()).or_default();
            match change["type"].as_str() {
                Some("earn") => slot.0 += change["points"].as_i64().unwrap_or(0),
                Some("reverse") => slot.1 += change["points"].as_i64().unwrap_or(0),
                _ => {}
            }
        }
    }
    for (order, (earned, reversed)) in per_order {
        prop_assert!(reversed <= earned, "order {} reversed {} of {}", order, reversed, earned);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_matches_the_model_after_every_step(steps in proptest::collection::vec(step(), 1..24)) {
        run(&steps)?;
    }
}
