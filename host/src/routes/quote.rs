use crate::account::Account;
use crate::extract::ApiJson;
use crate::identity::{Claims, MaybeMember};
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::Conn;
use axum::extract::State;
use axum::Json;
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
/// (their balance, tier and stage) or a guest. A pure read: it changes nothing
/// and stores nothing, so it needs no `Idempotency-Key` (one sent is ignored)
/// and anyone may call it as often as the host's concurrency limit allows,
/// without filling the database.
pub async fn post_quote(
    State(state): State<AppState>,
    MaybeMember(member): MaybeMember,
    ApiJson { value: request, .. }: ApiJson<QuoteRequest>,
) -> Result<Json<Quote>, Problem> {
    let program = state.program().await?.program;
    let mut conn = state.store.read().await?;
    Ok(Json(quote_for(&mut conn, &program, member.as_ref(), &request.cart, crate::clock::now()).await?))
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
