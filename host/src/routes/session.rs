//! `/v1/admin/session`: the dashboard signs in with the admin token and gets a
//! session cookie (see `admin_session.rs`), reads its session, and signs out.

use crate::admin_session::{self, Admin, Caller, SessionView, SignIn};
use crate::extract::{ApiJson, ClientIp};
use crate::problem::Problem;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// `POST /v1/admin/session` `{"token", "name"?}` → 201 and the cookie.
pub async fn post_session(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson { value: request, .. }: ApiJson<SignIn>,
) -> Result<Response, Problem> {
    let https = admin_session::over_https(&headers);
    let (view, cookie) = admin_session::sign_in(&state, ip.0, request, https).await?;
    Ok((StatusCode::CREATED, [(header::SET_COOKIE, cookie), (header::CACHE_CONTROL, "no-store".into())], Json(view))
        .into_response())
}

/// `GET /v1/admin/session`: the signed-in session, 401 without one.
pub async fn get_session(admin: Admin) -> Result<Response, Problem> {
    match admin.0 {
        Caller::Session(session) => {
            Ok(([(header::CACHE_CONTROL, "no-store")], Json(SessionView::from(&session))).into_response())
        }
        Caller::Api => Err(Problem::unauthorized("the admin token has no dashboard session; sign in at /admin")),
    }
}

/// `DELETE /v1/admin/session`: signs out (needs `X-CSRF-Token`), 204.
pub async fn delete_session(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let cookie = admin_session::sign_out(&state, &admin, admin_session::over_https(&headers)).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}
