//! Convergence, as a property: one order's platform events delivered in any
//! order, with duplicates, and with intermediate updates coalesced away end
//! on the same balance as in-order delivery. Every case runs against the
//! real binary; a failing case prints its input (proptest shrinks it).
//!
//! Shopify follows every refund with `orders/updated`, and WooCommerce
//! builds each payload at delivery time, so a story here always ends with an
//! order-state event that includes every refund so far; coalescing may drop
//! any other state event, never the last one, a payment or a refund.

mod common;
mod platform_support;

use platform_support::{balance, fixture, handled, shopify, woocommerce};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

/// One delivery: the topic, its body, and whether coalescing may drop it.
#[derive(Clone, Debug)]
struct Delivery {
    topic: &'static str,
    body: String,
    droppable: bool,
}

fn json_of(platform: &str, name: &str) -> Value {
    serde_json::from_str(&fixture(platform, name)).unwrap()
}

/// Shopify's story of order `order` for `customer`, cut after `steps` order-state events.
fn shopify_story(order: u64, customer: u64, steps: usize) -> Vec<Delivery> {
    let with = |mut value: Value| {
        value["id"] = json!(order);
        value["customer"]["id"] = json!(customer);
        if let Some(refunds) = value["refunds"].as_array_mut() {
            for refund in refunds {
                refund["order_id"] = json!(order);
            }
        }
        value.to_string()
    };
    let refund = |name: &str| {
        let mut value = json_of("shopify", name);
        value["order_id"] = json!(order);
        value.to_string()
    };
    let mut pending = json_of("shopify", "orders-paid-discounts-shipping");
    pending["financial_status"] = json!("pending");
    let paid = json_of("shopify", "orders-paid-discounts-shipping");
    let state = |topic, body, droppable| Delivery { topic, body, droppable };
    let chapters = vec![
        vec![state("orders/updated", with(pending), true)],
        vec![state("orders/paid", with(paid.clone()), false), state("orders/updated", with(paid), true)],
        vec![
            state("refunds/create", refund("refunds-create-partial"), false),
            state("orders/updated", with(json_of("shopify", "orders-updated-partially-refunded")), true),
        ],
        vec![
            state("refunds/create", with_second_refund(order), false),
            state("orders/cancelled", with(json_of("shopify", "orders-cancelled-refunded")), true),
        ],
    ];
    let mut story: Vec<Delivery> = chapters.into_iter().take(steps).flatten().collect();
    if let Some(last) = story.last_mut() {
        last.droppable = false;
    }
    story
}

/// The second refund of the cancelled order, as `refunds/create` delivers it.
fn with_second_refund(order: u64) -> String {
    let cancelled = json_of("shopify", "orders-cancelled-refunded");
    let mut refund = cancelled["refunds"][1].clone();
    refund["order_id"] = json!(order);
    refund.to_string()
}

/// WooCommerce's story of order `order` for `customer`, cut after `steps` states.
fn woocommerce_story(order: u64, customer: u64, steps: usize) -> Vec<Delivery> {
    let names = ["order-pending", "order-processing", "order-completed", "order-partially-refunded", "order-refunded"];
    let mut story: Vec<Delivery> = names
        .iter()
        .take(steps)
        .enumerate()
        .map(|(index, name)| {
            let mut value = json_of("woocommerce", name);
            value["id"] = json!(order);
            value["customer_id"] = json!(customer);
            let topic = if index == 0 { "order.created" } else { "order.updated" };
            Delivery { topic, body: value.to_string(), droppable: true }
        })
        .collect();
    if let Some(last) = story.last_mut() {
        last.droppable = false;
    }
    story
}

/// A delivery plan: which deliveries, in which order, some twice.
#[derive(Clone, Debug)]
struct Plan {
    steps: usize,
    keys: Vec<u32>,
    dropped: Vec<bool>,
    repeats: Vec<(usize, usize, bool)>,
}

fn plans(max_steps: usize) -> impl Strategy<Value = Plan> {
    (
        1..=max_steps,
        prop::collection::vec(any::<u32>(), 10),
        prop::collection::vec(any::<bool>(), 10),
        prop::collection::vec((0..10usize, 0..20usize, any::<bool>()), 0..4),
    )
        .prop_map(|(steps, keys, dropped, repeats)| Plan { steps, keys, dropped, repeats })
}

/// The deliveries as (delivery id, delivery): shuffled by `keys`, droppable
/// ones dropped where `dropped` says, some repeated (with the same delivery
/// id, a retry, or a new one) at a random place.
fn arrange(story: &[Delivery], plan: &Plan) -> Vec<(usize, Delivery)> {
    let mut kept: Vec<(usize, Delivery)> = story
        .iter()
        .cloned()
        .enumerate()
        .filter(|(index, delivery)| !(delivery.droppable && plan.dropped[*index]))
        .collect();
    kept.sort_by_key(|(index, _)| plan.keys[*index]);
    for (which, position, same_id) in &plan.repeats {
        let (index, delivery) = kept[which % kept.len()].clone();
        let id = if *same_id { index } else { 100 + index };
        kept.insert(position % (kept.len() + 1), (id, delivery));
    }
    kept
}

/// Runs `check` on 24 generated plans against one host, owned here so it
/// stops when the test ends.
fn for_plans(max_steps: usize, check: impl Fn(&common::Host, u64, &Plan) -> Result<(), TestCaseError>) {
    let host = platform_support::host(&[]);
    let case = std::cell::Cell::new(0);
    let mut runner = TestRunner::new(Config { cases: 24, failure_persistence: None, ..Config::default() });
    let result = runner.run(&plans(max_steps), |plan| {
        case.set(case.get() + 2);
        check(&host, case.get(), &plan)
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

#[test]
fn shopify_events_in_any_order_converge() {
    for_plans(4, |host, case, plan| {
        let (in_order, shuffled) = (80_000_000 + case, 80_000_001 + case);
        for (index, delivery) in shopify_story(in_order, in_order, plan.steps).iter().enumerate() {
            handled(&shopify(host, delivery.topic, &format!("{in_order}-{index}"), &delivery.body));
        }
        let story = shopify_story(shuffled, shuffled, plan.steps);
        for (id, delivery) in arrange(&story, plan) {
            handled(&shopify(host, delivery.topic, &format!("{shuffled}-{id}"), &delivery.body));
        }
        let expected = balance(host, &in_order.to_string());
        prop_assert_eq!(balance(host, &shuffled.to_string()), expected);
        prop_assert_eq!(expected, [0, 0, 76, 38, 0][plan.steps]);
        Ok(())
    });
}

#[test]
fn woocommerce_states_in_any_order_converge() {
    for_plans(5, |host, case, plan| {
        let (in_order, shuffled) = (90_000_000 + case, 90_000_001 + case);
        for (index, delivery) in woocommerce_story(in_order, in_order, plan.steps).iter().enumerate() {
            handled(&woocommerce(host, delivery.topic, &format!("{in_order}-{index}"), &delivery.body));
        }
        let story = woocommerce_story(shuffled, shuffled, plan.steps);
        for (id, delivery) in arrange(&story, plan) {
            handled(&woocommerce(host, delivery.topic, &format!("{shuffled}-{id}"), &delivery.body));
        }
        let expected = balance(host, &in_order.to_string());
        prop_assert_eq!(balance(host, &shuffled.to_string()), expected);
        prop_assert_eq!(expected, [0, 0, 49, 49, 37, 0][plan.steps]);
        Ok(())
    });
}
