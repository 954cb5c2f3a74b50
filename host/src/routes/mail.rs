//! `/v1/admin/mail/…`: the shop's mail settings, the templates (the
//! merchant's or the shipped defaults), a preview for a sample customer, the
//! delivery log and, in the demo, the local inbox (docs/mail.md).

use crate::admin_session::Admin;
use crate::extract::ApiJson;
use crate::mail::context::{self, Shop};
use crate::mail::schedule::{format_minutes, parse_minutes};
use crate::mail::templates::{self, Template, KINDS, LANGUAGES};
use crate::problem::Problem;
use crate::routes::query;
use crate::state::AppState;
use crate::storage::from_json;
use crate::storage::mail::{self as stored, LogRow, SettingsRow, TemplateRow};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use treu::engine::error::InputError;
use treu::engine::time::Timestamp;

/// The routes of this file.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/admin/mail/settings", get(get_settings).put(put_settings))
        .route("/v1/admin/mail/templates", get(get_templates))
        .route("/v1/admin/mail/templates/{kind}/{language}", put(put_template).delete(delete_template))
        .route("/v1/admin/mail/preview", post(post_preview))
        .route("/v1/admin/mail/log", get(get_log))
        .route("/v1/admin/mail/inbox", get(get_inbox))
}

fn settings_view(row: &SettingsRow) -> Value {
    json!({
        "shopName": row.shop_name, "defaultLanguage": row.default_language, "timezone": row.timezone,
        "quietStart": format_minutes(row.quiet_start), "quietEnd": format_minutes(row.quiet_end),
        "sending": crate::mail::mailer().is_some(),
    })
}

/// `GET /v1/admin/mail/settings`.
pub async fn get_settings(State(state): State<AppState>, _admin: Admin) -> Result<Json<Value>, Problem> {
    Ok(Json(settings_view(&stored::settings(&mut *state.store.read().await?).await?)))
}

/// The settings a merchant sets.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsInput {
    shop_name: String,
    default_language: String,
    timezone: String,
    quiet_start: String,
    quiet_end: String,
}

/// `PUT /v1/admin/mail/settings`.
pub async fn put_settings(
    State(state): State<AppState>,
    _admin: Admin,
    ApiJson { value, .. }: ApiJson<SettingsInput>,
) -> Result<Json<Value>, Problem> {
    let mut errors = InputError::default();
    let name = value.shop_name.trim();
    errors.require(
        !name.is_empty() && name.chars().count() <= 100,
        || "shopName".into(),
        "must be 1 to 100 characters",
    );
    errors.require(
        LANGUAGES.contains(&value.default_language.as_str()),
        || "defaultLanguage".into(),
        "must be de or en",
    );
    errors.require(
        jiff::tz::TimeZone::get(&value.timezone).is_ok(),
        || "timezone".into(),
        "must be an IANA time zone, e.g. Europe/Berlin",
    );
    let start = parse_minutes(&value.quiet_start);
    let end = parse_minutes(&value.quiet_end);
    errors.require(start.is_some(), || "quietStart".into(), "must be a time of day as HH:MM");
    errors.require(end.is_some(), || "quietEnd".into(), "must be a time of day as HH:MM");
    errors.or_ok(()).map_err(Problem::from)?;
    let mut row = stored::settings(&mut *state.store.read().await?).await?;
    row.shop_name = name.to_owned();
    row.default_language = value.default_language;
    row.timezone = value.timezone;
    row.quiet_start = start.unwrap_or_default();
    row.quiet_end = end.unwrap_or_default();
    let mut transaction = state.store.write().await?;
    stored::save_settings(&mut transaction, &row, crate::events::now_ms()).await?;
    transaction.commit().await?;
    Ok(Json(settings_view(&row)))
}

fn template_view(kind: &str, language: &str, template: &Template, custom: bool) -> Value {
    json!({
        "kind": kind, "language": language, "subject": template.subject, "text": template.text,
        "html": template.html, "custom": custom,
    })
}

/// `GET /v1/admin/mail/templates`: every kind in every language, as in force.
pub async fn get_templates(State(state): State<AppState>, _admin: Admin) -> Result<Json<Value>, Problem> {
    let rows = stored::templates(&mut *state.store.read().await?).await?;
    let mut list = Vec::new();
    for kind in KINDS {
        for language in LANGUAGES {
            let custom = rows.iter().any(|row| row.kind == *kind && row.language == *language);
            if let Some(template) = templates::in_force(&rows, kind, language) {
                list.push(template_view(kind, language, &template, custom));
            }
        }
    }
    Ok(Json(json!({ "templates": list })))
}

/// A template as the merchant writes it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TemplateInput {
    subject: String,
    text: String,
    html: String,
}

fn known(kind: &str, language: &str) -> Result<(), Problem> {
    if !KINDS.contains(&kind) {
        return Err(
            Problem::not_found("no-template", "No such template").with_detail(format!("Kinds: {}.", KINDS.join(", ")))
        );
    }
    if !LANGUAGES.contains(&language) {
        return Err(Problem::not_found("no-template", "No such template").with_detail("Languages: de, en."));
    }
    Ok(())
}

