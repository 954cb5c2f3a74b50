//! `./x bench`: the speed of `quote`, the function the widget calls on every
//! cart change and the host on every order.
//!
//! The program is the documented example plus a few rules (about 30 in all:
//! rates, multipliers, actions, campaigns, redemption options, tiers,
//! free-shipping thresholds, referral and win-back); the member is Gold with 20
//! past orders; carts have 1, 10, 100 and 250 lines. Target: a 100-line quote
//! well under 50 µs natively.
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use treu::engine::cart::Cart;
use treu::engine::customer::Customer;
use treu::engine::program::Program;
use treu::engine::quote::quote;
use treu::engine::time::Timestamp;

fn program() -> Program {
    let mut program: Program = serde_json::from_str(include_str!("../docs/examples/program.json")).unwrap();
    let extra: Program = serde_json::from_str(
        r#"{"version":1,"currency":"EUR",
            "earning":{"multipliers":[
                {"id":"tea","name":"Tea x3","percent":300,"collections":["tea"]},
                {"id":"new","name":"New in x2","percent":200,"collections":["new"]},
                {"id":"p7","name":"Product 7 x4","percent":400,"products":["p7","p17","p27"]}]},
            "campaigns":[
                {"id":"june","name":"June bonus","startsAt":"2025-06-01T00:00:00Z","endsAt":"2025-07-01T00:00:00Z","bonusPoints":50,"minimumSpend":10000},
                {"id":"tea-week","name":"Tea week","startsAt":"2025-06-10T00:00:00Z","endsAt":"2025-06-20T00:00:00Z","percent":150,"collections":["tea"]}]}"#,
    )
    .unwrap();
    program.earning.multipliers.extend(extra.earning.multipliers);
    program.campaigns.extend(extra.campaigns);
    program.validated().unwrap()
}

fn cart(lines: usize) -> Cart {
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
    serde_json::from_str(&format!(r#"{{"currency":"EUR","shipping":490,"lines":[{}]}}"#, lines.join(","))).unwrap()
}

fn customer() -> Customer {
    let orders: Vec<String> = (0..20)
        .map(|i| {
            format!(
                r#"{{"id":"o{i}","placedAt":"2025-0{}-1{}T10:00:00Z","spend":3000,"points":30}}"#,
                1 + i % 5,
                i % 10
            )
        })
        .collect();
    serde_json::from_str(&format!(r#"{{"id":"c-1","balance":1250,"orders":[{}]}}"#, orders.join(","))).unwrap()
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

criterion_group!(benches, quotes);
criterion_main!(benches);
