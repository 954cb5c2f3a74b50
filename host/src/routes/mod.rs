//! HTTP handlers, one file per resource of `docs/openapi.yaml`.

pub mod actions;
pub mod admin;
pub mod assets;
pub mod clock;
pub mod customers;
pub mod event_endpoints;
pub mod events;
pub mod health;
pub mod mail;
pub mod mail_consent;
pub mod me;
pub mod preview;
pub mod program;
pub mod quote;
pub mod redemptions;
pub mod referrals;
pub mod reports;
pub mod session;
pub mod shares;
pub mod webhooks;

use crate::extract::ClientIp;
use crate::identity::Claims;
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::customers::Known;

/// Whether `If-None-Match` in `headers` names `etag` (or is `*`): the
/// client holds this representation, and `304 Not Modified` answers. Weak
/// comparison (RFC 9110, section 13.1.2): `W/"x"` matches `"x"`, as a
/// cache in between may have weakened the tag.
pub fn if_none_match(headers: &axum::http::HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    headers
        .get_all(axum::http::header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == "*" || opaque(tag) == opaque(etag))
}

/// The idempotency scope of a caller: keys of different callers never collide.
pub fn scope_of(member: Option<&Claims>, ip: &ClientIp) -> String {
    match member {
        Some(claims) => format!("customer:{}", claims.sub),
        None => format!("guest:{}", ip.0),
    }
}

/// What a token tells about its customer.
pub fn known(claims: &Claims) -> Known<'_> {
    Known { email: claims.email.as_deref(), name: claims.name.as_deref(), address: None }
}

/// Counts a request against the per-IP and per-customer limits of `route`.
pub fn limit(state: &AppState, route: &str, ip: &ClientIp, claims: &Claims) -> Result<(), Problem> {
    state.limiter.check(&[format!("{route}:ip:{}", ip.0), format!("{route}:customer:{}", claims.sub)])
}

/// The parameters of a query string, or 422 naming what does not fit.
pub fn query<T>(
    query: Result<axum::extract::Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T, Problem> {
    query.map(|axum::extract::Query(value)| value).map_err(|rejection| Problem::invalid("query", rejection.body_text()))
}

/// A log page's `limit`: 1 to 100, default 50.
pub fn log_limit(limit: Option<i64>) -> Result<i64, Problem> {
    let limit = limit.unwrap_or(50);
    if !(1..=100).contains(&limit) {
        return Err(Problem::invalid("limit", "must be from 1 to 100"));
    }
    Ok(limit)
}
