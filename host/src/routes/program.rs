use crate::app::AppState;
use crate::problem::Problem;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;

/// `GET /v1/program`: the program in force, as the storefront widgets need it.
/// A program holds rules and display names only; nothing in it is secret.
pub async fn get_program(State(state): State<AppState>) -> Result<impl IntoResponse, Problem> {
    let stored = state.program()?;
    let headers =
        [(header::CACHE_CONTROL, "no-cache".to_owned()), (header::ETAG, format!("\"program-{}\"", stored.version))];
    Ok((headers, Json(stored.program)))
}
