//! The points ledger of one member: the host's record of every change.
//!
//! Invariants (checked by the property tests in `tests/engine_ledger.rs`):
//! 1. Entries are only appended; a correction is a new entry.
//! 2. The balance is derived from the entries alone: `total` is the sum of the
//!    entries' signed points, at any time, and replaying the entries with
//!    [`Ledger::from_entries`] gives the same balance.
//! 3. Every write carries an idempotency key; repeating a write with the same
//!    key and request changes nothing, the same key with another request is refused.
//! 4. One earn per (order, rule): a second earn for the pair changes nothing.
//! 5. A redemption never takes more than the available points (pending and
//!    expired points excluded), so it never makes the balance negative.
//! 6. A refund reverses what the order earned in proportion to the refunded
//!    share of the order, rounded down, and a full refund exactly all of it:
//!    never more than was awarded. A clawback may take the balance below zero,
//!    and the balance says so.
//! 7. Points are spent soonest-expiry-first; earned points stay pending through
//!    the return window.

mod lots;

pub use lots::{Lot, Lots};

use super::earning::EarningRules;
use super::money::{scale, Rounding};
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One recorded change. `seq` numbers entries from 1 without gaps.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entry {
    pub seq: u64,
    /// The idempotency key of the write that made the entry (one write may make several).
    pub key: String,
    pub at: Timestamp,
    pub change: Change,
}

/// What an entry changed.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Change {
    /// Points earned by `rule` (for `order`, if any), pending until `availableAt`.
    Earn { order: Option<String>, rule: String, points: i64, available_at: Timestamp, expires_at: Option<Timestamp> },
    /// Points spent on the redemption option `option`.
    Redeem { option: String, points: i64 },
    /// Points taken back for a refund of `refunded` out of `orderTotal` (minor units).
    Reverse { order: String, refunded: i64, order_total: i64, points: i64 },
    /// Points of lot `lot` (the seq of its earn) that expired unspent.
    Expire { lot: u64, points: i64 },
    /// A manual correction, positive or negative.
    Adjust { reason: String, points: i64, expires_at: Option<Timestamp> },
}

impl Change {
    /// The signed change to the balance.
    pub fn delta(&self) -> i64 {
        match self {
            Change::Earn { points, .. } | Change::Adjust { points, .. } => *points,
            Change::Redeem { points, .. } | Change::Reverse { points, .. } | Change::Expire { points, .. } => -points,
        }
    }
}

/// A write to the ledger.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Request {
    /// Award `points` for `rule` (an earn line's rule or an action's), for `order` if any.
    Earn { order: Option<String>, rule: String, points: i64 },
    /// Spend `points` on `option`.
    Redeem { option: String, points: i64 },
    /// `order` was refunded by `refunded` out of `orderTotal`; a cancellation
    /// is a refund of the whole total.
    Refund { order: String, refunded: i64, order_total: i64 },
    /// Add (or with negative points, remove) points by hand.
    Adjust { reason: String, points: i64 },
    /// Expire every lot whose expiry has come.
    ExpireDue,
}

/// Points in the ledger at one instant. `total = available + pending + awaitingExpiry`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Balance {
    /// The sum of all entries.
    pub total: i64,
    /// Spendable now; negative after a clawback larger than the balance.
    pub available: i64,
    /// Earned but still inside the return window.
    pub pending: i64,
    /// Past their expiry, until an expire entry records it.
    pub awaiting_expiry: i64,
}

impl Balance {
    /// Whether a clawback took the member below zero.
    pub fn is_negative(&self) -> bool {
        self.available < 0
    }
}

/// The ledger's timing rules, from the program's earning section.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Policy {
    pub return_window_days: i64,
    pub expires_after_days: Option<i64>,
}

impl From<&EarningRules> for Policy {
    fn from(rules: &EarningRules) -> Policy {
        Policy { return_window_days: rules.return_window_days, expires_after_days: rules.expires_after_days }
    }
}

/// What a write did.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Applied {
    pub outcome: Outcome,
    /// The entries the write made (for a replay: the ones it made the first time).
    pub entries: Vec<Entry>,
    /// The balance right after, at the write's instant.
    pub balance: Balance,
}

/// Whether a write changed the ledger.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Recorded,
    /// The key was seen before with the same request: nothing changed.
    Replayed,
    /// The order already earned for this rule: nothing changed.
    AlreadyEarned,
}

