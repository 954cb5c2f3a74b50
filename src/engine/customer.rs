//! The signed-in shopper, as the host knows them: balance and order history.

use super::error::InputError;
use super::text::check_listed;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A member of the program. The host fills this from its ledger and order
/// records; the browser receives it from `GET /v1/me`.
///
/// ```
/// let customer: treu::engine::customer::Customer = serde_json::from_str(r#"{
///     "id": "c-42", "balance": 1200,
///     "orders": [{ "id": "1001", "placedAt": "2025-03-02T10:00:00Z", "spend": 4599, "points": 45 }]
/// }"#).unwrap();
/// assert!(customer.validated().is_ok());
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct Customer {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Points available to spend now (pending and expired points excluded). It
    /// may be negative after a clawback.
    #[serde(default)]
    pub balance: i64,
    /// Paid orders, any order. Cancelled orders are left out; refunded ones carry
    /// their net spend and points.
    #[serde(default)]
    pub orders: Vec<PastOrder>,
}

/// One paid order in a member's history.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct PastOrder {
    pub id: String,
    pub placed_at: Timestamp,
    /// Eligible spend in minor units of the program currency.
    #[serde(default)]
    pub spend: i64,
    /// Points the order earned, net of reversals.
    #[serde(default)]
    pub points: i64,
    /// The distinct product ids the order bought (at most [`MAX_ORDER_ITEMS`]),
    /// for segments; empty when unknown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    /// The distinct collections of those products (at most [`MAX_ORDER_ITEMS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collections: Vec<String>,
}

/// Most product ids, and most collections, one past order may carry: the
/// purchase history stays small enough to travel with every `GET /v1/me`.
pub const MAX_ORDER_ITEMS: usize = 100;
const TOO_MANY_ITEMS: &str = "must list at most 100 entries";

impl PastOrder {
    /// Whether the order bought one of `products` or something in one of `collections`.
    pub fn bought_any(&self, products: &[String], collections: &[String]) -> bool {
        self.products.iter().any(|product| products.contains(product))
            || self.collections.iter().any(|collection| collections.contains(collection))
    }
}

impl Customer {
    /// The customer if every field is sensible, else every problem, with paths under `customer`.
    pub fn validated(self) -> Result<Customer, InputError> {
        let mut errors = InputError::default();
        self.check(&mut errors);
        errors.or_ok(self)
    }

    /// Records every problem in `errors`, with paths under `customer`.
    pub fn check(&self, errors: &mut InputError) {
        errors.require(!self.id.trim().is_empty(), || "customer.id".into(), "must not be empty");
        for (index, order) in self.orders.iter().enumerate() {
            let path = |field: &str| format!("customer.orders[{index}].{field}");
            errors.require(!order.id.trim().is_empty(), || path("id"), "must not be empty");
            errors.require(order.spend >= 0, || path("spend"), "must not be negative (minor units)");
            errors.require(order.points >= 0, || path("points"), "must not be negative");
            let lists: [(&str, &[String]); 2] = [("products", &order.products), ("collections", &order.collections)];
            for (list, values) in lists {
                errors.require(values.len() <= MAX_ORDER_ITEMS, || path(list), TOO_MANY_ITEMS);
            }
            check_listed(&lists, &path, errors);
        }
    }

    /// Orders placed before or at `now`, in the order given.
    pub fn orders_until(&self, now: Timestamp) -> impl Iterator<Item = &PastOrder> {
        self.orders.iter().filter(move |order| order.placed_at <= now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_orders_are_named() {
        let customer: Customer = serde_json::from_str(
            r#"{"id":" ","orders":[{"id":"1","placedAt":"2025-01-01T00:00:00Z","spend":-1,"points":-2}]}"#,
        )
        .unwrap();
        let paths: Vec<String> = customer.validated().unwrap_err().errors.into_iter().map(|e| e.path).collect();
        assert_eq!(paths, ["customer.id", "customer.orders[0].spend", "customer.orders[0].points"]);
    }
}
