//! Marketing consent through the API (docs/mail.md, "Consent"): the signed-in
//! customer's own (`/v1/me/mail-consent`), the merchant's view and changes
//! (`/v1/admin/customers/{id}/mail-consent`), and the links of mails:
//! confirm the opt-in, and the one-click unsubscribe of RFC 8058. Both act
//! only on POST, without login; a GET shows the page with the button, since
//! mail scanners follow links in mails and must neither confirm nor unsubscribe.

use crate::admin_session::Admin;
use crate::extract::ApiJson;
use crate::identity::Member;
use crate::mail::consent;
use crate::mail::links::{self, Purpose};
use crate::mail::templates::LANGUAGES;
use crate::problem::Problem;
use crate::routes::{known, query};
use crate::state::AppState;
use crate::storage::customers;
use crate::storage::mail::ConsentRow;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use treu::engine::time::Timestamp;

/// The routes of this file.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/me/mail-consent", get(get_mine).put(put_mine))
        .route("/v1/admin/customers/{id}/mail-consent", get(get_admin).put(put_admin))
        .route("/v1/mail/confirm", get(get_confirm).post(post_confirm))
        .route("/v1/mail/unsubscribe", get(get_unsubscribe).post(post_unsubscribe))
}

fn view(row: &ConsentRow) -> Json<Value> {
    let at = |seconds: Option<i64>| seconds.and_then(Timestamp::from_unix);
    Json(json!({
        "status": row.status, "requestedAt": at(row.requested_at), "confirmedAt": at(row.confirmed_at),
        "unsubscribedAt": at(row.unsubscribed_at), "source": (row.status != "none").then_some(&row.source),
    }))
}

/// A change of consent: `marketing: true` asks for the opt-in mail, `false` unsubscribes.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsentInput {
    marketing: bool,
    /// The customer's language for mails: `de` or `en`.
    language: Option<String>,
}

fn language(input: &ConsentInput) -> Result<Option<&str>, Problem> {
    match input.language.as_deref() {
        Some(language) if !LANGUAGES.contains(&language) => Err(Problem::invalid("language", "must be de or en")),
        language => Ok(language),
    }
}

async fn change(state: &AppState, customer: &str, source: &str, input: &ConsentInput) -> Result<Json<Value>, Problem> {
    let language = language(input)?;
    let now = crate::clock::now().unix();
    let row = if input.marketing {
        consent::request(&state.store, customer, source, language, now).await?
    } else {
        consent::unsubscribe(&state.store, customer, source, now).await?
    };
    Ok(view(&row))
}

/// `GET /v1/me/mail-consent`.
pub async fn get_mine(State(state): State<AppState>, Member(claims): Member) -> Result<Json<Value>, Problem> {
    Ok(view(&consent::of(&state.store, &claims.sub).await?))
}

/// `PUT /v1/me/mail-consent`: enrols the member if new (the token's e-mail is where the opt-in goes).
pub async fn put_mine(
    State(state): State<AppState>,
    Member(claims): Member,
    ApiJson { value, .. }: ApiJson<ConsentInput>,
) -> Result<Json<Value>, Problem> {
    language(&value)?;
    let mut transaction = state.store.write().await?;
    customers::ensure(&mut transaction, &claims.sub, known(&claims), crate::clock::now().unix()).await?;
    transaction.commit().await?;
    change(&state, &claims.sub, "storefront", &value).await
}

async fn existing(state: &AppState, id: &str) -> Result<(), Problem> {
    match customers::customer(&mut *state.store.read().await?, id).await? {
        Some(_) => Ok(()),
        None => Err(Problem::not_found("no-customer", "No such customer")),
    }
}

