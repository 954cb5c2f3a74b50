use crate::problem::Problem;
use crate::state::AppState;
use crate::views::admin::Health;
use crate::views::Body;
use axum::extract::State;

/// `GET /healthz`: the process is up and its database answers.
pub async fn healthz(State(state): State<AppState>) -> Result<Body<Health>, Problem> {
    state.store.current_program().await?;
    Ok(Body(Health { status: "ok" }))
}
