//! Lots: the points of each earn, tracked until they are spent, clawed back or
//! expire. Only the ledger changes them, by replaying entries.

use super::Balance;
use crate::engine::time::Timestamp;

/// The points one earn (or positive adjustment) added, and what is left of them.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Lot {
    /// The sequence number of the entry that made the lot.
    pub seq: u64,
    /// The order that earned it, if any.
    pub order: Option<String>,
    pub remaining: i64,
    /// Until then the points are pending (the return window).
    pub available_at: Timestamp,
    pub expires_at: Option<Timestamp>,
}

impl Lot {
    fn expired(&self, at: Timestamp) -> bool {
        self.expires_at.is_some_and(|expires| expires <= at)
    }

    /// Soonest expiry first; lots that never expire last; older first on a tie.
    fn spending_order(&self) -> (bool, Option<Timestamp>, u64) {
        (self.expires_at.is_none(), self.expires_at, self.seq)
    }
}

/// Every lot of one member, and the debt left by clawbacks larger than the balance.
///
/// Invariant: `Σ remaining − debt` equals the sum of all entries' points.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Lots {
    lots: Vec<Lot>,
    debt: i64,
}

impl Lots {
    /// Adds an earn's points; they pay off any debt first.
    pub fn add(
        &mut self,
        seq: u64,
        order: Option<String>,
        points: i64,
        available_at: Timestamp,
        expires_at: Option<Timestamp>,
    ) {
        let paid = points.min(self.debt).max(0);
        self.debt -= paid;
        self.lots.push(Lot { seq, order, remaining: points - paid, available_at, expires_at });
    }

    /// Takes up to `points` from the lots that are available and unexpired at
    /// `at`, soonest expiry first; returns how many it took.
    pub fn spend(&mut self, points: i64, at: Timestamp) -> i64 {
        self.take(points, |lot| lot.available_at <= at && !lot.expired(at))
    }

    /// Takes `points` back: first from `order`'s own lots, then from any
    /// unexpired lot, pending or not, soonest expiry first; what is still
    /// missing becomes debt, and the balance goes below zero.
    pub fn claw_back(&mut self, points: i64, order: Option<&str>, at: Timestamp) {
        let mut missing = points;
        if let Some(order) = order {
            missing -= self.take(missing, |lot| lot.order.as_deref() == Some(order) && !lot.expired(at));
        }
        missing -= self.take(missing, |lot| !lot.expired(at));
        self.debt += missing.max(0);
    }

    /// Removes `points` from lot `seq`, as an expiry entry says; false if the lot
    /// does not have them.
    pub fn expire(&mut self, seq: u64, points: i64) -> bool {
        match self.lots.iter_mut().find(|lot| lot.seq == seq) {
            Some(lot) if lot.remaining >= points && points > 0 => {
                lot.remaining -= points;
                true
            }
            _ => false,
        }
    }

    /// Lots with points left whose expiry has come by `at`, as (lot, points).
    pub fn due(&self, at: Timestamp) -> Vec<(u64, i64)> {
        self.lots
            .iter()
            .filter(|lot| lot.remaining > 0 && lot.expired(at))
            .map(|lot| (lot.seq, lot.remaining))
            .collect()
    }

    /// The balance at `at`.
    pub fn balance(&self, at: Timestamp) -> Balance {
        let mut balance = Balance::default();
        for lot in &self.lots {
            if lot.expired(at) {
                balance.awaiting_expiry += lot.remaining;
            } else if lot.available_at > at {
                balance.pending += lot.remaining;
            } else {
                balance.available += lot.remaining;
            }
        }
        balance.available -= self.debt;
        balance.total = balance.available + balance.pending + balance.awaiting_expiry;
        balance
    }

    /// The lots, oldest first.
    pub fn lots(&self) -> &[Lot] {
        &self.lots
    }

    fn take(&mut self, points: i64, eligible: impl Fn(&Lot) -> bool) -> i64 {
        if points <= 0 {
            return 0;
        }
        let mut order: Vec<usize> =
            (0..self.lots.len()).filter(|&i| self.lots[i].remaining > 0 && eligible(&self.lots[i])).collect();
        order.sort_by_key(|&i| self.lots[i].spending_order());
        let mut taken = 0;
        for index in order {
            let lot = &mut self.lots[index];
            let part = lot.remaining.min(points - taken);
            lot.remaining -= part;
            taken += part;
            if taken == points {
                break;
            }
        }
        taken
    }
}
