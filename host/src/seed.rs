//! `treu-host seed-demo`: a demo shop so every widget has something to show —
//! the demo program and four customers with a history, written through the
//! same code paths as the API (webhooks, the engine's ledger).

use crate::account::Account;
use crate::config::SeedArgs;
use crate::orders::{paid, OrderEvent, OrderEventType, OrderPayload};
use crate::storage::customers::{self, Known};
use crate::storage::Store;
use treu::engine::cart::Cart;
use treu::engine::ledger::{Policy, Request};

/// A demo customer: id, name, email, and orders as (days ago, cart JSON).
struct DemoCustomer {
    id: &'static str,
    name: &'static str,
    email: &'static str,
    orders: &'static [(i64, &'static str)],
}

// Products and prices of the demo shop (`www/demo/shop.js`).
const MUG: &str = r#"{"currency":"EUR","lines":[{"productId":"mug","quantity":2,"unitPrice":1250}]}"#;
const COFFEE: &str = r#"{"currency":"EUR","lines":[{"productId":"espresso-beans","quantity":2,"unitPrice":2490},
    {"productId":"filter-beans","quantity":1,"unitPrice":1350}]}"#;
const GRINDER: &str = r#"{"currency":"EUR","lines":[{"productId":"grinder","quantity":1,"unitPrice":8900}]}"#;

const CUSTOMERS: &[DemoCustomer] = &[
    // A regular: silver tier, enough points to redeem.
    DemoCustomer {
        id: "demo-ann",
        name: "Ann Lee",
        email: "ann@example.com",
        orders: &[(120, GRINDER), (75, COFFEE), (40, MUG), (20, GRINDER), (16, COFFEE)],
    },
    // Lapsed: last order 200 days ago, so the widget shows the win-back offer.
    DemoCustomer { id: "demo-bo", name: "Bo Berg", email: "bo@example.com", orders: &[(260, MUG), (200, COFFEE)] },
    // New: one recent order, its points still pending in the return window.
    DemoCustomer { id: "demo-cy", name: "Cy Park", email: "cy@example.com", orders: &[(3, COFFEE)] },
    // A prospect: signed up, no order yet.
    DemoCustomer { id: "demo-dee", name: "Dee Ortiz", email: "dee@example.com", orders: &[] },
];

pub async fn seed_demo(args: SeedArgs) -> Result<(), String> {
    let program = crate::read_program(&args.program)?;
    let store = Store::open(&args.database_url, sqlx::sqlite::SqliteSynchronous::Normal)
        .await
        .map_err(|error| format!("cannot open database {}: {error}", args.database_url))?;
    let fail = |error: crate::problem::Problem| format!("seeding failed: {}", error.to_json());
    let stored = store.save_program(&program, "treu-host seed-demo").await.map_err(|error| error.to_string())?;
    let mut transaction = store.write().await.map_err(|error| error.to_string())?;
    if customers::customer(&mut transaction, "demo-ann").await.map_err(|error| error.to_string())?.is_some() {
        println!("demo shop already seeded (program version {})", stored.version);
        return Ok(());
    }
    let policy = Policy::from(&program.earning);
    let now = crate::clock::now();
    for demo in CUSTOMERS {
        let joined = now.plus_days(-300);
        let known = Known { email: Some(demo.email), name: Some(demo.name), address: None };
        let mut account = Account::open(&mut transaction, demo.id, known, joined).await.map_err(fail)?;
        let signup = Request::Earn { order: None, rule: "action:signup".into(), points: 200 };
        account.write(&mut transaction, &policy, "demo:signup", joined, signup).await.map_err(fail)?;
        for (index, (days_ago, cart)) in demo.orders.iter().enumerate() {
            let placed_at = now.plus_days(-days_ago);
            let cart: Cart = serde_json::from_str(cart).map_err(|error| error.to_string())?;
            let total = cart.subtotal().map_err(|error| format!("{error:?}"))?.minor();
            let event = OrderEvent {
                id: format!("demo:{}:{index}", demo.id),
                kind: OrderEventType::Paid,
                order: OrderPayload {
                    id: format!("{}-{}", demo.id, 1001 + index),
                    total,
                    customer_id: Some(demo.id.to_owned()),
                    guest: false,
                    email: Some(demo.email.to_owned()),
                    shipping_address: None,
                    placed_at: Some(placed_at),
                    cart: Some(cart),
                    discount_codes: Vec::new(),
                },
                refund: None,
            };
            paid(&mut transaction, &program, &event, placed_at.plus_seconds(60)).await.map_err(fail)?;
        }
    }
    // Ann spent 300 points on free shipping yesterday, and got goodwill points for a late parcel.
    let mut ann = Account::find(&mut transaction, "demo-ann").await.map_err(fail)?.ok_or("demo-ann is missing")?;
    let at = now.plus_days(-1).max(ann.ledger.entries().last().map_or(now, |last| last.at));
    let redeem = Request::Redeem { option: "free-shipping".into(), points: 300 };
    ann.write(&mut transaction, &policy, "demo:redeem", at, redeem).await.map_err(fail)?;
    let goodwill = Request::Adjust { reason: "Sorry about the late parcel".into(), points: 400 };
    ann.write(&mut transaction, &policy, "demo:goodwill", at, goodwill).await.map_err(fail)?;
    transaction.commit().await.map_err(|error| error.to_string())?;
    store.close().await;
    println!("demo shop seeded: program version {}, customers demo-ann, demo-bo, demo-cy, demo-dee", stored.version);
    Ok(())
}