/// Why a write was refused.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "reason", rename_all_fields = "camelCase")]
pub enum LedgerError {
    EmptyKey,
    /// The key was used before for a different request.
    KeyReused {
        key: String,
    },
    /// Points or amounts out of range (`field` says which).
    Invalid {
        field: &'static str,
    },
    InsufficientPoints {
        available: i64,
        requested: i64,
    },
    /// Writes must not go back in time: the last entry is at `last`.
    OutOfOrder {
        last: Timestamp,
    },
    /// Stored entries that cannot have been written by this ledger.
    Corrupt {
        seq: u64,
    },
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerError::EmptyKey => f.write_str("the idempotency key must not be empty"),
            LedgerError::KeyReused { key } => write!(f, "idempotency key \"{key}\" was used for a different request"),
            LedgerError::Invalid { field } => write!(f, "{field} is out of range"),
            LedgerError::InsufficientPoints { available, requested } => {
                write!(f, "{requested} points requested, {available} available")
            }
            LedgerError::OutOfOrder { last } => write!(f, "the ledger already has an entry at {last}"),
            LedgerError::Corrupt { seq } => write!(f, "entry {seq} does not follow from the entries before it"),
        }
    }
}

impl std::error::Error for LedgerError {}

/// Largest number of points one write may move.
pub const MAX_POINTS: i64 = 1_000_000_000_000;

