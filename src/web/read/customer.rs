//! Reads the customer a quote is for (the member's `quoteCustomer`).

use super::object::{FromJs, JsObject};
use crate::engine::customer::{Customer, PastOrder};

impl FromJs for Customer {
    fn from_js(customer: &JsObject) -> Customer {
        #[cfg(not(feature = "lenient"))]
        customer.deny_unknown(&["id", "email", "balance", "orders"]);
        Customer {
            id: customer.string("id"),
            email: customer.optional_string("email"),
            balance: customer.optional_integer("balance"),
            orders: customer.read_list("orders"),
        }
    }
}

impl FromJs for PastOrder {
    fn from_js(order: &JsObject) -> PastOrder {
        #[cfg(not(feature = "lenient"))]
        order.deny_unknown(&["id", "placedAt", "spend", "points", "products", "collections"]);
        PastOrder {
            id: order.string("id"),
            placed_at: order.timestamp("placedAt"),
            spend: order.optional_integer("spend"),
            points: order.optional_integer("points"),
            products: order.strings("products"),
            collections: order.strings("collections"),
        }
    }
}
