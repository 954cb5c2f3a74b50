//! Response bodies: one typed `Serialize` struct per answer, defined once
//! here and named as `docs/openapi.yaml` names its schema, so a handler
//! builds values and cannot misspell a field or drop one. `null` for an
//! absent optional field unless the schema says the field is left out.
//!
//! Every body is written with its object keys in sorted order ([`Body`],
//! [`text`]), as the host has always written them (its bodies used to be
//! `serde_json::Value` maps, which keep keys sorted): answers stay
//! byte-for-byte what existing clients and stored webhook answers have.

pub mod admin;
pub mod customers;
pub mod member;
pub mod orders;
pub mod platforms;
pub mod rewards;

pub use member::{checked_page, entry_view, member_data, member_view, win_back_due, HistoryPage};

use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use treu::engine::ledger::Balance;

/// The member's balance with its parts, as `GET /v1/me` shows it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BalanceView {
    #[serde(flatten)]
    pub balance: Balance,
    /// True when a clawback took the available points below zero.
    pub negative: bool,
}

impl From<Balance> for BalanceView {
    fn from(balance: Balance) -> BalanceView {
        BalanceView { balance, negative: balance.is_negative() }
    }
}

/// `view` as a JSON value with sorted keys. Views hold no maps with
/// non-string keys and no non-finite floats, the only things serde_json
/// refuses; were one to appear, `null` is answered and logged rather than a panic.
pub fn value<T: Serialize>(view: &T) -> Value {
    serde_json::to_value(view).unwrap_or_else(|error| {
        tracing::error!(%error, "a response view did not serialize");
        Value::Null
    })
}

/// `view` as JSON text with sorted keys: what webhook answers store and replay.
pub fn text<T: Serialize>(view: &T) -> String {
    value(view).to_string()
}

/// A view answered `200` as `application/json`.
pub struct Body<T>(pub T);

impl<T: Serialize> IntoResponse for Body<T> {
    fn into_response(self) -> Response {
        axum::Json(value(&self.0)).into_response()
    }
}