/// `GET /v1/admin/customers/{id}/mail-consent`.
pub async fn get_admin(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<Value>, Problem> {
    existing(&state, &id).await?;
    Ok(view(&consent::of(&state.store, &id).await?))
}

/// `PUT /v1/admin/customers/{id}/mail-consent`: the merchant asks (the customer still confirms) or unsubscribes.
pub async fn put_admin(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
    ApiJson { value, .. }: ApiJson<ConsentInput>,
) -> Result<Json<Value>, Problem> {
    existing(&state, &id).await?;
    change(&state, &id, "admin", &value).await
}

/// A link's token.
#[derive(Deserialize)]
pub struct TokenQuery {
    token: String,
}

async fn verified(state: &AppState, purpose: Purpose, token: &str) -> Result<links::Link, Problem> {
    let secret = links::secret(&state.store).await?;
    links::verify(&secret, purpose, token).ok_or_else(|| Problem::invalid("token", "is not a valid link of this shop"))
}

/// A small page in the customer's browser; `message` is fixed text of ours.
fn page(status: StatusCode, title: &str, message: &str, form: Option<(&str, &str)>) -> Response {
    let form = form
        .map(|(action, button)| {
            format!(
                "<form method=\"post\" action=\"{}\"><button type=\"submit\">{button}</button></form>",
                minijinja::HtmlEscape(action)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>{title}</title></head><body><h1>{title}</h1><p>{message}</p>{form}</body></html>"
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// `GET /v1/mail/confirm?token=…`: the opt-in's link, a page with the confirm button (nothing changes on GET).
pub async fn get_confirm(
    State(state): State<AppState>,
    token: Result<Query<TokenQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let token = query(token)?.token;
    verified(&state, Purpose::Confirm, &token).await?;
    let action = format!("/v1/mail/confirm?token={token}");
    let message = "Would you like news about your points? Möchten Sie Neuigkeiten zu Ihren Punkten?";
    Ok(page(StatusCode::OK, "Confirm / Bestätigen", message, Some((&action, "Yes / Ja"))))
}

/// `POST /v1/mail/confirm?token=…`: confirms the request the link answers.
pub async fn post_confirm(
    State(state): State<AppState>,
    token: Result<Query<TokenQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let link = verified(&state, Purpose::Confirm, &query(token)?.token).await?;
    Ok(match consent::confirm(&state.store, &link, crate::clock::now().unix()).await? {
        Some(_) => page(
            StatusCode::OK,
            "Confirmed / Bestätigt",
            "Thank you: you will get news about your points. Danke: Sie erhalten Neuigkeiten zu Ihren Punkten.",
            None,
        ),
        None => page(
            StatusCode::CONFLICT,
            "Link expired / Link abgelaufen",
            "This link answers an older request. Dieser Link gehört zu einer älteren Anfrage.",
            None,
        ),
    })
}

/// `GET /v1/mail/unsubscribe?token=…`: a page with the button (nothing changes on GET).
pub async fn get_unsubscribe(
    State(state): State<AppState>,
    token: Result<Query<TokenQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let token = query(token)?.token;
    verified(&state, Purpose::Unsubscribe, &token).await?;
    let action = format!("/v1/mail/unsubscribe?token={token}");
    Ok(page(
        StatusCode::OK,
        "Unsubscribe / Abmelden",
        "No more mails about your points? Keine Mails mehr zu Ihren Punkten?",
        Some((&action, "Unsubscribe / Abmelden")),
    ))
}

/// `POST /v1/mail/unsubscribe?token=…`: one click, no login (RFC 8058); the
/// body (`List-Unsubscribe=One-Click`) is not needed to act.
pub async fn post_unsubscribe(
    State(state): State<AppState>,
    token: Result<Query<TokenQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let link = verified(&state, Purpose::Unsubscribe, &query(token)?.token).await?;
    consent::unsubscribe(&state.store, &link.customer, "link", crate::clock::now().unix()).await?;
    Ok(page(
        StatusCode::OK,
        "Unsubscribed / Abgemeldet",
        "You will get no more mails about your points. Sie erhalten keine Mails mehr zu Ihren Punkten.",
        None,
    ))
}
