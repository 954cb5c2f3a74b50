//! The dashboard's live preview: `PUT /v1/admin/preview` stores a draft for
//! the session, and `/v1/admin/preview/v1/...` answers the storefront's reads
//! with it (same shapes as `/v1/program`, `/v1/me`, `/v1/quote`); writes are
//! refused with 403 `preview-read-only`.

use crate::admin_session::{self, Admin, Caller, DashboardSession};
use crate::extract::{parse_json, ApiJson, JsonBytes};
use crate::identity::Claims;
use crate::preview::{self, Draft};
use crate::problem::Problem;
use crate::routes::program::public_part;
use crate::routes::query;
use crate::routes::quote::{quote_for, QuoteRequest};
use crate::state::AppState;
use crate::views::{checked_page, Body, HistoryPage};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::Value;
use treu::engine::program::Program;
use treu::engine::quote::Quote;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviewQuery {
    /// The sample member's customer id.
    member: Option<String>,
}

/// `PUT /v1/admin/preview[?member=ID]`: validates the draft like
/// `PUT /v1/admin/program` and keeps it for this session.
pub async fn put_preview(
    State(state): State<AppState>,
    admin: Admin,
    params: Result<Query<PreviewQuery>, axum::extract::rejection::QueryRejection>,
    JsonBytes(raw): JsonBytes,
) -> Result<Response, Problem> {
    let Caller::Session(session) = admin.0 else {
        return Err(Problem::unauthorized("the preview belongs to a dashboard session; sign in at /admin"));
    };
    let params = query(params)?;
    let program: Program = parse_json(&raw, "program")?;
    let program = program.validated()?;
    let member = preview::sample_member(&mut *state.store.read().await?, params.member.as_deref()).await?;
    let token = member.as_ref().map(|_| preview::new_token());
    let draft = Draft { program, member, token, expires_at: session.expires_at };
    state.previews.put(&session.id_hash, draft.clone(), admin_session::wall_now());
    Ok(Body(preview::token_body(&draft)).into_response())
}

/// `GET /v1/admin/preview/v1/program`: the draft, as `GET /v1/program` shows a program.
pub async fn get_program(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
) -> Result<impl IntoResponse, Problem> {
    // Never cached: the next draft comes at the same URL.
    let program = public_part(state.previews.get(&session.id_hash)?.program);
    Ok(([(header::CACHE_CONTROL, "no-store")], Json(program)))
}

/// `GET /v1/admin/preview/v1/me`: the sample member under the draft (Bearer = preview token).
pub async fn get_me(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
    headers: HeaderMap,
    page: Result<Query<HistoryPage>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, Problem> {
    let page = checked_page(query(page)?)?;
    let draft = state.previews.get(&session.id_hash)?;
    let member = preview::member_of(&draft, &headers)?
        .ok_or_else(|| Problem::unauthorized("the preview token is required; PUT /v1/admin/preview answers it"))?;
    Ok(Json(preview::member(&state, &draft, &member, &page).await?))
}

/// `POST /v1/admin/preview/v1/quote`: the draft's quote for the sample member
/// (with the preview token) or a guest. Stores nothing, so it needs no
/// idempotency key and no CSRF header.
pub async fn post_quote(
    State(state): State<AppState>,
    DashboardSession(session): DashboardSession,
    headers: HeaderMap,
    ApiJson { value: request, .. }: ApiJson<QuoteRequest>,
) -> Result<Json<Quote>, Problem> {
    let draft = state.previews.get(&session.id_hash)?;
    let claims = preview::member_of(&draft, &headers)?.map(|sub| Claims { sub, exp: 0, email: None, name: None });
    let mut conn = state.store.read().await?;
    Ok(Json(quote_for(&mut conn, &draft.program, claims.as_ref(), &request.cart, crate::clock::now()).await?))
}

/// Redemptions, actions and referral claims on the preview: 403 `preview-read-only`.
pub async fn post_write() -> Problem {
    preview::read_only()
}
