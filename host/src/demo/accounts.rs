//! `POST /demo/accounts`: the shop's sign-up. A new customer, and the token
//! the shop backend signs for them (what it would render into the theme).

use crate::account::Account;
use crate::extract::ApiJson;
use crate::identity::{mint, Claims};
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::customers::Known;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use treu::engine::error::InputError;

/// Demo sign-ins last a month (real time, as token expiry is checked).
const TOKEN_SECONDS: i64 = 30 * 86_400;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    name: String,
    email: String,
}

pub async fn post_account(
    State(state): State<AppState>,
    ApiJson { value, .. }: ApiJson<NewAccount>,
) -> Result<(StatusCode, Json<Value>), Problem> {
    let name = value.name.trim();
    let email = value.email.trim();
    let mut errors = InputError::default();
    errors.require((1..=100).contains(&name.chars().count()), || "name".into(), "must be 1 to 100 characters");
    let email_ok = email.len() <= 254
        && email.split_once('@').is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'));
    errors.require(email_ok, || "email".into(), "must be an email address such as friend@example.com");
    errors.or_ok(())?;
    let secret = state
        .settings
        .shop_secret
        .as_deref()
        .ok_or_else(|| Problem::unauthorized("the demo shop needs TREU_SHOP_SECRET to sign customer tokens"))?;
    let id = format!("shop-{}", hex::encode(random_bytes()));
    let mut transaction = state.store.write().await?;
    let known = Known { email: Some(email), name: Some(name), address: None };
    Account::open(&mut transaction, &id, known, crate::clock::now()).await?;
    transaction.commit().await?;
    let claims = Claims {
        sub: id.clone(),
        exp: crate::clock::real_seconds() + TOKEN_SECONDS,
        email: Some(email.to_owned()),
        name: Some(name.to_owned()),
    };
    let token = mint(&claims, secret).map_err(Problem::internal)?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id, "name": name, "email": email, "token": token }))))
}

fn random_bytes() -> [u8; 6] {
    let mut bytes = [0_u8; 6];
    // The OS source failing is not recoverable.
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    bytes
}
