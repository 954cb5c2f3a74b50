//! `/v1/admin/events`: the delivery log of outbound events, replays, and the
//! merchant's settings for the time-driven ones (docs/events.md).

use crate::admin_session::Admin;
use crate::events::{queue_for_endpoints, TYPES};
use crate::extract::ApiJson;
use crate::problem::Problem;
use crate::routes::query;
use crate::state::AppState;
use crate::storage::events::{self as stored, DeliveryRow, EventRow, EventSettings};
use crate::storage::from_json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use treu::engine::error::InputError;
use treu::engine::time::Timestamp;

/// A page of the log.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
    customer: Option<String>,
    /// The previous page's `nextBefore`.
    before: Option<i64>,
    /// 1 to 100, default 50.
    limit: Option<i64>,
}

/// An instant in Unix milliseconds as RFC 3339 (whole seconds).
fn instant(ms: i64) -> Option<Timestamp> {
    Timestamp::from_unix(ms.div_euclid(1000))
}

fn delivery_view(row: &DeliveryRow) -> Value {
    json!({
        "id": row.id, "endpointId": row.endpoint_id, "url": row.url, "status": row.status,
        "attempts": row.attempts,
        "nextAttemptAt": (row.status == "pending").then(|| instant(row.next_attempt_at)).flatten(),
        "responseStatus": row.response_status, "lastError": row.last_error,
        "createdAt": instant(row.created_at), "deliveredAt": row.delivered_at.and_then(instant),
    })
}

/// An event with its deliveries. Its `status` sums them up: `pending` while
/// any is, else `failed` if any failed, `delivered` when all were, `unsent`
/// when no endpoint took the event.
fn event_view(event: &EventRow, deliveries: &[&DeliveryRow]) -> Result<Value, Problem> {
    let status = if deliveries.is_empty() {
        "unsent"
    } else if deliveries.iter().any(|row| row.status == "pending") {
        "pending"
    } else if deliveries.iter().any(|row| row.status == "failed") {
        "failed"
    } else {
        "delivered"
    };
    Ok(json!({
        "id": event.id, "type": event.kind, "customerId": event.customer_id,
        "occurredAt": Timestamp::from_unix(event.occurred_at), "recordedAt": instant(event.created_at),
        "status": status, "payload": from_json::<Value>(&event.body)?,
        "deliveries": deliveries.iter().map(|row| delivery_view(row)).collect::<Vec<_>>(),
    }))
}

