use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
use treu::engine::program::Program;

/// `GET /v1/program`: the public part of the program in force, what the
/// storefront widgets and the browser's engine need to quote a cart.
pub async fn get_program(State(state): State<AppState>) -> Result<impl IntoResponse, Problem> {
    let stored = state.program().await?;
    let headers =
        [(header::CACHE_CONTROL, "no-cache".to_owned()), (header::ETAG, format!("\"program-{}\"", stored.version))];
    Ok((headers, Json(public_part(stored.program))))
}

/// The program without what only the host's fraud checks read: telling
/// shoppers how many referral rewards a day pass unchecked helps no honest one.
pub fn public_part(mut program: Program) -> Program {
    if let Some(referral) = &mut program.referral {
        referral.max_rewards_per_day = None;
    }
    program
}
