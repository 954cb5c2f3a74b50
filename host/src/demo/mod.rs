//! The demo shop's backend, served under `/demo/` only by `serve --demo-shop`
//! (`./x demo` and tests), never by default: it signs customers up and mints
//! their tokens for anyone who asks. It plays the part a real shop's backend
//! and platform play: accounts, checkout, the customer's orders, refunds,
//! each reported to treu as a signed webhook (`platform.rs`).

mod accounts;
mod orders;
pub mod platform;
pub mod pricing;

use crate::extract::ApiJson;
use crate::problem::Problem;
use crate::routes::clock::{self, Advance};
use crate::state::AppState;
use crate::views::admin::ClockView;
use crate::views::Body;
use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;

/// The `/demo/*` routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/demo/accounts", post(accounts::post_account))
        .route("/demo/checkout", post(orders::post_checkout))
        .route("/demo/orders", get(orders::get_orders))
        .route("/demo/orders/{id}/refunds", post(orders::post_refund))
        .route("/demo/clock", get(get_clock).post(post_clock))
}

/// `GET /demo/clock`: the host's date, for the demo's clock panel.
async fn get_clock() -> Body<ClockView> {
    Body(clock::view())
}

/// `POST /demo/clock`: the demo's "advance 14 days" button. It needs no admin
/// token (the demo's shoppers have none); the host must still have been
/// started with `--movable-clock`, else 403 `clock-fixed`.
async fn post_clock(
    State(state): State<AppState>,
    ApiJson { value, .. }: ApiJson<Advance>,
) -> Result<Body<ClockView>, Problem> {
    clock::advance(&state, &value).await.map(Body)
}
