//! `treu-host seed-demo`: a demo shop with a year of history, replayed from
//! `www/demo-seed.json` day by day through the same code as the API: the
//! shop's checkout pricing, order webhooks (`handle_order_event`),
//! redemptions, referral claims and the engine's ledger. Guest orders go
//! through the host's own webhook route, signed, as a platform sends them.

mod data;

use crate::account::Account;
use crate::config::SeedArgs;
use crate::demo::{platform, pricing};
use crate::order_events::{check_event, OrderEvent};
use crate::problem::Problem;
use crate::routes::redemptions::{issue, RedemptionRequest};
use crate::routes::referrals::claim;
use crate::state::{AppState, Settings};
use crate::storage::customers::{self, Known};
use crate::storage::demo_orders::{self, DemoOrderRow};
use crate::storage::shares;
use crate::storage::{to_json, Store, StoredProgram, Tx};
use crate::webhook_events::handle_order_event;
use data::{Happening, Seed, SeedCustomer};
use serde_json::Value;
use std::collections::HashMap;
use treu::engine::ledger::{Policy, Request};
use treu::engine::program::Program;
use treu::engine::time::Timestamp;

/// Points for signing up, as the demo program's `signup` action gives them.
const SIGNUP_POINTS: i64 = 200;

pub async fn seed_demo(args: SeedArgs) -> Result<(), String> {
    let program = crate::read_program(&args.program)?;
    let seed = Seed::load()?;
    let store = Store::open(&args.database_url, crate::storage::Options::default())
        .await
        .map_err(|error| format!("cannot open database {}: {error}", args.database_url))?;
    crate::clock::load(&store, false).await.map_err(|error| error.to_string())?;
    let stored = store.save_program(&program, "treu-host seed-demo").await.map_err(|error| error.to_string())?;
    let mut transaction = store.write().await.map_err(|error| error.to_string())?;
    if customers::customer(&mut transaction, "demo-ann").await.map_err(|error| error.to_string())?.is_some() {
        println!("demo shop already seeded (program version {})", stored.version);
        return Ok(());
    }
    let mut replay = Replay { seed: &seed, program: &program, orders: HashMap::new(), guests: Vec::new() };
    for (at, happening) in seed.timeline(crate::clock::now()) {
        replay.happen(&mut transaction, at, &happening).await.map_err(|error| format!("seeding failed: {error}"))?;
    }
    transaction.commit().await.map_err(|error| error.to_string())?;
    let guests = deliver_guest_orders(&store, stored.clone(), &replay.guests).await?;
    // The accounts of the demo's "signed in as" menu want mails, so moving the
    // clock shows them in the dashboard's Inbox (docs/mail.md).
    for id in ["demo-ann", "demo-bo", "demo-cy", "demo-dee"] {
        let now = crate::clock::now().unix();
        crate::mail::consent::confirmed_elsewhere(&store, id, "demo", now).await.map_err(|error| error.to_string())?;
    }
    let orders = replay.orders.len();
    store.close().await;
    println!(
        "demo shop seeded: program version {}, {} customers (demo-ann, demo-bo, demo-cy, demo-dee and {} more), \
         {orders} orders, {guests}",
        stored.version,
        seed.customers.len(),
        seed.customers.len().saturating_sub(4)
    );
    Ok(())
}

/// The seed's replay: what it needs to remember between happenings.
struct Replay<'a> {
    seed: &'a Seed,
    program: &'a Program,
    /// Members' orders by (customer, index in the file).
    orders: HashMap<(String, usize), DemoOrderRow>,
    /// Guest orders' `order.paid` events, sent after the members' history is committed.
    guests: Vec<Value>,
}