/// One member's ledger: the entries and the lots they make.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Ledger {
    entries: Vec<Entry>,
    lots: Lots,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Rebuilds a ledger from stored entries, checking that each follows from
    /// the ones before it.
    pub fn from_entries(entries: Vec<Entry>) -> Result<Ledger, LedgerError> {
        let mut ledger = Ledger::new();
        for entry in entries {
            let last = ledger.entries.last();
            let in_order = entry.seq == ledger.entries.len() as u64 + 1 && last.is_none_or(|last| last.at <= entry.at);
            if !in_order || !ledger.lots_apply(&entry) {
                return Err(LedgerError::Corrupt { seq: entry.seq });
            }
            ledger.entries.push(entry);
        }
        Ok(ledger)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn lots(&self) -> &[Lot] {
        self.lots.lots()
    }

    /// The balance at `now`.
    pub fn balance(&self, now: Timestamp) -> Balance {
        self.lots.balance(now)
    }

    /// Points `order` earned, over all rules.
    pub fn awarded(&self, order: &str) -> i64 {
        self.sum(|change| match change {
            Change::Earn { order: Some(earned), points, .. } if earned == order => *points,
            _ => 0,
        })
    }

    /// Points reversed for `order` so far.
    pub fn reversed(&self, order: &str) -> i64 {
        self.sum(|change| match change {
            Change::Reverse { order: reversed, points, .. } if reversed == order => *points,
            _ => 0,
        })
    }

    fn sum(&self, points: impl Fn(&Change) -> i64) -> i64 {
        self.entries.iter().map(|entry| points(&entry.change)).fold(0, i64::saturating_add)
    }

    /// Applies `request` under idempotency `key` at `at`.
    pub fn apply(
        &mut self,
        policy: &Policy,
        key: &str,
        at: Timestamp,
        request: Request,
    ) -> Result<Applied, LedgerError> {
        if key.trim().is_empty() {
            return Err(LedgerError::EmptyKey);
        }
        let earlier: Vec<Entry> = self.entries.iter().filter(|entry| entry.key == key).cloned().collect();
        if let Some(first) = earlier.first() {
            if !same_request(&request, &first.change) {
                return Err(LedgerError::KeyReused { key: key.to_owned() });
            }
            return Ok(Applied { outcome: Outcome::Replayed, entries: earlier, balance: self.balance(at) });
        }
        if let Some(last) = self.entries.last().filter(|last| last.at > at) {
            return Err(LedgerError::OutOfOrder { last: last.at });
        }
        let changes = self.changes_for(policy, at, request)?;
        let Some(changes) = changes else {
            return Ok(Applied { outcome: Outcome::AlreadyEarned, entries: Vec::new(), balance: self.balance(at) });
        };
        let mut made = Vec::with_capacity(changes.len());
        for change in changes {
            let entry = Entry { seq: self.entries.len() as u64 + 1, key: key.to_owned(), at, change };
            let applied = self.lots_apply(&entry);
            debug_assert!(applied, "a checked change always applies");
            self.entries.push(entry.clone());
            made.push(entry);
        }
        Ok(Applied { outcome: Outcome::Recorded, entries: made, balance: self.balance(at) })
    }

    /// The entries `request` makes, `None` for an order that already earned for the rule.
    fn changes_for(
        &self,
        policy: &Policy,
        at: Timestamp,
        request: Request,
    ) -> Result<Option<Vec<Change>>, LedgerError> {
        let in_range = |points: i64| (1..=MAX_POINTS).contains(&points);
        let change = match request {
            Request::Earn { order, rule, points } => {
                if !in_range(points) {
                    return Err(LedgerError::Invalid { field: "points" });
                }
                let earned_before = order.is_some()
                    && self.entries.iter().any(|entry| {
                        matches!(&entry.change, Change::Earn { order: o, rule: r, .. } if *o == order && *r == rule)
                    });
                if earned_before {
                    return Ok(None);
                }
                let available_at = at.plus_days(policy.return_window_days);
                let expires_at = policy.expires_after_days.map(|days| at.plus_days(days));
                Change::Earn { order, rule, points, available_at, expires_at }
            }
            Request::Redeem { option, points } => {
                if !in_range(points) {
                    return Err(LedgerError::Invalid { field: "points" });
                }
                let available = self.balance(at).available;
                if points > available {
                    return Err(LedgerError::InsufficientPoints { available, requested: points });
                }
                Change::Redeem { option, points }
            }
            Request::Refund { order, refunded, order_total } => {
                if !in_range(order_total) {
                    return Err(LedgerError::Invalid { field: "orderTotal" });
                }
                if !(1..=order_total).contains(&refunded) {
                    return Err(LedgerError::Invalid { field: "refunded" });
                }
                let refunded_before = self.sum(|change| match change {
                    Change::Reverse { order: o, refunded, .. } if *o == order => *refunded,
                    _ => 0,
                });
                let share = refunded_before.saturating_add(refunded).min(order_total);
                let target = scale(self.awarded(&order), share, order_total, Rounding::Down);
                let points = (target - self.reversed(&order)).max(0);
                Change::Reverse { order, refunded, order_total, points }
            }
            Request::Adjust { reason, points } => {
                if points == 0 || points.abs() > MAX_POINTS {
                    return Err(LedgerError::Invalid { field: "points" });
                }
                let expires_at =
                    (points > 0).then(|| policy.expires_after_days.map(|days| at.plus_days(days))).flatten();
                Change::Adjust { reason, points, expires_at }
            }
            Request::ExpireDue => {
                let due = self.lots.due(at).into_iter().map(|(lot, points)| Change::Expire { lot, points });
                return Ok(Some(due.collect()));
            }
        };
        Ok(Some(vec![change]))
    }

    /// Applies an entry to the lots; false if it cannot follow from them.
    fn lots_apply(&mut self, entry: &Entry) -> bool {
        match &entry.change {
            Change::Earn { order, points, available_at, expires_at, .. } => {
                self.lots.add(entry.seq, order.clone(), *points, *available_at, *expires_at);
                *points > 0
            }
            Change::Adjust { points, expires_at, .. } if *points > 0 => {
                self.lots.add(entry.seq, None, *points, entry.at, *expires_at);
                true
            }
            Change::Adjust { points, .. } => {
                self.lots.claw_back(-points, None, entry.at);
                *points < 0
            }
            Change::Redeem { points, .. } => *points > 0 && self.lots.spend(*points, entry.at) == *points,
            Change::Reverse { order, points, .. } => {
                self.lots.claw_back(*points, Some(order), entry.at);
                *points >= 0
            }
            Change::Expire { lot, points } => self.lots.expire(*lot, *points),
        }
    }
}

/// Whether `request` is the request that made `change` (for idempotent replays).
fn same_request(request: &Request, change: &Change) -> bool {
    match (request, change) {
        (Request::Earn { order, rule, points }, Change::Earn { order: o, rule: r, points: p, .. }) => {
            order == o && rule == r && points == p
        }
        (Request::Redeem { option, points }, Change::Redeem { option: o, points: p }) => option == o && points == p,
        (
            Request::Refund { order, refunded, order_total },
            Change::Reverse { order: o, refunded: r, order_total: t, .. },
        ) => order == o && refunded == r && order_total == t,
        (Request::Adjust { reason, points }, Change::Adjust { reason: r, points: p, .. }) => reason == r && points == p,
        (Request::ExpireDue, Change::Expire { .. }) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
