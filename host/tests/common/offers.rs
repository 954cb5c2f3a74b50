//! A program with a segment and its personalised offer, and the cart that
//! puts a customer into the segment.

use serde_json::{json, Value};

/// The offer's title, as mails and events carry it.
pub const BEANS_OFFER: &str = "Double points on beans";

/// Adds the "beans-buyers" segment (bought from the `beans` collection in the
/// last `within_days` days) and its offer [`BEANS_OFFER`], running from 2020
/// to 2100, to `program`.
pub fn with_beans_offer(mut program: Value, within_days: i64) -> Value {
    program["segments"] =
        json!([{ "id": "beans-buyers", "name": "Bought beans", "collections": ["beans"], "withinDays": within_days }]);
    program["offers"] = json!([{ "id": "beans-double", "name": BEANS_OFFER, "segment": "beans-buyers",
        "percent": 200, "collections": ["beans"], "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2100-01-01T00:00:00Z" }]);
    program
}

/// A cart of one bag of beans (collection `beans`) at `price`.
pub fn beans_cart(price: i64) -> Value {
    json!({ "currency": "EUR", "lines": [{ "productId": "espresso-beans", "quantity": 1, "unitPrice": price,
                                          "collections": ["beans"] }] })
}
