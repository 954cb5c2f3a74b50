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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Sample {
        zeta: i64,
        alpha_beta: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        left_out: Option<i64>,
        nested: Nested,
    }

    #[derive(Serialize)]
    struct Nested {
        b: bool,
        a: bool,
    }

    #[test]
    fn keys_come_out_sorted_with_null_or_left_out_as_declared() {
        let sample = Sample { zeta: 1, alpha_beta: None, left_out: None, nested: Nested { b: true, a: false } };
        assert_eq!(text(&sample), r#"{"alphaBeta":null,"nested":{"a":false,"b":true},"zeta":1}"#);
        let sample = Sample { left_out: Some(2), ..sample };
        assert_eq!(text(&sample), r#"{"alphaBeta":null,"leftOut":2,"nested":{"a":false,"b":true},"zeta":1}"#);
    }
}
