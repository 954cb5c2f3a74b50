//! A member's account: the engine's ledger rebuilt from stored entries, their
//! orders, and the writes that go through the engine and back to storage.
//! All rules (lots, pending, clawbacks, caps) are the engine's; this file only
//! moves data between SQL rows and engine types.

use crate::problem::Problem;
use crate::storage::customers::{self, CustomerRow, Known};
use crate::storage::orders::{self, OrderRow};
use crate::storage::purchases::{self, Purchases};
use crate::storage::{ledger as entries, rewards, Conn};
use axum::http::StatusCode;
use std::collections::HashMap;
use treu::engine::actions::{Action, PastAction};
use treu::engine::customer::{Customer, PastOrder};
use treu::engine::ledger::{Applied, Change, Ledger, LedgerError, Outcome, Policy, Request};
use treu::engine::money::{scale, Rounding};
use treu::engine::time::Timestamp;

/// One member, loaded for a read or inside a write transaction.
pub struct Account {
    pub customer: CustomerRow,
    pub ledger: Ledger,
    pub orders: Vec<OrderRow>,
    /// What each order bought, by order id (for segments).
    pub purchases: HashMap<String, Purchases>,
    /// The entries and orders as loaded, before this transaction's writes:
    /// what outbound events compare against (`events::changes`).
    loaded: (usize, Vec<OrderRow>),
}

impl Account {
    /// The member `id`, created on first sight.
    pub async fn open(conn: &mut Conn, id: &str, known: Known<'_>, now: Timestamp) -> Result<Account, Problem> {
        let customer = customers::ensure(conn, id, known, now.unix()).await?;
        Account::load_row(conn, customer).await
    }

    /// The member `id` if known.
    pub async fn find(conn: &mut Conn, id: &str) -> Result<Option<Account>, Problem> {
        match customers::customer(conn, id).await? {
            Some(customer) => Ok(Some(Account::load_row(conn, customer).await?)),
            None => Ok(None),
        }
    }

    async fn load_row(conn: &mut Conn, customer: CustomerRow) -> Result<Account, Problem> {
        let stored = entries::entries(conn, &customer.id).await?;
        let ledger = Ledger::from_entries(stored).map_err(Problem::internal)?;
        let orders = orders::orders_of(conn, &customer.id).await?;
        let purchases = purchases::of_customer(conn, &customer.id).await?;
        let loaded = (ledger.entries().len(), orders.clone());
        Ok(Account { customer, ledger, orders, purchases, loaded })
    }

    /// The account as it was loaded, before the writes made through it since.
    pub fn as_loaded(&self) -> Result<Account, Problem> {
        let (entries, orders) = &self.loaded;
        let prefix = self.ledger.entries().get(..*entries).unwrap_or_default().to_vec();
        let ledger = Ledger::from_entries(prefix).map_err(Problem::internal)?;
        Ok(Account {
            customer: self.customer.clone(),
            ledger,
            orders: orders.clone(),
            purchases: self.purchases.clone(),
            loaded: self.loaded.clone(),
        })
    }

    /// Paid orders as the engine reads them: cancelled ones left out, refunded
    /// ones with their net spend and net points, each with what it bought.
    pub fn past_orders(&self) -> Vec<PastOrder> {
        self.orders
            .iter()
            .filter(|order| order.status != "cancelled")
            .filter_map(|order| {
                let bought = self.purchases.get(&order.id);
                Some(PastOrder {
                    id: order.id.clone(),
                    placed_at: Timestamp::from_unix(order.placed_at)?,
                    spend: scale(order.eligible_spend, order.total - order.refunded, order.total, Rounding::Down),
                    points: (self.ledger.awarded(&order.id) - self.ledger.reversed(&order.id)).max(0),
                    products: bought.map(|bought| bought.products.clone()).unwrap_or_default(),
                    collections: bought.map(|bought| bought.collections.clone()).unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The member as the engine's quote reads them.
    pub fn engine_customer(&self, now: Timestamp) -> Customer {
        Customer {
            id: self.customer.id.clone(),
            email: self.customer.email.clone(),
            balance: self.ledger.balance(now).available,
            orders: self.past_orders(),
        }
    }

    /// Actions that earned points, for the engine's caps.
    pub fn past_actions(&self) -> Vec<PastAction> {
        self.ledger
            .entries()
            .iter()
            .filter_map(|entry| match &entry.change {
                Change::Earn { rule, .. } => {
                    let name = rule.strip_prefix("action:")?;
                    let action: Action = serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()?;
                    Some(PastAction { action, at: entry.at })
                }
                _ => None,
            })
            .collect()
    }

    /// Applies `request` through the engine under ledger key `key` and stores
    /// the entries it made. Writes never go back in time: a clock that stepped
    /// back writes at the last entry's instant.
    pub async fn write(
        &mut self,
        conn: &mut Conn,
        policy: &Policy,
        key: &str,
        now: Timestamp,
        request: Request,
    ) -> Result<Applied, Problem> {
        let at = self.ledger.entries().last().map_or(now, |last| last.at.max(now));
        let applied = self.ledger.apply(policy, key, at, request).map_err(ledger_problem)?;
        if applied.outcome == Outcome::Recorded {
            entries::append(conn, &self.customer.id, &applied.entries).await?;
        }
        Ok(applied)
    }

    /// Brings the ledger up to `now` before a write: records the expiry of lots
    /// whose time has come, and returns the points of discount codes that
    /// expired unused (as an adjustment: the engine has no "unredeem").
    pub async fn settle(&mut self, conn: &mut Conn, policy: &Policy, now: Timestamp) -> Result<(), Problem> {
        for code in rewards::issued(conn, &self.customer.id).await? {
            if code.expires_at.is_some_and(|expires| expires <= now.unix()) {
                if code.points == 0 {
                    // A welcome or win-back code cost nothing: there is nothing to give back.
                    rewards::set_status(conn, &code.code, "expired", None).await?;
                    continue;
                }
                let request = Request::Adjust {
                    reason: format!("discount code {} expired unused", code.code),
                    points: code.points,
                };
                self.write(conn, policy, &format!("code-expired:{}", code.code), now, request).await?;
                rewards::set_status(conn, &code.code, "returned", None).await?;
            }
        }
        let due = self.ledger.lots().iter().any(|lot| lot.remaining > 0 && lot.expires_at.is_some_and(|at| at <= now));
        if due {
            self.write(conn, policy, &format!("expire:{}", now.unix()), now, Request::ExpireDue).await?;
        }
        Ok(())
    }
}

/// The problem document for a ledger refusal.
pub fn ledger_problem(error: LedgerError) -> Problem {
    match error {
        LedgerError::InsufficientPoints { available, requested } => {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "insufficient-points", "Not enough points")
                .with_detail(error.to_string())
                .with("available", available)
                .with("requested", requested)
        }
        LedgerError::KeyReused { .. } => {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency key reused")
                .with_detail(error.to_string())
        }
        LedgerError::Invalid { field } => Problem::invalid(field, "is out of range"),
        LedgerError::EmptyKey => Problem::invalid("key", "must not be empty"),
        LedgerError::OutOfOrder { .. } | LedgerError::Corrupt { .. } => Problem::internal(error),
    }
}
