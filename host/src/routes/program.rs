use crate::app::AppState;
use crate::problem::Problem;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;

/// `GET /v1/program`: the program in force, as the storefront widgets need it.
pub async fn get_program(State(state): State<AppState>) -> Result<impl IntoResponse, Problem> {
    let stored = state.store.current_program().await?.ok_or_else(|| {
        Problem::new(StatusCode::NOT_FOUND, "no-program", "No program configured")
            .with_detail("The merchant has not saved a loyalty program yet.")
    })?;
    let headers =
        [(header::CACHE_CONTROL, "no-cache".to_owned()), (header::ETAG, format!("\"program-{}\"", stored.version))];
    Ok((headers, Json(stored.program)))
}
