use super::*;

fn at(day: i64) -> Timestamp {
    Timestamp::parse("2025-01-01T00:00:00Z").unwrap().plus_days(day)
}

fn policy() -> Policy {
    Policy { return_window_days: 30, expires_after_days: Some(365) }
}

fn earn(order: &str, rule: &str, points: i64) -> Request {
    Request::Earn { order: Some(order.into()), rule: rule.into(), points }
}

fn redeem(points: i64) -> Request {
    Request::Redeem { option: "5-off".into(), points }
}

#[test]
fn earned_points_are_pending_through_the_return_window() {
    let mut ledger = Ledger::new();
    ledger.apply(&policy(), "o1-spend", at(0), earn("o1", "spend", 100)).unwrap();
    assert_eq!(ledger.balance(at(29)), Balance { total: 100, available: 0, pending: 100, awaiting_expiry: 0 });
    assert_eq!(ledger.balance(at(30)).available, 100);
    assert_eq!(
        ledger.apply(&policy(), "r1", at(29), redeem(50)),
        Err(LedgerError::InsufficientPoints { available: 0, requested: 50 })
    );
}

#[test]
fn replays_change_nothing_and_reused_keys_are_refused() {
    let mut ledger = Ledger::new();
    let first = ledger.apply(&policy(), "k", at(0), earn("o1", "spend", 100)).unwrap();
    let again = ledger.apply(&policy(), "k", at(1), earn("o1", "spend", 100)).unwrap();
    assert_eq!((again.outcome, again.entries), (Outcome::Replayed, first.entries));
    assert_eq!(ledger.entries().len(), 1);
    assert_eq!(
        ledger.apply(&policy(), "k", at(1), earn("o1", "spend", 90)),
        Err(LedgerError::KeyReused { key: "k".into() })
    );
    let duplicate = ledger.apply(&policy(), "other-key", at(1), earn("o1", "spend", 100)).unwrap();
    assert_eq!((duplicate.outcome, ledger.entries().len()), (Outcome::AlreadyEarned, 1));
    assert_eq!(ledger.apply(&policy(), " ", at(1), redeem(1)), Err(LedgerError::EmptyKey));
}

#[test]
fn spends_soonest_expiry_first_and_expires_the_rest() {
    let mut ledger = Ledger::new();
    ledger.apply(&policy(), "a", at(0), earn("o1", "spend", 100)).unwrap();
    ledger.apply(&policy(), "b", at(100), earn("o2", "spend", 100)).unwrap();
    ledger.apply(&policy(), "r", at(200), redeem(150)).unwrap();
    let remaining: Vec<i64> = ledger.lots().iter().map(|lot| lot.remaining).collect();
    assert_eq!(remaining, [0, 50]);
    assert_eq!(ledger.balance(at(465)).awaiting_expiry, 50);
    let expired = ledger.apply(&policy(), "expire", at(465), Request::ExpireDue).unwrap();
    assert_eq!(expired.entries[0].change, Change::Expire { lot: 2, points: 50 });
    assert_eq!(expired.balance, Balance::default());
}

#[test]
fn refunds_reverse_pro_rata_and_in_full_exactly() {
    let mut ledger = Ledger::new();
    ledger.apply(&policy(), "a", at(0), earn("o1", "spend", 45)).unwrap();
    ledger.apply(&policy(), "b", at(0), earn("o1", "campaign:bf", 90)).unwrap();
    let refund = |refunded| Request::Refund { order: "o1".into(), refunded, order_total: 4599 };
    let part = ledger.apply(&policy(), "refund-1", at(5), refund(1000)).unwrap();
    // 135 × 1000 / 4599 = 29.35 → 29
    assert!(matches!(part.entries[0].change, Change::Reverse { points: 29, .. }));
    ledger.apply(&policy(), "refund-2", at(6), refund(3599)).unwrap();
    assert_eq!(ledger.reversed("o1"), 135);
    let beyond = ledger.apply(&policy(), "refund-3", at(7), refund(1)).unwrap();
    assert!(matches!(beyond.entries[0].change, Change::Reverse { points: 0, .. }));
    assert_eq!(ledger.balance(at(7)).total, 0);
}

#[test]
fn clawbacks_may_go_negative_and_later_earns_pay_the_debt() {
    let mut ledger = Ledger::new();
    ledger.apply(&policy(), "a", at(0), earn("o1", "spend", 100)).unwrap();
    ledger.apply(&policy(), "r", at(40), redeem(80)).unwrap();
    let refund = ledger
        .apply(&policy(), "x", at(41), Request::Refund { order: "o1".into(), refunded: 10, order_total: 10 })
        .unwrap();
    assert_eq!(refund.balance.available, -80);
    assert!(refund.balance.is_negative());
    let after = ledger.apply(&policy(), "b", at(42), earn("o2", "spend", 100)).unwrap();
    assert_eq!(after.balance, Balance { total: 20, available: 0, pending: 20, awaiting_expiry: 0 });
}

#[test]
fn stored_entries_replay_to_the_same_ledger() {
    let mut ledger = Ledger::new();
    ledger.apply(&policy(), "a", at(0), earn("o1", "spend", 100)).unwrap();
    ledger.apply(&policy(), "adj", at(1), Request::Adjust { reason: "goodwill".into(), points: 25 }).unwrap();
    ledger.apply(&policy(), "r", at(40), redeem(110)).unwrap();
    let json = serde_json::to_string(ledger.entries()).unwrap();
    let entries: Vec<Entry> = serde_json::from_str(&json).unwrap();
    assert_eq!(Ledger::from_entries(entries.clone()).unwrap(), ledger);
    let mut tampered = entries;
    tampered[2].change = Change::Redeem { option: "5-off".into(), points: 500 };
    assert_eq!(Ledger::from_entries(tampered), Err(LedgerError::Corrupt { seq: 3 }));
    assert_eq!(ledger.apply(&policy(), "late", at(0), redeem(1)), Err(LedgerError::OutOfOrder { last: at(40) }));
}
