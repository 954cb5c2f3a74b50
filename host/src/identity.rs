//! Who is calling: customers with a JWT (HS256) signed by the shop backend with
//! the shop secret (checked in `token.rs`). The merchant is `admin_session.rs`.

use crate::problem::Problem;
use crate::state::AppState;
pub use crate::token::{mint, verify, Claims};
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

/// The signed-in customer (required).
pub struct Member(pub Claims);

/// The signed-in customer, or a guest when there is no `Authorization` header.
pub struct MaybeMember(pub Option<Claims>);

/// The token of an `Authorization: Bearer` header, if there is one; a header in
/// another form is refused, naming the `kind` of token expected.
pub fn bearer<'a>(parts: &'a Parts, kind: &str) -> Option<Result<&'a str, Problem>> {
    let value = parts.headers.get(header::AUTHORIZATION)?;
    let token = value
        .to_str()
        .ok()
        .and_then(|text| text.strip_prefix("Bearer ").or_else(|| text.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| Problem::unauthorized(format!("use `Authorization: Bearer <{kind}>`")));
    Some(token)
}

fn member(parts: &Parts, state: &AppState) -> Result<Option<Claims>, Problem> {
    let Some(token) = bearer(parts, "token") else { return Ok(None) };
    let token = token?;
    let secret = state
        .settings
        .shop_secret
        .as_deref()
        .ok_or_else(|| Problem::unauthorized("this host has no TREU_SHOP_SECRET and accepts no customer tokens"))?;
    verify(token, secret).map(Some).map_err(Problem::unauthorized)
}

impl FromRequestParts<AppState> for Member {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        member(parts, state)?.map(Member).ok_or_else(|| Problem::unauthorized("a customer token is required"))
    }
}

impl FromRequestParts<AppState> for MaybeMember {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        member(parts, state).map(MaybeMember)
    }
}
