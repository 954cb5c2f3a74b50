//! What the targets share: a program using every section, a cart, a member,
//! and one quote through all of the engine's entry points.
#![allow(dead_code)]

use treu::engine::cart::Cart;
use treu::engine::customer::Customer;
use treu::engine::program::Program;
use treu::engine::redemption::{redeem, redemptions_for};
use treu::engine::time::Timestamp;

pub const NOW: i64 = 1_780_000_000;

pub fn now() -> Timestamp {
    Timestamp::from_unix(NOW).expect("a valid instant")
}

pub fn program() -> Program {
    let text = include_str!("../../docs/examples/program.json");
    serde_json::from_str::<Program>(text).expect("the example program").validated().expect("a valid program")
}

pub fn cart() -> Cart {
    serde_json::from_str::<Cart>(
        r#"{"currency":"EUR","shipping":490,"lines":[{"productId":"mug","quantity":2,"unitPrice":1999},
            {"productId":"tea","quantity":1,"unitPrice":850,"collections":["tea"]}]}"#,
    )
    .expect("a cart")
}

pub fn customer() -> Customer {
    serde_json::from_str::<Customer>(
        r#"{"id":"c-1","email":"ann@example.com","balance":1200,
            "orders":[{"id":"o-1","placedAt":"2026-01-02T10:00:00Z","spend":12000,"points":120}]}"#,
    )
    .expect("a customer")
}

/// Everything the storefront and the host ask of the engine for one cart; none may panic.
pub fn exercise(program: &Program, cart: &Cart, customer: Option<&Customer>) {
    let _ = treu::engine::quote::quote(program, cart, customer, now());
    let balance = customer.map_or(0, |customer| customer.balance);
    let offers = redemptions_for(program, cart, balance);
    for offer in &offers.affordable {
        assert!(offer.points <= balance.max(0), "an offer above the balance: {offer:?}");
        let _ = redeem(program, &offer.id, Some(offer.points), balance, cart, now());
    }
    for option in &program.redemptions {
        let _ = redeem(program, &option.id, None, balance, cart, now());
        let _ = redeem(program, &option.id, Some(i64::MAX), i64::MAX, cart, now());
    }
}
