//! `GET /v1/admin/customers` and `/v1/admin/customers/{id}`: finding a
//! member and seeing everything about them.

use crate::admin_session::Admin;
use crate::customers::{detail, list, MAX_LIST};
use crate::problem::Problem;
use crate::routes::query;
use crate::state::AppState;
use crate::views::customers::CustomerList;
use crate::views::Body;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    /// Part of an id, email or name.
    q: Option<String>,
    /// 1 to 200 (default 50).
    limit: Option<i64>,
}

/// `GET /v1/admin/customers?q=<text>&limit=50`.
pub async fn get_customers(
    State(state): State<AppState>,
    _admin: Admin,
    search: Result<Query<Search>, axum::extract::rejection::QueryRejection>,
) -> Result<Body<CustomerList>, Problem> {
    let search = query(search)?;
    let limit = search.limit.unwrap_or(50);
    if !(1..=MAX_LIST).contains(&limit) {
        return Err(Problem::invalid("limit", format!("must be from 1 to {MAX_LIST}")));
    }
    let text = search.q.as_deref().map(str::trim).filter(|text| !text.is_empty());
    let program = state.program().await?.program;
    Ok(Body(list(&mut *state.store.read().await?, &program, text, limit, crate::clock::now()).await?))
}

/// `GET /v1/admin/customers/{id}`.
pub async fn get_customer(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    let program = state.program().await?.program;
    Ok(Json(detail(&mut *state.store.read().await?, &program, &id, crate::clock::now()).await?))
}