/// `GET /v1/admin/events`: newest first, with each event's deliveries.
pub async fn get_events(
    State(state): State<AppState>,
    _admin: Admin,
    page: Result<Query<LogQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, Problem> {
    let page = query(page)?;
    let limit = crate::routes::log_limit(page.limit)?;
    if let Some(kind) = page.kind.as_deref().filter(|kind| !TYPES.contains(kind)) {
        return Err(Problem::invalid("type", format!("\"{kind}\" is not an event type; one of {}", TYPES.join(", "))));
    }
    let mut conn = state.store.read().await?;
    let events =
        stored::recent_events(&mut conn, page.kind.as_deref(), page.customer.as_deref(), page.before, limit + 1)
            .await?;
    let has_more = events.len() as i64 > limit;
    let events = &events[..events.len().min(limit as usize)];
    let ids: Vec<String> = events.iter().map(|event| event.id.clone()).collect();
    let deliveries = stored::deliveries_of(&mut conn, &ids).await?;
    let views = events
        .iter()
        .map(|event| {
            let own: Vec<&DeliveryRow> = deliveries.iter().filter(|row| row.event_id == event.id).collect();
            event_view(event, &own)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let next_before = if has_more { events.last().map(|event| event.created_at) } else { None };
    Ok(Json(json!({ "events": views, "nextBefore": next_before })))
}

fn no_event() -> Problem {
    Problem::not_found("no-event", "No such event").with_detail("No outbound event has this id.")
}

async fn one(state: &AppState, id: &str) -> Result<Value, Problem> {
    let mut conn = state.store.read().await?;
    let event = stored::event(&mut conn, id).await?.ok_or_else(no_event)?;
    let deliveries = stored::deliveries_of(&mut conn, std::slice::from_ref(&event.id)).await?;
    event_view(&event, &deliveries.iter().collect::<Vec<_>>())
}

/// `GET /v1/admin/events/{id}`.
pub async fn get_event(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    one(&state, &id).await.map(Json)
}

/// `POST /v1/admin/events/{id}/replay`: queues the event again, with the same
/// id and body, for every enabled endpoint that takes its type (202).
pub async fn post_replay(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let mut transaction = state.store.write().await?;
    let event = stored::event(&mut transaction, &id).await?.ok_or_else(no_event)?;
    let queued = queue_for_endpoints(&mut transaction, &event.id, &event.kind).await?;
    if queued == 0 {
        return Err(Problem::new(StatusCode::CONFLICT, "no-endpoint-for-event", "No endpoint takes this event")
            .with_detail(format!("No enabled endpoint takes {}; add one or enable it first.", event.kind)));
    }
    transaction.commit().await?;
    tracing::info!(event = %id, queued, "event replayed");
    Ok((StatusCode::ACCEPTED, Json(one(&state, &id).await?)).into_response())
}

/// The settings as the API shows them.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsInput {
    points_expiring_days: i64,
    code_expiring_days: i64,
}

fn settings_view(settings: EventSettings) -> Value {
    json!({ "pointsExpiringDays": settings.points_expiring_days, "codeExpiringDays": settings.code_expiring_days,
            "types": TYPES })
}

/// `GET /v1/admin/events/settings`.
pub async fn get_settings(State(state): State<AppState>, _admin: Admin) -> Result<Json<Value>, Problem> {
    Ok(Json(settings_view(stored::settings(&mut *state.store.read().await?).await?)))
}

/// `PUT /v1/admin/events/settings`: how many days ahead `points.expiring` and
/// `code.expiring` warn (1 to 365).
pub async fn put_settings(
    State(state): State<AppState>,
    _admin: Admin,
    ApiJson { value: input, .. }: ApiJson<SettingsInput>,
) -> Result<Json<Value>, Problem> {
    let mut errors = InputError::default();
    errors.require(
        (1..=365).contains(&input.points_expiring_days),
        || "pointsExpiringDays".into(),
        "must be from 1 to 365",
    );
    errors.require(
        (1..=365).contains(&input.code_expiring_days),
        || "codeExpiringDays".into(),
        "must be from 1 to 365",
    );
    errors.or_ok(())?;
    let settings = EventSettings {
        points_expiring_days: input.points_expiring_days,
        code_expiring_days: input.code_expiring_days,
    };
    let mut transaction = state.store.write().await?;
    stored::set_settings(&mut transaction, settings, crate::clock::now().unix()).await?;
    transaction.commit().await?;
    Ok(Json(settings_view(settings)))
}

/// The outbound events' admin routes, merged into the router by `app.rs`.
pub fn routes() -> axum::Router<AppState> {
    use crate::routes::event_endpoints as endpoints;
    use axum::routing::{get, post, put};
    axum::Router::new()
        .route("/v1/admin/events", get(get_events))
        .route("/v1/admin/events/settings", get(get_settings).put(put_settings))
        .route("/v1/admin/events/endpoints", get(endpoints::get_endpoints).post(endpoints::post_endpoint))
        .route("/v1/admin/events/endpoints/{id}", put(endpoints::put_endpoint).delete(endpoints::delete_endpoint))
        .route("/v1/admin/events/endpoints/{id}/secret", post(endpoints::post_secret))
        .route("/v1/admin/events/{id}", get(get_event))
        .route("/v1/admin/events/{id}/replay", post(post_replay))
}
