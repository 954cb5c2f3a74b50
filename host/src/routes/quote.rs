use crate::account::Account;
use crate::app::AppState;
use crate::extract::{ApiJson, ClientIp, IdempotencyKey};
use crate::idempotency::{self, Reply};
use crate::identity::{Claims, MaybeMember};
use crate::problem::Problem;
use crate::routes::scope_of;
use crate::storage::Conn;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use treu::engine::cart::Cart;
use treu::engine::customer::Customer;
use treu::engine::program::Program;
use treu::engine::quote::{quote, Quote};
use treu::engine::time::Timestamp;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuoteRequest {
    pub cart: Cart,
}

/// `POST /v1/quote`: the engine's quote for a cart, for the signed-in member
/// (their balance, tier and stage) or a guest.
pub async fn post_quote(
    State(state): State<AppState>,
    MaybeMember(member): MaybeMember,
    ip: ClientIp,
    key: IdempotencyKey,
    ApiJson { value: request, raw }: ApiJson<QuoteRequest>,
) -> Response {
    let scope = scope_of(member.as_ref(), &ip);
    let app = state.clone();
    idempotency::run(&app, &scope, &key, "POST /v1/quote", &raw, |mut transaction| async move {
        let program = state.program()?.program;
        let quote = quote_for(&mut transaction, &program, member.as_ref(), &request.cart, crate::clock::now()).await?;
        Ok((transaction, Reply::ok(quote)))
    })
    .await
}

/// The engine's quote of `cart` under `program` for `member` (their balance,
/// tier and stage; a member the host has not seen yet has none) or a guest.
pub async fn quote_for(
    conn: &mut Conn,
    program: &Program,
    member: Option<&Claims>,
    cart: &Cart,
    now: Timestamp,
) -> Result<Quote, Problem> {
    let customer = match member {
        Some(claims) => Some(match Account::find(conn, &claims.sub).await? {
            Some(account) => account.engine_customer(now),
            None => Customer { id: claims.sub.clone(), email: claims.email.clone(), balance: 0, orders: Vec::new() },
        }),
        None => None,
    };
    Ok(quote(program, cart, customer.as_ref(), now)?)
}