/// Renders `template` as `kind` for the sample customer: a template that does
/// not render is refused with the part that failed.
async fn try_render(state: &AppState, kind: &str, language: &str, template: &Template) -> Result<Value, Problem> {
    let shop = Shop::load(&state.store).await?;
    let sample = context::sample(&shop, kind, language);
    let mail = templates::render(template, &sample, &shop.settings.timezone, language)
        .map_err(|(part, error)| Problem::invalid(part, error))?;
    Ok(json!({ "subject": mail.subject, "text": mail.text, "html": mail.html }))
}

/// `PUT /v1/admin/mail/templates/{kind}/{language}`.
pub async fn put_template(
    State(state): State<AppState>,
    _admin: Admin,
    Path((kind, language)): Path<(String, String)>,
    ApiJson { value, .. }: ApiJson<TemplateInput>,
) -> Result<Json<Value>, Problem> {
    known(&kind, &language)?;
    let mut errors = InputError::default();
    errors.require(
        !value.subject.trim().is_empty() && value.subject.len() <= 1000,
        || "subject".into(),
        "must be 1 to 1000 bytes",
    );
    errors.require(
        !value.text.trim().is_empty() && value.text.len() <= 20_000,
        || "text".into(),
        "must be 1 to 20000 bytes",
    );
    errors.require(
        !value.html.trim().is_empty() && value.html.len() <= 50_000,
        || "html".into(),
        "must be 1 to 50000 bytes",
    );
    errors.or_ok(()).map_err(Problem::from)?;
    let template = Template { subject: value.subject, text: value.text, html: value.html };
    try_render(&state, &kind, &language, &template).await?;
    let row = TemplateRow {
        kind: kind.clone(),
        language: language.clone(),
        subject: template.subject.clone(),
        text_body: template.text.clone(),
        html_body: template.html.clone(),
        updated_at: crate::events::now_ms(),
    };
    let mut transaction = state.store.write().await?;
    stored::save_template(&mut transaction, &row).await?;
    transaction.commit().await?;
    Ok(Json(template_view(&kind, &language, &template, true)))
}

/// `DELETE /v1/admin/mail/templates/{kind}/{language}`: back to the shipped default.
pub async fn delete_template(
    State(state): State<AppState>,
    _admin: Admin,
    Path((kind, language)): Path<(String, String)>,
) -> Result<Json<Value>, Problem> {
    known(&kind, &language)?;
    let mut transaction = state.store.write().await?;
    stored::delete_template(&mut transaction, &kind, &language).await?;
    transaction.commit().await?;
    let template =
        templates::default(&kind, &language).ok_or_else(|| Problem::internal("a shipped template is missing"))?;
    Ok(Json(template_view(&kind, &language, &template, false)))
}

/// A draft to preview.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PreviewInput {
    kind: String,
    language: String,
    subject: String,
    text: String,
    html: String,
}

/// `POST /v1/admin/mail/preview`: the draft rendered for the sample customer.
pub async fn post_preview(
    State(state): State<AppState>,
    _admin: Admin,
    ApiJson { value, .. }: ApiJson<PreviewInput>,
) -> Result<Json<Value>, Problem> {
    known(&value.kind, &value.language)
        .map_err(|_| Problem::invalid("kind", "must be a kind and language of GET /v1/admin/mail/templates"))?;
    let template = Template { subject: value.subject, text: value.text, html: value.html };
    try_render(&state, &value.kind, &value.language, &template).await.map(Json)
}

/// A page of the log.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LogQuery {
    customer: Option<String>,
    /// The previous page's `nextBefore`.
    before: Option<i64>,
    /// 1 to 100, default 50.
    limit: Option<i64>,
}

fn log_view(row: &LogRow) -> Result<Value, Problem> {
    Ok(json!({
        "id": row.id, "customerId": row.customer_id, "recipient": row.recipient, "kind": row.kind,
        "subject": row.subject, "status": row.status, "reason": row.reason,
        "events": from_json::<Value>(&row.events)?, "at": Timestamp::from_unix(row.at),
    }))
}

/// `GET /v1/admin/mail/log`: newest first.
pub async fn get_log(
    State(state): State<AppState>,
    _admin: Admin,
    page: Result<Query<LogQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, Problem> {
    let page = query(page)?;
    let limit = crate::routes::log_limit(page.limit)?;
    let before = page.before.unwrap_or(i64::MAX);
    let rows = stored::log_page(&mut *state.store.read().await?, page.customer.as_deref(), before, limit).await?;
    let next = (rows.len() as i64 == limit).then(|| rows.last().map(|row| row.created_at)).flatten();
    let entries = rows.iter().map(log_view).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(json!({ "entries": entries, "nextBefore": next })))
}

/// `GET /v1/admin/mail/inbox`: demo only, the local sink's mails, newest first.
pub async fn get_inbox(_admin: Admin) -> Result<Json<Value>, Problem> {
    let Some(dir) = crate::mail::inbox_dir() else {
        return Err(Problem::new(StatusCode::NOT_FOUND, "no-inbox", "No local inbox")
            .with_detail("Only a demo host started with --mail-inbox shows the mails of its local SMTP sink."));
    };
    let mails = crate::mail::inbox::read(dir, 50).map_err(Problem::internal)?;
    Ok(Json(json!({ "mails": mails })))
}
