//! Customer tokens: HS256 JWTs the shop backend signs with the shop secret.
//! Pure (no HTTP, no state), so `fuzz/` compiles this file as it is.

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

/// The longest a token may be valid, from now: 31 days. A token that leaks
/// (a shared computer, a log) is useful to nobody for longer; shop backends
/// mint a fresh one at each sign-in or page load. docs/security.md.
pub const MAX_LIFETIME_SECONDS: i64 = 31 * 86_400;

/// Signs `claims` with `secret` (HS256).
pub fn mint(claims: &Claims, secret: &str) -> Result<String, String> {
    encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(secret.as_bytes()))
        .map_err(|error| error.to_string())
}

/// The claims of `token` if it is an HS256 JWT signed with `secret`, not
/// expired and not valid for more than [`MAX_LIFETIME_SECONDS`] from now (real
/// time), with a non-empty `sub`. Any other algorithm (`none` included) is refused.
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
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |since| since.as_secs() as i64);
    if data.claims.exp > now.saturating_add(MAX_LIFETIME_SECONDS + LEEWAY_SECONDS as i64) {
        return Err("the customer token is valid for more than 31 days; mint tokens with a shorter `exp`".to_owned());
    }
    if data.claims.sub.trim().is_empty() || data.claims.sub.len() > 255 {
        return Err("the customer token's `sub` must be 1 to 255 characters".to_owned());
    }
    Ok(data.claims)
}
