//! Property tests of the engine's invariants (native only: proptest).
//!
//! proptest prints the minimal failing input and records the seed of every
//! failure in `tests/engine_properties.proptest-regressions`; commit that file
//! and the failing case is replayed first on every later run.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use treu::engine::cart::{Cart, CartLine};
use treu::engine::customer::Customer;
use treu::engine::ledger::{Change, Ledger, LedgerError, Outcome, Policy, Request};
use treu::engine::money::Currency;
use treu::engine::program::Program;
use treu::engine::quote::quote;
use treu::engine::redemption::{redeemable_goods, RewardKind};
use treu::engine::shipping::free_shipping_progress;
use treu::engine::time::Timestamp;

fn program() -> Program {
    serde_json::from_str::<Program>(include_str!("../docs/examples/program.json")).unwrap().validated().unwrap()
}

fn line() -> impl Strategy<Value = CartLine> {
    let products = prop::sample::select(vec!["mug", "beans", "gift-wrap", "lamp", "card"]);
    let collections = prop::sample::subsequence(vec!["coffee".to_owned(), "sale".to_owned()], 0..=2);
    (products, 1..5_i64, 0..20_000_i64, any::<bool>(), collections).prop_map(
        |(product, quantity, unit_price, gift_card, collections)| CartLine {
            product_id: product.to_owned(),
            quantity,
            unit_price,
            gift_card: gift_card && product == "card",
            collections,
        },
    )
}

fn cart() -> impl Strategy<Value = Cart> {
    (prop::collection::vec(line(), 0..12), 0..1000_i64).prop_map(|(lines, shipping)| Cart {
        currency: Currency::parse("EUR").unwrap(),
        lines,
        market: None,
        shipping,
        tax: 0,
    })
}

fn instant() -> impl Strategy<Value = Timestamp> {
    // Across 2025, so campaigns are sometimes on and sometimes off.
    (0..365 * 86_400_i64).prop_map(|second| Timestamp::from_unix(1_735_689_600 + second).unwrap())
}

