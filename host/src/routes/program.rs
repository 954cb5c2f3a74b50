use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use treu::engine::program::Program;

/// `GET /v1/program`: the public part of the program in force, what the
/// storefront widgets and the browser's engine need to quote a cart. Every
/// page view asks for it again (`no-cache`); a browser that holds this very
/// program (its `ETag` in `If-None-Match`) gets `304 Not Modified` and no body.
/// The tag is the version and a hash of the program (a database started
/// afresh counts versions from 1 again, with another program); it is weak,
/// since it names the program however the answer is encoded (gzipped for
/// clients that accept it, `app.rs`).
pub async fn get_program(State(state): State<AppState>, request: HeaderMap) -> Result<Response, Problem> {
    let stored = state.program().await?;
    let body = serde_json::to_vec(&public_part(stored.program)).map_err(Problem::internal)?;
    let hash = hex::encode(&Sha256::digest(&body)[..8]);
    let etag = format!("W/\"program-{}-{hash}\"", stored.version);
    let headers = [(header::CACHE_CONTROL, "no-cache".to_owned()), (header::ETAG, etag.clone())];
    if super::if_none_match(&request, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    Ok((headers, [(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The program without what only the host's fraud checks read: telling
/// shoppers how many referral rewards a day pass unchecked helps no honest one.
pub fn public_part(mut program: Program) -> Program {
    if let Some(referral) = &mut program.referral {
        referral.max_rewards_per_day = None;
    }
    program
}
