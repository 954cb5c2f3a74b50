use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

/// `GET /healthz`: the process is up and its database answers.
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, Problem> {
    state.store.current_program().await?;
    Ok(Json(json!({ "status": "ok" })))
}