fn member(balance: i64) -> Customer {
    serde_json::from_str(&format!(
        r#"{{"id":"c","balance":{balance},"orders":[{{"id":"1","placedAt":"2025-01-02T00:00:00Z","spend":30000,"points":300}}]}}"#
    ))
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn earning_is_monotonic_in_spend(basket in cart(), extra in line(), more in 1..4_i64, now in instant(), balance in 0..5000_i64) {
        let program = program();
        let customer = member(balance);
        let before = quote(&program, &basket, Some(&customer), now).unwrap().earn;
        let mut bigger = basket.clone();
        bigger.lines.push(extra);
        let after = quote(&program, &bigger, Some(&customer), now).unwrap().earn;
        prop_assert!(after.total >= before.total, "{} then {}", before.total, after.total);
        if let Some(first) = bigger.lines.first_mut() {
            first.quantity += more;
            let raised = quote(&program, &bigger, Some(&customer), now).unwrap().earn;
            prop_assert!(raised.total >= after.total);
        }
        prop_assert_eq!(after.total, after.lines.iter().map(|line| line.points).sum::<i64>());
    }

    #[test]
    fn a_redemption_never_exceeds_balance_or_cart(basket in cart(), balance in -1000..20_000_i64, now in instant()) {
        let program = program();
        let quote = quote(&program, &basket, Some(&member(balance)), now).unwrap();
        let goods = redeemable_goods(&basket);
        for reward in &quote.redemptions.affordable {
            prop_assert!(reward.points <= balance, "{} takes {} of {}", reward.id, reward.points, balance);
            match reward.kind {
                RewardKind::AmountOff | RewardKind::PercentOff | RewardKind::FreeProduct => prop_assert!(reward.value <= goods),
                RewardKind::FreeShipping => prop_assert!(reward.value <= basket.shipping),
            }
        }
        if let Some(next) = &quote.redemptions.next {
            prop_assert!(next.points_short > 0);
        }
    }

    #[test]
    fn free_shipping_remaining_plus_subtotal_is_the_threshold(basket in cart(), minimum in 1..100_000_i64) {
        let mut program = program();
        program.free_shipping.thresholds.retain(|threshold| threshold.tier.is_none() && threshold.market.is_none());
        program.free_shipping.thresholds[0].minimum = minimum;
        let progress = free_shipping_progress(&program.free_shipping, &basket).unwrap().unwrap();
        if progress.qualified {
            prop_assert_eq!((progress.remaining, progress.progress_permille), (0, 1000));
            prop_assert!(progress.eligible_subtotal >= minimum);
        } else {
            prop_assert_eq!(progress.remaining + progress.eligible_subtotal, progress.threshold);
            prop_assert!(progress.progress_permille < 1000);
        }
    }

    #[test]
    fn ledger_invariants_hold_for_any_history(steps in prop::collection::vec(step(), 1..60)) {
        let policy = Policy { return_window_days: 14, expires_after_days: Some(120) };
        let mut ledger = Ledger::new();
        let mut now = Timestamp::from_unix(1_735_689_600).unwrap();
        for (days, key, request) in steps {
            now = now.plus_days(days);
            let before = ledger.clone();
            let result = ledger.apply(&policy, &key, now, request.clone());
            match &result {
                Ok(applied) if applied.outcome != Outcome::Recorded => prop_assert_eq!(&ledger, &before),
                Ok(_) => {}
                Err(_) => prop_assert_eq!(&ledger, &before, "a refused write changes nothing"),
            }
            // Replaying the same write changes nothing.
            if result.is_ok() {
                let settled = ledger.clone();
                let again = ledger.apply(&policy, &key, now, request.clone());
                if let (Ok(again), Request::Earn { .. } | Request::Redeem { .. } | Request::Refund { .. } | Request::Adjust { .. }) = (&again, &request) {
                    prop_assert_ne!(again.outcome, Outcome::Recorded);
                }
                prop_assert_eq!(&ledger, &settled);
            }
            let recorded = result.as_ref().is_ok_and(|applied| applied.outcome == Outcome::Recorded);
            if let (true, Request::Redeem { .. }) = (recorded, &request) {
                prop_assert!(ledger.balance(now).available >= 0, "a redemption made the balance negative");
            }
            if let Err(LedgerError::InsufficientPoints { available, requested }) = result {
                prop_assert!(requested > available);
            }
            let sum: i64 = ledger.entries().iter().map(|entry| entry.change.delta()).sum();
            let balance = ledger.balance(now);
            prop_assert_eq!(balance.total, sum);
            prop_assert_eq!(balance.total, balance.available + balance.pending + balance.awaiting_expiry);
            for order in ["o0", "o1", "o2", "o3"] {
                prop_assert!(ledger.reversed(order) <= ledger.awarded(order));
            }
            prop_assert_eq!(&Ledger::from_entries(ledger.entries().to_vec()).unwrap(), &ledger);
        }
        for entry in ledger.entries() {
            if let Change::Redeem { points, .. } | Change::Expire { points, .. } = entry.change {
                prop_assert!(points > 0);
            }
        }
    }
}

fn step() -> impl Strategy<Value = (i64, String, Request)> {
    let order = prop::sample::select(vec!["o0", "o1", "o2", "o3"]).prop_map(str::to_owned);
    let request = prop_oneof![
        4 => (order.clone(), prop::sample::select(vec!["spend", "campaign:bf"]), 1..500_i64)
            .prop_map(|(order, rule, points)| Request::Earn { order: Some(order), rule: rule.to_owned(), points }),
        1 => (1..300_i64).prop_map(|points| Request::Earn { order: None, rule: "action:review".into(), points }),
        3 => (1..400_i64).prop_map(|points| Request::Redeem { option: "cash".into(), points }),
        2 => (order, 1..=1000_i64).prop_map(|(order, refunded)| Request::Refund { order, refunded, order_total: 1000 }),
        1 => (-300..300_i64).prop_filter("not zero", |p| *p != 0).prop_map(|points| Request::Adjust { reason: "support".into(), points }),
        1 => Just(Request::ExpireDue),
    ];
    // A small pool of keys, so some writes repeat a key (replay or conflict).
    (0..40_i64, (0..60_u8).prop_map(|k| format!("key-{k}")), request)
}
