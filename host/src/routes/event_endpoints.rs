//! `/v1/admin/events/endpoints`: where outbound events go. Each endpoint
//! takes chosen event types at one http(s) URL and has its own signing
//! secret, shown once when made or rotated (docs/events.md).

use crate::admin_session::Admin;
use crate::events::{new_id, TYPES};
use crate::extract::ApiJson;
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::events::{self as stored, EndpointRow};
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use treu::engine::error::InputError;
use treu::engine::time::Timestamp;

/// How long a rotated-out secret still signs beside the new one.
pub const ROTATION_GRACE_SECONDS: i64 = 24 * 3600;
/// The longest URL an endpoint may have.
const MAX_URL: usize = 2000;

/// An endpoint as the merchant sends it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EndpointInput {
    pub url: String,
    pub types: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

/// Checks `input`, naming every field that does not fit.
fn check(input: &EndpointInput) -> Result<(), Problem> {
    let mut errors = InputError::default();
    if let Err(reason) = check_url(&input.url) {
        errors.push("url", reason);
    }
    errors.require(!input.types.is_empty(), || "types".into(), "must name at least one event type");
    for (index, kind) in input.types.iter().enumerate() {
        errors.require(
            TYPES.contains(&kind.as_str()),
            || format!("types[{index}]"),
            format!("must be one of {}", TYPES.join(", ")),
        );
        errors.require(!input.types[..index].contains(kind), || format!("types[{index}]"), "is listed twice");
    }
    errors.require(input.description.chars().count() <= 200, || "description".into(), "must be at most 200 characters");
    errors.or_ok(()).map_err(Problem::from)
}

/// Only http(s) URLs with a host: an endpoint must not make the host read
/// files or speak other protocols.
pub fn check_url(url: &str) -> Result<(), &'static str> {
    if url.len() > MAX_URL {
        return Err("must be at most 2000 characters");
    }
    let parsed: Uri = url.parse().map_err(|_| "must be an absolute http(s) URL")?;
    match parsed.scheme_str() {
        Some("http" | "https") => {}
        _ => return Err("must be an http:// or https:// URL"),
    }
    if parsed.host().is_none_or(str::is_empty) {
        return Err("must name a host");
    }
    if parsed.authority().is_some_and(|authority| authority.as_str().contains('@')) {
        return Err("must not carry a user name or password");
    }
    Ok(())
}

/// An endpoint as the API shows it: the secret only as its last four characters.
pub fn view(row: &EndpointRow) -> Value {
    let hint: String = row.secret.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    let previous_until = row.previous_until.filter(|until| *until > crate::clock::real_seconds());
    json!({
        "id": row.id, "url": row.url, "types": row.types, "description": row.description,
        "enabled": row.enabled, "secretHint": format!("…{hint}"),
        "previousSecretValidUntil": previous_until.and_then(Timestamp::from_unix),
        "createdAt": Timestamp::from_unix(row.created_at), "updatedAt": Timestamp::from_unix(row.updated_at),
    })
}

fn no_endpoint() -> Problem {
    Problem::not_found("no-endpoint", "No such endpoint").with_detail("No event endpoint has this id.")
}

fn new_secret() -> String {
    new_id("tsec")
}

/// `GET /v1/admin/events/endpoints`.
pub async fn get_endpoints(State(state): State<AppState>, _admin: Admin) -> Result<Json<Value>, Problem> {
    let rows = stored::endpoints(&mut *state.store.read().await?).await?;
    Ok(Json(json!({ "endpoints": rows.iter().map(view).collect::<Vec<_>>(), "types": TYPES })))
}

/// `POST /v1/admin/events/endpoints`: 201 with the secret, shown this once.
pub async fn post_endpoint(
    State(state): State<AppState>,
    _admin: Admin,
    ApiJson { value: input, .. }: ApiJson<EndpointInput>,
) -> Result<Response, Problem> {
    check(&input)?;
    let now = crate::clock::real_seconds();
    let row = EndpointRow {
        id: new_id("end"),
        url: input.url,
        types: input.types,
        description: input.description,
        secret: new_secret(),
        previous_secret: None,
        previous_until: None,
        enabled: input.enabled,
        created_at: now,
        updated_at: now,
    };
    let mut transaction = state.store.write().await?;
    stored::insert_endpoint(&mut transaction, &row).await?;
    transaction.commit().await?;
    let mut body = view(&row);
    body["secret"] = json!(row.secret);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `PUT /v1/admin/events/endpoints/{id}`: a new URL, types, description or
/// state; the secret stays.
pub async fn put_endpoint(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
    ApiJson { value: input, .. }: ApiJson<EndpointInput>,
) -> Result<Json<Value>, Problem> {
    check(&input)?;
    let mut transaction = state.store.write().await?;
    let mut row = stored::endpoint(&mut transaction, &id).await?.ok_or_else(no_endpoint)?;
    row.url = input.url;
    row.types = input.types;
    row.description = input.description;
    row.enabled = input.enabled;
    row.updated_at = crate::clock::real_seconds();
    stored::update_endpoint(&mut transaction, &row).await?;
    transaction.commit().await?;
    Ok(Json(view(&row)))
}

/// `DELETE /v1/admin/events/endpoints/{id}`: 204; its deliveries stay in the log.
pub async fn delete_endpoint(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
) -> Result<StatusCode, Problem> {
    let mut transaction = state.store.write().await?;
    let deleted = stored::delete_endpoint(&mut transaction, &id).await?;
    transaction.commit().await?;
    if deleted {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(no_endpoint())
    }
}

/// `POST /v1/admin/events/endpoints/{id}/secret`: a new secret, shown this
/// once; the old one signs beside it for [`ROTATION_GRACE_SECONDS`].
pub async fn post_secret(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let mut transaction = state.store.write().await?;
    let mut row = stored::endpoint(&mut transaction, &id).await?.ok_or_else(no_endpoint)?;
    let now = crate::clock::real_seconds();
    row.previous_secret = Some(std::mem::replace(&mut row.secret, new_secret()));
    row.previous_until = Some(now + ROTATION_GRACE_SECONDS);
    row.updated_at = now;
    stored::update_endpoint(&mut transaction, &row).await?;
    transaction.commit().await?;
    let mut body = view(&row);
    body["secret"] = json!(row.secret);
    Ok(Json(body))
}

#[cfg(test)]
mod tests {
    use super::check_url;

    #[test]
    fn only_http_and_https_urls_with_a_host_are_endpoints() {
        for good in ["https://hooks.example/treu", "http://127.0.0.1:9000/in", "https://a.example:8443/x?y=1"] {
            assert_eq!(check_url(good), Ok(()), "{good}");
        }
        for bad in [
            "ftp://files.example/x",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "hooks.example/treu",
            "https://",
            "https://user:pw@hooks.example/",
            "",
            "https://hooks example/",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
