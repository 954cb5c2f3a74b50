//! Admin endpoints: the program with its versions (who saved each, and
//! restores) and goodwill adjustments. All take the admin token or a
//! dashboard session (`admin_session.rs`).

use crate::account::Account;
use crate::admin_session::Admin;
use crate::extract::{parse_json, ApiJson, IdempotencyKey, JsonBytes};
use crate::idempotency::{self, Reply};
use crate::problem::Problem;
use crate::routes::query;
use crate::state::AppState;
use crate::storage::customers::Known;
use crate::storage::programs::{self, StoredProgram};
use crate::views::admin::{AdjustmentResult, AdminProgram, VersionView};
use crate::views::{BalanceView, Body};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use treu::engine::ledger::{Policy, Request};
use treu::engine::program::Program;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionQuery {
    version: Option<i64>,
}

fn no_version() -> Problem {
    Problem::not_found("no-program", "No such program version").with_detail("No program was saved with this version.")
}

/// `GET /v1/admin/program`: the program in force (or `?version=N`) and the list of versions.
pub async fn get_program(
    State(state): State<AppState>,
    _admin: Admin,
    version: Result<Query<VersionQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let version = query(version)?.version;
    let mut conn = state.store.read().await?;
    let stored = programs::program_version(&mut conn, version).await?.ok_or_else(no_version)?;
    let versions = programs::program_versions(&mut conn).await?;
    let view =
        AdminProgram { versions: Some(versions.iter().map(VersionView::from).collect()), ..AdminProgram::of(&stored) };
    Ok(Body(view).into_response())
}

/// `PUT /v1/admin/program`: validates the program with the engine and puts it
/// in force as a new version (every version is kept), by the caller.
pub async fn put_program(
    State(state): State<AppState>,
    admin: Admin,
    JsonBytes(raw): JsonBytes,
) -> Result<Response, Problem> {
    let program: Program = parse_json(&raw, "program")?;
    let program = program.validated()?;
    let (stored, _) = save(&state, &program, &admin.author(), None).await?;
    Ok(Body(AdminProgram::of(&stored)).into_response())
}

/// `POST /v1/admin/program/versions/{version}/restore`: puts an old version
/// in force again as a new version noted `restored:N` (201); restoring the
/// program in force changes nothing (200). Safe to repeat.
pub async fn post_restore(
    State(state): State<AppState>,
    admin: Admin,
    Path(version): Path<i64>,
) -> Result<Response, Problem> {
    let old =
        programs::program_version(&mut *state.store.read().await?, Some(version)).await?.ok_or_else(no_version)?;
    let note = format!("restored:{version}");
    let (stored, created) = save(&state, &old.program, &admin.author(), Some(&note)).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Body(AdminProgram::of(&stored))).into_response())
}

/// Saves `program` and puts it in force; true if it made a new version.
async fn save(
    state: &AppState,
    program: &Program,
    author: &str,
    note: Option<&str>,
) -> Result<(StoredProgram, bool), Problem> {
    let mut transaction = state.store.write().await?;
    let before = programs::program_version(&mut transaction, None).await?.map(|stored| stored.version);
    let stored = programs::save_program(&mut transaction, program, author, note).await?;
    transaction.commit().await?;
    state.set_program(stored.clone());
    Ok((stored.clone(), before != Some(stored.version)))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdjustmentRequest {
    /// Points to add (or, negative, to remove).
    pub points: i64,
    /// Why, shown in the member's history.
    pub reason: String,
}

/// `POST /v1/admin/customers/{id}/adjustments`: goodwill points with a reason.
pub async fn post_adjustment(
    State(state): State<AppState>,
    _admin: Admin,
    Path(customer_id): Path<String>,
    key: IdempotencyKey,
    ApiJson { value: request, raw }: ApiJson<AdjustmentRequest>,
) -> Response {
    let route = format!("POST /v1/admin/customers/{customer_id}/adjustments");
    let idempotency_key = key.0.clone();
    let app = state.clone();
    // Read before the transaction: on PostgreSQL the look-up takes a pooled
    // connection, and a request must not wait for a second one while it holds one.
    let program = state.program().await;
    idempotency::run(&app, "admin", &key, &route, &raw, |mut transaction| async move {
        let mut errors = treu::engine::error::InputError::default();
        errors.require(
            !request.reason.trim().is_empty() && request.reason.len() <= 500,
            || "reason".into(),
            "must be 1 to 500 characters",
        );
        errors.require(
            !customer_id.trim().is_empty() && customer_id.len() <= 255,
            || "id".into(),
            "must be 1 to 255 characters",
        );
        errors.or_ok(())?;
        let program = program?.program;
        let policy = Policy::from(&program.earning);
        let now = crate::clock::now();
        let mut account = Account::open(&mut transaction, &customer_id, Known::default(), now).await?;
        account.settle(&mut transaction, &policy, now).await?;
        let adjust = Request::Adjust { reason: request.reason.clone(), points: request.points };
        let applied =
            account.write(&mut transaction, &policy, &format!("adjust:{idempotency_key}"), now, adjust).await?;
        crate::events::changes::record_changes(&mut transaction, &program, &account, now).await?;
        let body = AdjustmentResult {
            customer: customer_id,
            entries: applied.entries,
            balance: BalanceView::from(applied.balance),
        };
        Ok((transaction, Reply::created(body)))
    })
    .await
}