impl Replay<'_> {
    async fn happen(&mut self, tx: &mut Tx, at: Timestamp, happening: &Happening<'_>) -> Result<(), String> {
        let fail = |error: Problem| error.to_json().to_string();
        let policy = Policy::from(&self.program.earning);
        match *happening {
            Happening::Join(customer) => {
                let known = Known { email: Some(&customer.email), name: Some(&customer.name), address: None };
                let mut account = Account::open(tx, &customer.id, known, at).await.map_err(fail)?;
                let signup = Request::Earn { order: None, rule: "action:signup".into(), points: SIGNUP_POINTS };
                account.write(tx, &policy, "demo:signup", at, signup).await.map_err(fail)?;
            }
            Happening::Claim(friend) => {
                let advocate = friend.referred_by.as_deref().ok_or("a claim needs referredBy")?;
                let advocate = customers::customer(tx, advocate).await.map_err(|error| error.to_string())?;
                let advocate = advocate.ok_or(format!("{}: the advocate must join first", friend.id))?;
                // The advocate shared their link before the friend followed it.
                let shared = at.plus_seconds(-3600);
                shares::record(tx, &advocate.id, "share", shared.unix(), shared.date().start().unix())
                    .await
                    .map_err(|error| error.to_string())?;
                let code = advocate.referral_code;
                claim(tx, self.program, &friend.id, Known::default(), &code, at).await.map_err(fail)?;
            }
            Happening::Redeem(customer, redemption) => {
                let cart = self.seed.cart("mugs", currency(customer, None))?;
                let request = RedemptionRequest { option: redemption.option.clone(), points: None, cart };
                let key = format!("demo:redeem:{}", at.unix());
                issue(tx, self.program, &customer.id, Known::default(), &request, &key, at).await.map_err(fail)?;
            }
            Happening::Adjust(customer, index) => {
                let adjustment = &customer.adjustments[index];
                let mut account = Account::open(tx, &customer.id, Known::default(), at).await.map_err(fail)?;
                account.settle(tx, &policy, at).await.map_err(fail)?;
                let request = Request::Adjust { reason: adjustment.reason.clone(), points: adjustment.points };
                account.write(tx, &policy, &format!("demo:goodwill:{index}"), at, request).await.map_err(fail)?;
            }
            Happening::Order(customer, index) => self.order(tx, customer, index, at).await?,
            Happening::Refund(customer, index) => {
                let order = self.orders.get(&(customer.id.clone(), index)).ok_or("a refund before its order")?;
                let refund = customer.orders[index].refund.as_ref().ok_or("no refund")?;
                let amount = refund.amount.unwrap_or(order.total - order.refunded);
                let event = platform::refund_event(order, order.refunded, amount);
                demo_orders::set_refunded(tx, &order.id, order.refunded + amount).await.map_err(|e| e.to_string())?;
                deliver_at(tx, self.program, &event, at).await?;
                if let Some(order) = self.orders.get_mut(&(customer.id.clone(), index)) {
                    order.refunded += amount;
                }
            }
            Happening::GuestOrder(index) => {
                let order = &self.seed.guest_orders[index];
                let cart = self.seed.cart(&order.cart, order.currency.as_deref().unwrap_or("EUR"))?;
                let priced = pricing::price(tx, self.program, cart, None, None, at).await.map_err(fail)?;
                let row = row(format!("guest-{}", 1001 + index), None, None, at, &priced, None)?;
                demo_orders::insert(tx, &row).await.map_err(|error| error.to_string())?;
                self.guests.push(platform::paid_event(&row, &priced.cart));
            }
        }
        Ok(())
    }

    /// A member's order at `at`, priced by the shop (with the code of a
    /// redemption just before it, if it says `redeem`) and paid.
    async fn order(&mut self, tx: &mut Tx, customer: &SeedCustomer, index: usize, at: Timestamp) -> Result<(), String> {
        let fail = |error: Problem| error.to_json().to_string();
        let order = &customer.orders[index];
        let cart = self.seed.cart(&order.cart, currency(customer, order.currency.as_deref()))?;
        let code = match &order.redeem {
            Some(option) => {
                let request = RedemptionRequest { option: option.clone(), points: None, cart: cart.clone() };
                let key = format!("demo:redeem:{}:{index}", customer.id);
                let before = at.plus_seconds(-1800);
                let answer = issue(tx, self.program, &customer.id, Known::default(), &request, &key, before)
                    .await
                    .map_err(fail)?;
                Some(answer.code)
            }
            None => None,
        };
        let account = Account::find(tx, &customer.id).await.map_err(fail)?;
        let priced =
            pricing::price(tx, self.program, cart, account.as_ref(), code.as_deref(), at).await.map_err(fail)?;
        let id = format!("{}-{}", customer.id, 1001 + index);
        let row = row(id, Some(&customer.id), Some(&customer.email), at, &priced, code)?;
        demo_orders::insert(tx, &row).await.map_err(|error| error.to_string())?;
        // Paid a minute after it was placed, as a platform's payment confirms.
        deliver_at(tx, self.program, &platform::paid_event(&row, &priced.cart), at.plus_seconds(60)).await?;
        self.orders.insert((customer.id.clone(), index), row);
        Ok(())
    }
}

fn currency<'a>(customer: &'a SeedCustomer, order: Option<&'a str>) -> &'a str {
    order.or(customer.currency.as_deref()).unwrap_or("EUR")
}

fn row(
    id: String,
    customer: Option<&str>,
    email: Option<&str>,
    at: Timestamp,
    priced: &pricing::Priced,
    code: Option<String>,
) -> Result<DemoOrderRow, String> {
    Ok(DemoOrderRow {
        id,
        customer_id: customer.map(str::to_owned),
        email: email.map(str::to_owned),
        placed_at: at.unix(),
        currency: priced.cart.currency.code().to_owned(),
        cart: to_json(&priced.cart).map_err(|error| error.to_string())?,
        subtotal: priced.subtotal,
        discount: priced.discount,
        shipping: priced.shipping,
        total: priced.total,
        discount_code: code,
        refunded: 0,
    })
}

/// An order event handled at a past instant `at`, as the webhook handler does.
async fn deliver_at(tx: &mut Tx, program: &Program, event: &Value, at: Timestamp) -> Result<(), String> {
    let fail = |error: Problem| format!("{}: {}", event["id"], error.to_json());
    let event: OrderEvent = serde_json::from_value(event.clone()).map_err(|error| error.to_string())?;
    check_event(&event).map_err(fail)?;
    handle_order_event(tx, program, &event, at).await.map_err(fail)?;
    Ok(())
}

/// Sends the guest orders' `order.paid` through the host's webhook route,
/// signed with a key of this run; says how many the host recorded.
async fn deliver_guest_orders(store: &Store, program: StoredProgram, events: &[Value]) -> Result<String, String> {
    let mut secret = [0_u8; 16];
    getrandom::fill(&mut secret).map_err(|error| error.to_string())?;
    let settings = Settings {
        shop_secret: Some(hex::encode(secret)),
        webhook_secret: None,
        admin_token: None,
        shop_url: String::new(),
        platforms: Default::default(),
    };
    let state = AppState::new(store.clone(), settings, Some(program), 0);
    let mut recorded = 0;
    let mut refusal = None;
    for event in events {
        let delivery = platform::deliver(&state, event).await.map_err(|error| error.to_json().to_string())?;
        if delivery.status == 200 {
            recorded += 1;
        } else {
            refusal.get_or_insert(delivery.body["detail"].as_str().unwrap_or_default().to_owned());
        }
    }
    Ok(match refusal {
        None => format!("{recorded} guest orders"),
        Some(answer) => format!("{recorded} of {} guest orders (refused: {answer})", events.len()),
    })
}
