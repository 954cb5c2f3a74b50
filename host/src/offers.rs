//! The program's offers running for a member now, as outbound events and
//! mails carry them: `[{ "id", "name", "percent", "endsAt" }]` in program
//! order, none for a member outside every offer's segment.
//!
//! The engine decides: its quote of an empty cart lists the offers running
//! for the member's segments, from the same order history the widget's quote
//! and the host's award read.

use crate::account::Account;
use crate::storage::Conn;
use serde_json::{json, Value};
use treu::engine::cart::Cart;
use treu::engine::program::Program;
use treu::engine::quote::quote;
use treu::engine::time::Timestamp;

/// The offers running for `account`'s member at `now` under `program`.
pub fn of(program: &Program, account: &Account, now: Timestamp) -> Value {
    let cart = Cart { currency: program.currency, lines: Vec::new(), market: None, shipping: 0, tax: 0 };
    let customer = account.engine_customer(now);
    let offers = quote(program, &cart, Some(&customer), now).map(|quote| quote.offers).unwrap_or_default();
    Value::Array(
        offers.into_iter().map(|offer| as_data(&offer.id, &offer.name, offer.percent, offer.ends_at)).collect(),
    )
}

/// The offers running for member `customer` at `now`; none if unknown.
pub async fn of_member(
    conn: &mut Conn,
    program: &Program,
    customer: &str,
    now: Timestamp,
) -> Result<Value, sqlx::Error> {
    Ok(Account::read(conn, customer).await?.map_or_else(|| json!([]), |account| of(program, &account, now)))
}

/// One offer as events and mails carry it.
pub fn as_data(id: &str, name: &str, percent: i64, ends_at: Timestamp) -> Value {
    json!({ "id": id, "name": name, "percent": percent, "endsAt": ends_at })
}
