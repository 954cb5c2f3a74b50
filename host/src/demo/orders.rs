//! `POST /demo/checkout`, `GET /demo/orders`, `POST /demo/orders/{id}/refunds`:
//! the shop takes an order (its own record first, as a shop's database would)
//! and then tells treu, as a platform would, with a signed webhook.

use super::platform::{self, Delivery};
use super::pricing::price;
use crate::account::Account;
use crate::extract::ApiJson;
use crate::identity::{MaybeMember, Member};
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::demo_orders::{self, DemoOrderRow};
use crate::storage::from_json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use treu::engine::cart::Cart;
use treu::engine::time::Timestamp;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Checkout {
    cart: Cart,
    #[serde(default)]
    discount_code: Option<String>,
    /// A guest's email (members' comes from their account).
    #[serde(default)]
    email: Option<String>,
}

/// Places the order and sends `order.paid`. 201 with the order and the
/// webhook's answer (`webhook.status`, `webhook.body`: the points it earned).
pub async fn post_checkout(
    State(state): State<AppState>,
    MaybeMember(claims): MaybeMember,
    ApiJson { value, .. }: ApiJson<Checkout>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let program = state.program().await?.program;
    let now = crate::clock::now();
    let code = value.discount_code.as_deref().map(str::trim).filter(|code| !code.is_empty());
    let mut transaction = state.store.write().await?;
    let member = match &claims {
        Some(claims) => Account::find(&mut transaction, &claims.sub).await?,
        None => None,
    };
    let priced = price(&mut transaction, &program, value.cart, member.as_ref(), code, now).await?;
    let number = 1001 + demo_orders::count(&mut transaction).await?;
    let email = claims
        .as_ref()
        .and_then(|claims| claims.email.clone())
        .or_else(|| member.as_ref().and_then(|account| account.customer.email.clone()))
        .or(value.email.filter(|email| !email.trim().is_empty()));
    let order = DemoOrderRow {
        id: format!("KT-{number}"),
        customer_id: claims.as_ref().map(|claims| claims.sub.clone()),
        email,
        placed_at: now.unix(),
        currency: priced.cart.currency.code().to_owned(),
        cart: crate::storage::to_json(&priced.cart)?,
        subtotal: priced.subtotal,
        discount: priced.discount,
        shipping: priced.shipping,
        total: priced.total,
        discount_code: code.map(str::to_ascii_uppercase),
        refunded: 0,
    };
    demo_orders::insert(&mut transaction, &order).await?;
    transaction.commit().await?;
    let delivery = platform::deliver(&state, &platform::paid_event(&order, &priced.cart)).await?;
    Ok((StatusCode::CREATED, Json(json!({ "order": view(&order)?, "webhook": webhook(&delivery) }))))
}

/// The signed-in customer's orders, newest first.
pub async fn get_orders(State(state): State<AppState>, Member(claims): Member) -> Result<Json<Value>, Problem> {
    let rows = demo_orders::orders_of(&mut *state.store.read().await?, &claims.sub).await?;
    let orders = rows.iter().map(view).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(json!({ "orders": orders })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// Minor units; without it, the rest of the order.
    #[serde(default)]
    amount: Option<i64>,
}

/// Refunds part or all of one of the customer's orders and sends
/// `order.partiallyRefunded` or `order.refunded`.
pub async fn post_refund(
    State(state): State<AppState>,
    Member(claims): Member,
    Path(id): Path<String>,
    ApiJson { value, .. }: ApiJson<RefundRequest>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let mut transaction = state.store.write().await?;
    let order = demo_orders::order(&mut transaction, &id)
        .await?
        .filter(|order| order.customer_id.as_deref() == Some(claims.sub.as_str()))
        .ok_or_else(|| {
            Problem::not_found("no-order", "No such order").with_detail("You have no order with this number.")
        })?;
    let remaining = order.total - order.refunded;
    if remaining <= 0 {
        return Err(Problem::new(StatusCode::CONFLICT, "already-refunded", "Already refunded")
            .with_detail("This order was refunded in full."));
    }
    let amount = value.amount.unwrap_or(remaining);
    if !(1..=remaining).contains(&amount) {
        return Err(Problem::invalid(
            "amount",
            format!("must be from 1 to {remaining} (what is left to refund, minor units)"),
        ));
    }
    demo_orders::set_refunded(&mut transaction, &order.id, order.refunded + amount).await?;
    transaction.commit().await?;
    let event = platform::refund_event(&order, order.refunded, amount);
    let delivery = platform::deliver(&state, &event).await?;
    let updated = DemoOrderRow { refunded: order.refunded + amount, ..order };
    Ok((StatusCode::CREATED, Json(json!({ "order": view(&updated)?, "webhook": webhook(&delivery) }))))
}

fn webhook(delivery: &Delivery) -> Value {
    json!({ "status": delivery.status, "body": delivery.body })
}

/// An order as the shop's pages show it.
fn view(order: &DemoOrderRow) -> Result<Value, Problem> {
    let cart: Cart = from_json(&order.cart)?;
    let status = match order.refunded {
        0 => "paid",
        refunded if refunded >= order.total => "refunded",
        _ => "partiallyRefunded",
    };
    Ok(json!({
        "id": order.id, "placedAt": Timestamp::from_unix(order.placed_at), "currency": order.currency,
        "lines": cart.lines, "subtotal": order.subtotal, "discount": order.discount, "shipping": order.shipping,
        "total": order.total, "refunded": order.refunded, "status": status, "discountCode": order.discount_code,
        "guest": order.customer_id.is_none(),
    }))
}
