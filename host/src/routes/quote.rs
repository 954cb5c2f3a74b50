use crate::account::Account;
use crate::app::AppState;
use crate::extract::{ApiJson, ClientIp, IdempotencyKey};
use crate::idempotency::{self, Reply};
use crate::identity::MaybeMember;
use crate::routes::scope_of;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use treu::engine::cart::Cart;
use treu::engine::quote::quote;

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
        let now = crate::clock::now();
        let customer = match &member {
            Some(claims) => Account::find(&mut transaction, &claims.sub)
                .await?
                .map(|account| account.engine_customer(now))
                .or_else(|| {
                    Some(treu::engine::customer::Customer {
                        id: claims.sub.clone(),
                        email: claims.email.clone(),
                        balance: 0,
                        orders: Vec::new(),
                    })
                }),
            None => None,
        };
        let quote = quote(&program, &request.cart, customer.as_ref(), now)?;
        Ok((transaction, Reply::ok(quote)))
    })
    .await
}
