//! `POST /v1/webhooks/orders` and `/v1/webhooks/actions`: the platform's
//! signed events. Each event is handled once, in one transaction: a second
//! delivery gets the first answer and changes nothing.

use crate::account::Account;
use crate::extract::{parse_json, JsonBytes};
use crate::idempotency::REPLAYED;
use crate::orders::{check_event, paid, refunded, OrderEvent, OrderEventType};
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::customers::Known;
use crate::storage::{orders, rewards, Conn};
use crate::views::BalanceView;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{json, Value};
use treu::engine::actions::{award_action, Action};
use treu::engine::ledger::{Policy, Request};
use treu::engine::program::Program;
use treu::engine::time::Timestamp;

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

/// Handles a checked order event at `now` unless its id was handled before;
/// the answer's text and whether it is a replay. The demo seed writes its
/// history through here too, at past instants.
pub async fn handle_order_event(
    conn: &mut Conn,
    program: &Program,
    event: &OrderEvent,
    now: Timestamp,
) -> Result<(String, bool), Problem> {
    if let Some(earlier) = orders::webhook_response(conn, &event.id).await? {
        return Ok((earlier, true));
    }
    let body = match event.kind {
        OrderEventType::Paid => paid(conn, program, event, now).await?,
        _ => refunded(conn, program, event, now).await?,
    };
    let text = body.to_string();
    let kind = serde_json::to_value(event.kind).ok();
    let kind = kind.as_ref().and_then(Value::as_str).unwrap_or("order");
    orders::record_webhook(conn, &event.id, kind, &event.order.id, now.unix(), &text).await?;
    Ok((text, false))
}

/// An action event: the platform confirms (or rejects) an action a member reported.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: ActionEventType,
    /// The `pendingId` that `POST /v1/actions` answered.
    pub pending_id: String,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum ActionEventType {
    #[serde(rename = "action.confirmed")]
    Confirmed,
    #[serde(rename = "action.rejected")]
    Rejected,
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
    let policy = Policy::from(&program.earning);
    let mut transaction = state.store.write().await?;
    if let Some(earlier) = orders::webhook_response(&mut transaction, &event.id).await? {
        return Ok(answer(earlier, true));
    }
    let now = crate::clock::now();
    let pending = rewards::pending_action(&mut transaction, &event.pending_id).await?;
    let Some((customer_id, action_name)) = pending else {
        return Err(Problem::not_found("unknown-pending-action", "Unknown pending action")
            .with_detail("No pending action has this id, or it was settled before."));
    };
    let mut body = json!({ "event": event.id, "pendingId": event.pending_id, "customer": customer_id });
    let status = if event.kind == ActionEventType::Rejected {
        "rejected"
    } else {
        let action: Action = serde_json::from_value(Value::String(action_name))
            .map_err(|error| Problem::internal(format!("stored action: {error}")))?;
        let mut account = Account::open(&mut transaction, &customer_id, Known::default(), now).await?;
        match award_action(&program.actions, action, &account.past_actions(), now) {
            Ok(award) => {
                let request = Request::Earn { order: None, rule: award.rule, points: award.points };
                let applied = account
                    .write(&mut transaction, &policy, &format!("confirmed:{}", event.pending_id), now, request)
                    .await?;
                crate::events::changes::record_changes(&mut transaction, &program, &account, now).await?;
                body["points"] = json!(award.points);
                body["balance"] = json!(BalanceView::from(applied.balance));
                "confirmed"
            }
            Err(refusal) => {
                body["refusal"] = json!(refusal);
                "rejected"
            }
        }
    };
    rewards::settle_pending_action(&mut transaction, &event.pending_id, status).await?;
    body["status"] = json!(status);
    let text = body.to_string();
    orders::record_webhook(&mut transaction, &event.id, "action", &event.pending_id, now.unix(), &text).await?;
    transaction.commit().await?;
    Ok(answer(text, false))
}
