//! `./x bench`: the engine's speed. Filled in with the quote benchmark.
use criterion::{criterion_group, criterion_main, Criterion};

fn free_shipping(c: &mut Criterion) {
    let program: treu::engine::program::Program = serde_json::from_str(
        r#"{"version":1,"currency":"EUR","freeShipping":{"thresholds":[{"currency":"EUR","minimum":5000}]}}"#,
    )
    .unwrap();
    let lines: Vec<String> = (0..100)
        .map(|i| format!(r#"{{"productId":"p{i}","quantity":1,"unitPrice":{}}}"#, 100 + i))
        .collect();
    let cart: treu::engine::cart::Cart =
        serde_json::from_str(&format!(r#"{{"currency":"EUR","lines":[{}]}}"#, lines.join(","))).unwrap();
    c.bench_function("free_shipping_progress/100 lines", |b| {
        b.iter(|| treu::engine::shipping::free_shipping_progress(&program.free_shipping, &cart))
    });
}

criterion_group!(benches, free_shipping);
criterion_main!(benches);
