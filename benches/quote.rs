//! `./x bench`: the speed of `quote`, the function the widget calls on every
//! cart change and the host on every order.
//!
//! The program (`benches/program.json`) is the documented example plus a few
//! rules (about 30 in all: rates, multipliers, actions, campaigns, redemption
//! options, tiers, free-shipping thresholds, referral and win-back); the member
//! is Gold with 20 past orders; carts have 1, 10, 100 and 250 lines. Target: a
//! 100-line quote ≤ 20 µs natively (DESIGN.md, "Targets").
//!
//! `quote_json` times what the npm package's `quote()` does per call, natively:
//! read and validate program, cart and member from JSON, quote, write the quote
//! as JSON. `www/bench/quote.mjs` times the same fixture in Chromium and
//! compares. The carts and the member here and there must stay the same.
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use treu::engine::cart::Cart;
use treu::engine::customer::Customer;
use treu::engine::program::Program;
use treu::engine::quote::quote;
use treu::engine::time::Timestamp;

/// The ~30-rule program, shared with `www/bench/quote.mjs`.
const PROGRAM: &str = include_str!("program.json");

fn program() -> Program {
    serde_json::from_str::<Program>(PROGRAM).unwrap().validated().unwrap()
}

fn cart(lines: usize) -> Cart {
    serde_json::from_str(&cart_json(lines)).unwrap()
}

/// A cart of `lines` lines in five collections, one in 41 a gift card.
fn cart_json(lines: usize) -> String {
    let collections = ["coffee", "tea", "new", "sale", "tools"];
    let lines: Vec<String> = (0..lines)
        .map(|i| {
            format!(
                r#"{{"productId":"p{i}","quantity":{},"unitPrice":{},"collections":["{}"],"giftCard":{}}}"#,
                1 + i % 3,
                499 + (i as i64 * 137) % 5000,
                collections[i % collections.len()],
                i % 41 == 40
            )
        })
        .collect();
    format!(r#"{{"currency":"EUR","shipping":490,"lines":[{}]}}"#, lines.join(","))
}

fn customer() -> Customer {
    serde_json::from_str(&customer_json()).unwrap()
}

/// A Gold member: 20 orders of 30 EUR this year.
fn customer_json() -> String {
    let orders: Vec<String> = (0..20)
        .map(|i| {
            format!(
                r#"{{"id":"o{i}","placedAt":"2025-0{}-1{}T10:00:00Z","spend":3000,"points":30}}"#,
                1 + i % 5,
                i % 10
            )
        })
        .collect();
    format!(r#"{{"id":"c-1","balance":1250,"orders":[{}]}}"#, orders.join(","))
}

fn quotes(c: &mut Criterion) {
    let program = program();
    let customer = customer();
    let now = Timestamp::parse("2025-06-15T12:00:00Z").unwrap();
    let mut group = c.benchmark_group("quote");
    for lines in [1, 10, 100, 250] {
        let cart = cart(lines);
        assert!(quote(&program, &cart, Some(&customer), now).is_ok());
        group.bench_with_input(BenchmarkId::new("lines", lines), &cart, |b, cart| {
            b.iter(|| quote(black_box(&program), black_box(cart), Some(black_box(&customer)), now))
        });
    }
    group.finish();
}

fn quotes_from_json(c: &mut Criterion) {
    let now = Timestamp::parse("2025-06-15T12:00:00Z").unwrap();
    let (cart, customer) = (cart_json(100), customer_json());
    let mut group = c.benchmark_group("quote_json");
    group.bench_function(BenchmarkId::new("lines", 100), |b| {
        b.iter(|| {
            let program = serde_json::from_str::<Program>(black_box(PROGRAM)).unwrap().validated().unwrap();
            let cart: Cart = serde_json::from_str(black_box(&cart)).unwrap();
            let customer: Customer = serde_json::from_str(black_box(&customer)).unwrap();
            serde_json::to_string(&quote(&program, &cart, Some(&customer), now).unwrap()).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, quotes, quotes_from_json);
criterion_main!(benches);
