//! `POST /v1/webhooks/orders` and `/v1/webhooks/actions`: the platform's
//! signed events over HTTP. Each is handled in one transaction by
//! `webhook_events.rs`, once: a second delivery gets the first answer.

use crate::extract::{parse_json, JsonBytes};
use crate::idempotency::REPLAYED;
use crate::order_events::{check_event, OrderEvent};
use crate::problem::Problem;
use crate::state::AppState;
use crate::webhook_events::{handle_action_event, handle_order_event, ActionEvent};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The webhook endpoints, also used by the demo shop to deliver its events
/// through the same routing a platform's request takes.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route(ORDERS_PATH, axum::routing::post(post_order_event))
        .route("/v1/webhooks/actions", axum::routing::post(post_action_event))
}

/// Where platforms send order events.
pub const ORDERS_PATH: &str = "/v1/webhooks/orders";

/// Verifies `Treu-Signature` over the raw body.
fn verify(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<(), Problem> {
    let secret = state.settings.webhook_secret().ok_or_else(|| {
        Problem::unauthorized("this host has neither TREU_WEBHOOK_SECRET nor TREU_SHOP_SECRET and accepts no webhooks")
    })?;
    let header = headers
        .get("treu-signature")
        .and_then(|value| value.to_str().ok())
        .ok_or_else(|| invalid_signature("the Treu-Signature header is missing"))?;
    crate::signature::verify(secret, header, body, crate::clock::now().unix()).map_err(invalid_signature)
}

fn invalid_signature(detail: &str) -> Problem {
    Problem::new(StatusCode::UNAUTHORIZED, "invalid-signature", "Invalid signature").with_detail(detail)
}

/// A handled event's answer; a replay carries `Idempotent-Replayed: true`.
pub fn answer(body: String, replayed: bool) -> Response {
    let mut response = (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    if replayed {
        response.headers_mut().insert(REPLAYED, HeaderValue::from_static("true"));
    }
    response
}

/// `POST /v1/webhooks/orders`.
pub async fn post_order_event(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBytes(raw): JsonBytes,
) -> Result<Response, Problem> {
    verify(&state, &headers, &raw)?;
    let event: OrderEvent = parse_json(&raw, "")?;
    check_event(&event)?;
    let program = state.program().await?.program;
    let mut transaction = state.store.write().await?;
    let (text, replayed) = handle_order_event(&mut transaction, &program, &event, crate::clock::now()).await?;
    transaction.commit().await?;
    Ok(answer(text, replayed))
}

/// `POST /v1/webhooks/actions`: a pending action earns (caps checked again) or is dropped.
pub async fn post_action_event(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBytes(raw): JsonBytes,
) -> Result<Response, Problem> {
    verify(&state, &headers, &raw)?;
    let event: ActionEvent = parse_json(&raw, "")?;
    let program = state.program().await?.program;
    let mut transaction = state.store.write().await?;
    let (text, replayed) = handle_action_event(&mut transaction, &program, &event, crate::clock::now()).await?;
    transaction.commit().await?;
    Ok(answer(text, replayed))
}
