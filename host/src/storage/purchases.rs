//! What paid orders bought (`order_purchases`): the purchase history segments read.

use super::Conn;
use std::collections::HashMap;
use treu::engine::cart::Cart;
use treu::engine::customer::MAX_ORDER_ITEMS;

/// The distinct product ids and collections one order bought, in cart order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Purchases {
    pub products: Vec<String>,
    pub collections: Vec<String>,
}

impl Purchases {
    /// What `cart` buys: each product id and collection once, the first
    /// [`MAX_ORDER_ITEMS`] of each.
    pub fn of_cart(cart: &Cart) -> Purchases {
        let mut purchases = Purchases::default();
        for line in &cart.lines {
            add(&mut purchases.products, &line.product_id);
            for collection in &line.collections {
                add(&mut purchases.collections, collection);
            }
        }
        purchases
    }
}

fn add(list: &mut Vec<String>, value: &str) {
    if list.len() < MAX_ORDER_ITEMS && !list.iter().any(|known| known == value) {
        list.push(value.to_owned());
    }
}

/// Records what `order` of `customer` bought.
pub async fn insert(conn: &mut Conn, customer: &str, order: &str, purchases: &Purchases) -> Result<(), sqlx::Error> {
    for (kind, names) in [("product", &purchases.products), ("collection", &purchases.collections)] {
        for (position, name) in names.iter().enumerate() {
            sqlx::query(
                "INSERT INTO order_purchases (order_id, kind, name, position, customer_id) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (order_id, kind, name) DO NOTHING",
            )
            .bind(order)
            .bind(kind)
            .bind(name)
            .bind(position as i64)
            .bind(customer)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// What each of `customer`'s orders bought, by order id.
pub async fn of_customer(conn: &mut Conn, customer: &str) -> Result<HashMap<String, Purchases>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT order_id, kind, name FROM order_purchases WHERE customer_id = $1 ORDER BY order_id, kind, position",
    )
    .bind(customer)
    .fetch_all(conn)
    .await?;
    let mut by_order: HashMap<String, Purchases> = HashMap::new();
    for (order, kind, name) in rows {
        let purchases = by_order.entry(order).or_default();
        match kind.as_str() {
            "product" => purchases.products.push(name),
            _ => purchases.collections.push(name),
        }
    }
    Ok(by_order)
}
