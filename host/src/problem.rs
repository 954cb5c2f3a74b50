//! The host's one error type. Every error leaves as `application/problem+json`
//! (RFC 9457) with a stable `type`, so clients can branch on it.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{Map, Value};
use treu::engine::error::{FieldError, InputError};

/// An error response.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// Stable identifier, sent as `type`: `urn:treu:problem:<slug>`.
    #[serde(rename = "type", serialize_with = "urn")]
    pub slug: &'static str,
    pub title: &'static str,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For invalid input: every problem, each with its JSON path.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Members specific to one problem type (e.g. `available` for `insufficient-points`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// Seconds until a retry can succeed, sent as `Retry-After`.
    #[serde(skip)]
    pub retry_after: Option<u32>,
    /// A concurrent transaction won (PostgreSQL): nothing was written, and the
    /// request is run again (`retry.rs`) rather than answered with this.
    #[serde(skip)]
    pub conflict: bool,
}

/// Marks a response whose request lost to a concurrent transaction.
#[derive(Clone, Copy, Debug)]
pub struct Conflict;

fn urn<S: serde::Serializer>(slug: &&'static str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("urn:treu:problem:{slug}"))
}

impl Problem {
    pub fn new(status: StatusCode, slug: &'static str, title: &'static str) -> Problem {
        Problem {
            slug,
            title,
            status: status.as_u16(),
            detail: None,
            errors: Vec::new(),
            extra: Map::new(),
            retry_after: None,
            conflict: false,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    /// Adds a member to the document, e.g. `available` points.
    pub fn with(mut self, name: &str, value: impl Into<Value>) -> Problem {
        self.extra.insert(name.to_owned(), value.into());
        self
    }

    /// One invalid field: 422 `invalid-input` naming its JSON path.
    pub fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Problem {
        InputError::field(path, reason).into()
    }

    /// 401: no credentials, or credentials that do not check out.
    pub fn unauthorized(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized").with_detail(detail)
    }

    pub fn not_found(slug: &'static str, title: &'static str) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, slug, title)
    }

    /// 429, retry in `seconds`.
    pub fn rate_limited(seconds: u32) -> Problem {
        let mut problem = Problem::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", "Too many requests")
            .with_detail(format!("Slow down; try again in {seconds} s."));
        problem.retry_after = Some(seconds);
        problem
    }

    /// A storage or other server-side failure; the cause is logged, not sent.
    pub fn internal(cause: impl std::fmt::Display) -> Problem {
        tracing::error!(%cause, "internal error");
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal server error")
    }

    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The document as JSON (what is sent and what idempotency stores).
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl From<InputError> for Problem {
    fn from(error: InputError) -> Problem {
        let mut problem = Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-input", "Invalid input");
        problem.detail = Some(error.to_string());
        problem.errors = error.errors;
        problem
    }
}

impl From<sqlx::Error> for Problem {
    fn from(error: sqlx::Error) -> Problem {
        if !crate::storage::is_conflict(&error) {
            return Problem::internal(error);
        }
        // Expected under load on PostgreSQL, and answered by running again.
        tracing::debug!(%error, "transaction lost to a concurrent one");
        let mut problem = Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "Internal server error");
        problem.conflict = true;
        problem
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.conflict {
            response.extensions_mut().insert(Conflict);
        }
        response
    }
}
