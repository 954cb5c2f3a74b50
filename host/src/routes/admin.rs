//! Admin endpoints: the program with its versions, the retention report and
//! goodwill adjustments. All need `Authorization: Bearer <TREU_ADMIN_TOKEN>`.

use crate::account::Account;
use crate::app::AppState;
use crate::extract::{parse_json, ApiJson, IdempotencyKey, JsonBytes};
use crate::idempotency::{self, Reply};
use crate::identity::Admin;
use crate::problem::Problem;
use crate::routes::me::BalanceView;
use crate::storage::customers::Known;
use crate::storage::{self, ledger, orders};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use treu::engine::ledger::{Policy, Request};
use treu::engine::metrics::{monthly, period, CustomerHistory};
use treu::engine::program::Program;
use treu::engine::time::{Date, Timestamp};

type QueryResult<T> = Result<Query<T>, axum::extract::rejection::QueryRejection>;

fn query<T>(query: QueryResult<T>) -> Result<T, Problem> {
    query.map(|Query(value)| value).map_err(|rejection| Problem::invalid("query", rejection.body_text()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionQuery {
    version: Option<i64>,
}

/// `GET /v1/admin/program`: the program in force (or `?version=N`) and the list of versions.
pub async fn get_program(
    State(state): State<AppState>,
    _admin: Admin,
    version: QueryResult<VersionQuery>,
) -> Result<Json<Value>, Problem> {
    let version = query(version)?.version;
    let mut conn = state.store.read().await?;
    let stored = storage::program_version(&mut conn, version).await?.ok_or_else(|| {
        Problem::not_found("no-program", "No such program version")
            .with_detail("No program was saved with this version.")
    })?;
    let versions: Vec<Value> = storage::program_versions(&mut conn)
        .await?
        .into_iter()
        .map(|(version, created_at)| json!({ "version": version, "createdAt": Timestamp::from_unix(created_at) }))
        .collect();
    Ok(Json(json!({ "version": stored.version, "createdAt": Timestamp::from_unix(stored.created_at),
                    "program": stored.program, "versions": versions })))
}

/// `PUT /v1/admin/program`: validates the program with the engine and puts it
/// in force as a new version (every version is kept).
pub async fn put_program(
    State(state): State<AppState>,
    _admin: Admin,
    JsonBytes(raw): JsonBytes,
) -> Result<Json<Value>, Problem> {
    let program: Program = parse_json(&raw, "program")?;
    let program = program.validated()?;
    let stored = state.store.save_program(&program).await?;
    state.set_program(stored.clone());
    Ok(Json(json!({ "version": stored.version, "createdAt": Timestamp::from_unix(stored.created_at),
                    "program": stored.program })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
}

/// `GET /v1/admin/reports/retention?from=YYYY-MM-DD&to=YYYY-MM-DD`: the
/// engine's metrics for the period (retention (E − N) / S × 100 and more) and
/// the same month by month.
pub async fn get_retention(
    State(state): State<AppState>,
    _admin: Admin,
    period_query: QueryResult<PeriodQuery>,
) -> Result<Json<Value>, Problem> {
    let period_query = query(period_query)?;
    let mut errors = treu::engine::error::InputError::default();
    let mut date = |name: &str, value: &Option<String>| match value.as_deref().map(Date::parse) {
        Some(Ok(date)) => Some(date),
        Some(Err(reason)) => {
            errors.push(name, reason);
            None
        }
        None => {
            errors.push(name, "is required, as YYYY-MM-DD");
            None
        }
    };
    let (from, to) = (date("from", &period_query.from), date("to", &period_query.to));
    if let (Some(from), Some(to)) = (from, to) {
        errors.require(from <= to, || "to".into(), "must not be before from");
    }
    errors.or_ok(())?;
    let (Some(from), Some(to)) = (from, to) else { return Err(Problem::invalid("from", "is required")) };
    let program = state.program()?.program;
    let mut conn = state.store.read().await?;
    let mut histories: BTreeMap<String, CustomerHistory> = BTreeMap::new();
    for order in orders::all_orders(&mut conn).await?.into_iter().filter(|order| order.status != "cancelled") {
        if let Some(placed_at) = Timestamp::from_unix(order.placed_at) {
            histories.entry(order.customer_id).or_default().orders.push(placed_at);
        }
    }
    for (customer, entry) in ledger::all_entries(&mut conn).await? {
        histories.entry(customer).or_default().entries.push(entry);
    }
    let customers: Vec<CustomerHistory> = histories.into_values().collect();
    let summary = period(&customers, &program, from, to);
    let series = monthly(&customers, &program, from, to);
    Ok(Json(json!({ "period": summary, "monthly": series })))
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
    idempotency::run(&app, "admin", &key, &route, &raw, |mut transaction| async move {
        let mut errors = treu::engine::error::InputError::default();
        errors.require(!request.reason.trim().is_empty() && request.reason.len() <= 500, || "reason".into(), "must be 1 to 500 characters");
        errors.require(!customer_id.trim().is_empty() && customer_id.len() <= 255, || "id".into(), "must be 1 to 255 characters");
        errors.or_ok(())?;
        let program = state.program()?.program;
        let policy = Policy::from(&program.earning);
        let now = crate::clock::now();
        let mut account = Account::open(&mut transaction, &customer_id, Known::default(), now).await?;
        account.settle(&mut transaction, &policy, now).await?;
        let adjust = Request::Adjust { reason: request.reason.clone(), points: request.points };
        let applied = account.write(&mut transaction, &policy, &format!("adjust:{idempotency_key}"), now, adjust).await?;
        let body = json!({ "customer": customer_id, "entries": applied.entries, "balance": BalanceView::from(applied.balance) });
        Ok((transaction, Reply::created(body)))
    })
    .await
}
