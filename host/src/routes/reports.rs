//! Admin reports: retention and the dashboard's overview. Definitions of every
//! figure: `docs/metrics.md`.

use crate::admin_session::Admin;
use crate::problem::Problem;
use crate::reports::{histories, overview_input, period};
use crate::routes::query;
use crate::state::AppState;
use crate::views::admin::RetentionReport;
use crate::views::Body;
use axum::extract::{Query, State};
use axum::Json;
use serde::Deserialize;
use treu::engine::metrics::{monthly, CustomerHistory};
use treu::engine::reports::{overview, Overview};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
}

type PeriodParams = Result<Query<PeriodQuery>, axum::extract::rejection::QueryRejection>;

/// `GET /v1/admin/reports/retention?from=YYYY-MM-DD&to=YYYY-MM-DD`: the
/// engine's metrics for the period (retention (E − N) / S × 100 and more) and
/// the same month by month.
pub async fn get_retention(
    State(state): State<AppState>,
    _admin: Admin,
    params: PeriodParams,
) -> Result<Body<RetentionReport>, Problem> {
    let params = query(params)?;
    let (from, to) = period(params.from.as_deref(), params.to.as_deref())?;
    let program = state.program().await?.program;
    let customers: Vec<CustomerHistory> = histories(&mut *state.store.read().await?).await?.into_values().collect();
    let summary = treu::engine::metrics::period(&customers, &program, from, to);
    let series = monthly(&customers, &program, from, to);
    Ok(Body(RetentionReport { period: summary, monthly: series }))
}

/// `GET /v1/admin/reports/overview?from=YYYY-MM-DD&to=YYYY-MM-DD`: members,
/// points, stages, referrals and revenue for the dashboard.
pub async fn get_overview(
    State(state): State<AppState>,
    _admin: Admin,
    params: PeriodParams,
) -> Result<Json<Overview>, Problem> {
    let params = query(params)?;
    let (from, to) = period(params.from.as_deref(), params.to.as_deref())?;
    let program = state.program().await?.program;
    let input = overview_input(&mut *state.store.read().await?).await?;
    Ok(Json(overview(&input, &program, from, to)))
}
