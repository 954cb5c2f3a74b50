//! Who is calling: customers with a JWT (HS256) signed by the shop backend with
//! the shop secret. The merchant is `admin_session.rs`.

use crate::app::AppState;
use crate::problem::Problem;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// The claims of a customer token. `sub` and `exp` are required.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The shop's customer id.
    pub sub: String,
    /// Expiry, Unix seconds.
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Seconds of clock difference tolerated between the shop backend and the host.
const LEEWAY_SECONDS: u64 = 5;

/// Signs `claims` with `secret` (HS256).
pub fn mint(claims: &Claims, secret: &str) -> Result<String, String> {
    encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(secret.as_bytes()))
        .map_err(|error| error.to_string())
}

/// The claims of `token` if it is an HS256 JWT signed with `secret`, not
/// expired, with a non-empty `sub`. Any other algorithm (`none` included) is refused.
pub fn verify(token: &str, secret: &str) -> Result<Claims, String> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = LEEWAY_SECONDS;
    validation.set_required_spec_claims(&["exp", "sub"]);
    let data = decode::<Claims>(token, &DecodingKey::from_secret(secret.as_bytes()), &validation).map_err(|error| {
        use jsonwebtoken::errors::ErrorKind;
        match error.kind() {
            ErrorKind::ExpiredSignature => "the customer token has expired".to_owned(),
            ErrorKind::InvalidSignature => "the customer token's signature does not match".to_owned(),
            ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => {
                "the customer token must be signed with HS256".to_owned()
            }
            ErrorKind::MissingRequiredClaim(claim) => format!("the customer token has no `{claim}` claim"),
            _ => format!("the customer token is not valid: {error}"),
        }
    })?;
    if data.claims.sub.trim().is_empty() || data.claims.sub.len() > 255 {
        return Err("the customer token's `sub` must be 1 to 255 characters".to_owned());
    }
    Ok(data.claims)
}

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
