//! `www/demo-seed.json` and `www/demo/catalogue.json`, compiled into the
//! binary so every seed is the same history, and the timeline they make.

use serde::Deserialize;
use std::collections::BTreeMap;
use treu::engine::cart::{Cart, CartLine};
use treu::engine::money::Currency;
use treu::engine::time::Timestamp;

const SEED: &str = include_str!("../../../www/demo-seed.json");
const CATALOGUE: &str = include_str!("../../../www/demo/catalogue.json");

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seed {
    #[allow(dead_code)]
    about: String,
    /// Named carts: product id → quantity.
    carts: BTreeMap<String, BTreeMap<String, i64>>,
    pub customers: Vec<SeedCustomer>,
    pub guest_orders: Vec<SeedOrder>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedCustomer {
    pub id: String,
    pub name: String,
    pub email: String,
    /// For people reading the file and the demo's sign-in menu.
    #[serde(default)]
    #[allow(dead_code)]
    pub about: Option<String>,
    /// The stage the history is meant to show (the host computes its own).
    #[allow(dead_code)]
    pub stage: String,
    #[serde(default)]
    pub currency: Option<String>,
    pub joined_days_ago: i64,
    #[serde(default)]
    pub referred_by: Option<String>,
    #[serde(default)]
    pub claimed_days_ago: Option<i64>,
    pub orders: Vec<SeedOrder>,
    #[serde(default)]
    pub redemptions: Vec<SeedRedemption>,
    #[serde(default)]
    pub adjustments: Vec<SeedAdjustment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedOrder {
    pub days_ago: i64,
    pub cart: String,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub refund: Option<SeedRefund>,
    #[serde(default)]
    pub redeem: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedRefund {
    pub days_after: i64,
    #[serde(default)]
    pub amount: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedRedemption {
    pub days_ago: i64,
    pub option: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeedAdjustment {
    pub days_ago: i64,
    pub points: i64,
    pub reason: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Product {
    id: String,
    prices: BTreeMap<String, i64>,
    #[serde(default)]
    gift_card: bool,
}

/// One thing that happened, in the order the seed replays them.
pub enum Happening<'a> {
    Join(&'a SeedCustomer),
    Claim(&'a SeedCustomer),
    Redeem(&'a SeedCustomer, &'a SeedRedemption),
    Adjust(&'a SeedCustomer, usize),
    /// A member's order, by index; with a redemption just before it when it says `redeem`.
    Order(&'a SeedCustomer, usize),
    Refund(&'a SeedCustomer, usize),
    GuestOrder(usize),
}

impl Seed {
    pub fn load() -> Result<Seed, String> {
        let mut deserializer = serde_json::Deserializer::from_str(SEED);
        serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|error| format!("www/demo-seed.json: {}: {}", error.path(), error.inner()))
    }

    /// Cart `name` priced in `currency` from the catalogue.
    pub fn cart(&self, name: &str, currency: &str) -> Result<Cart, String> {
        let products: Vec<Product> = serde_json::from_str(CATALOGUE).map_err(|error| format!("catalogue: {error}"))?;
        let quantities = self.carts.get(name).ok_or_else(|| format!("www/demo-seed.json: no cart \"{name}\""))?;
        let mut lines = Vec::new();
        for (id, quantity) in quantities {
            let product = products.iter().find(|p| &p.id == id).ok_or_else(|| format!("catalogue: no product {id}"))?;
            let price =
                *product.prices.get(currency).ok_or_else(|| format!("catalogue: {id} has no {currency} price"))?;
            lines.push(CartLine {
                product_id: id.clone(),
                quantity: *quantity,
                unit_price: price,
                gift_card: product.gift_card,
                collections: Vec::new(),
            });
        }
        let currency = Currency::parse(currency).map_err(|error| format!("{currency}: {error:?}"))?;
        Ok(Cart { currency, lines, market: None, shipping: 0, tax: 0 })
    }

    /// Everything in the file with its instant, oldest first. `now` is the day of seeding.
    pub fn timeline(&self, now: Timestamp) -> Vec<(Timestamp, Happening<'_>)> {
        let day = |days: i64| now.plus_days(-days);
        let mut all = Vec::new();
        for customer in &self.customers {
            all.push((day(customer.joined_days_ago).plus_seconds(-7200), Happening::Join(customer)));
            if let Some(days) = customer.claimed_days_ago {
                all.push((day(days).plus_seconds(-3600), Happening::Claim(customer)));
            }
            for redemption in &customer.redemptions {
                all.push((day(redemption.days_ago), Happening::Redeem(customer, redemption)));
            }
            for (index, adjustment) in customer.adjustments.iter().enumerate() {
                all.push((day(adjustment.days_ago).plus_seconds(1), Happening::Adjust(customer, index)));
            }
            for (index, order) in customer.orders.iter().enumerate() {
                all.push((day(order.days_ago), Happening::Order(customer, index)));
                if let Some(refund) = &order.refund {
                    all.push((day(order.days_ago - refund.days_after), Happening::Refund(customer, index)));
                }
            }
        }
        for (index, order) in self.guest_orders.iter().enumerate() {
            all.push((day(order.days_ago), Happening::GuestOrder(index)));
        }
        // Stable: what happens at one instant keeps the file's order.
        all.sort_by_key(|(at, _)| *at);
        all
    }
}
