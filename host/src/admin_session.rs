//! The merchant: scripts with `Authorization: Bearer <TREU_ADMIN_TOKEN>`, and
//! the dashboard with a session cookie it got by signing in with that token.
//!
//! A session is a random 256-bit value in an HttpOnly, SameSite=Strict cookie;
//! the database keeps only its SHA-256. Every request that changes something
//! with the cookie must also send the session's CSRF token in `X-CSRF-Token`:
//! SameSite is the first line against cross-site requests, the header the
//! second. Failed sign-ins are limited per client IP, so the token cannot be
//! guessed.

use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::sessions::{self, SessionRow};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;
use treu::engine::time::Timestamp;

/// The session cookie's name.
pub const COOKIE: &str = "treu_admin_session";
/// How long a session lasts: a working day.
pub const SESSION_SECONDS: i64 = 8 * 3600;
/// Failed sign-ins allowed per client IP in [`SIGN_IN_WINDOW`].
pub const SIGN_IN_FAILURES: u32 = 5;
pub const SIGN_IN_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The author of versions saved with the admin token rather than in the dashboard.
pub const API_AUTHOR: &str = "API";
const DEFAULT_NAME: &str = "Admin";

/// Sessions run on the wall clock, not the shop's clock: moving the demo's
/// clock forward must not sign the merchant out.
pub fn wall_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Who is calling an admin endpoint.
pub enum Caller {
    /// A script with the admin token.
    Api,
    /// The dashboard, signed in.
    Session(SessionRow),
}

/// The merchant, proven by the admin token or a dashboard session (with the
/// CSRF header on every request that is not a GET or HEAD).
pub struct Admin(pub Caller);

impl Admin {
    /// The name saved as the author of a program version.
    pub fn author(&self) -> String {
        match &self.0 {
            Caller::Api => API_AUTHOR.to_owned(),
            Caller::Session(session) => session.name.clone(),
        }
    }
}

/// A dashboard session without the CSRF check: only for the read-only preview
/// of the storefront, whose widgets cannot send the header (and change nothing).
pub struct DashboardSession(pub SessionRow);

/// `POST /v1/admin/session`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub token: String,
    /// Shown as the author of the program versions saved in this session.
    #[serde(default)]
    pub name: Option<String>,
}

/// A session as the dashboard sees it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub name: String,
    pub csrf_token: String,
    pub expires_at: Option<Timestamp>,
}

impl From<&SessionRow> for SessionView {
    fn from(row: &SessionRow) -> SessionView {
        SessionView {
            name: row.name.clone(),
            csrf_token: row.csrf_token.clone(),
            expires_at: Timestamp::from_unix(row.expires_at),
        }
    }
}

fn admin_token(state: &AppState) -> Result<&str, Problem> {
    state.settings.admin_token.as_deref().ok_or_else(|| {
        Problem::unauthorized("The dashboard and the admin endpoints are off: this host has no TREU_ADMIN_TOKEN.")
    })
}

fn matches(given: &str, expected: &str) -> bool {
    bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// Checks the admin token and opens a session: the view and the `Set-Cookie` value.
pub async fn sign_in(
    state: &AppState,
    ip: IpAddr,
    request: SignIn,
    https: bool,
) -> Result<(SessionView, String), Problem> {
    let expected = admin_token(state)?;
    let key = format!("sign-in:ip:{ip}");
    state.sign_ins.refuse_if_spent(&key)?;
    if !matches(&request.token, expected) {
        state.sign_ins.record(&key);
        return Err(Problem::unauthorized("The admin token is not correct."));
    }
    let name = request.name.as_deref().map(str::trim).filter(|name| !name.is_empty()).unwrap_or(DEFAULT_NAME);
    if name.chars().count() > 100 {
        return Err(Problem::invalid("name", "must be at most 100 characters"));
    }
    let secret = random_hex();
    let now = wall_now();
    let row = SessionRow {
        id_hash: hash(&secret),
        name: name.to_owned(),
        csrf_token: random_hex(),
        created_at: now,
        expires_at: now + SESSION_SECONDS,
    };
    let mut transaction = state.store.write().await?;
    sessions::prune(&mut transaction, now).await?;
    sessions::insert(&mut transaction, &row).await?;
    transaction.commit().await?;
    let secure = if https { "; Secure" } else { "" };
    let cookie = format!("{COOKIE}={secret}; HttpOnly; SameSite=Strict; Path=/; Max-Age={SESSION_SECONDS}{secure}");
    Ok((SessionView::from(&row), cookie))
}

/// Ends the caller's session (a script has none); the `Set-Cookie` value that clears the cookie.
pub async fn sign_out(state: &AppState, admin: &Admin, https: bool) -> Result<String, Problem> {
    if let Caller::Session(session) = &admin.0 {
        let mut transaction = state.store.write().await?;
        sessions::delete(&mut transaction, &session.id_hash).await?;
        transaction.commit().await?;
    }
    let secure = if https { "; Secure" } else { "" };
    Ok(format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}"))
}

/// Whether the request reached the proxy in front of the host over https.
pub fn over_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(',').next())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"))
}

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// 256 bits from the operating system's secure random source, as hex.
fn random_hex() -> String {
    let mut bytes = [0_u8; 32];
    // Without the OS source, session ids would be guessable: not recoverable.
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    hex::encode(bytes)
}

/// The value of our cookie in the request's `Cookie` headers.
fn cookie(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

async fn session(parts: &Parts, state: &AppState) -> Result<Option<SessionRow>, Problem> {
    let Some(secret) = cookie(parts) else { return Ok(None) };
    let row = sessions::live(&mut *state.store.read().await?, &hash(secret), wall_now()).await?;
    row.map(Some).ok_or_else(|| Problem::unauthorized("The dashboard session has expired or was ended: sign in again."))
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        let expected = admin_token(state)?;
        if let Some(token) = crate::identity::bearer(parts, "admin token") {
            return if matches(token?, expected) {
                Ok(Admin(Caller::Api))
            } else {
                Err(Problem::unauthorized("the admin token does not match"))
            };
        }
        let session = session(parts, state)
            .await?
            .ok_or_else(|| Problem::unauthorized("the admin token or a dashboard session is required"))?;
        if parts.method != Method::GET && parts.method != Method::HEAD {
            let sent = parts.headers.get("x-csrf-token").and_then(|value| value.to_str().ok()).unwrap_or_default();
            if !matches(sent, &session.csrf_token) {
                return Err(Problem::new(StatusCode::FORBIDDEN, "csrf", "CSRF token missing or wrong").with_detail(
                    "Changes made with the dashboard session need the header X-CSRF-Token with the session's csrfToken.",
                ));
            }
        }
        Ok(Admin(Caller::Session(session)))
    }
}

impl FromRequestParts<AppState> for DashboardSession {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Problem> {
        admin_token(state)?;
        session(parts, state)
            .await?
            .map(DashboardSession)
            .ok_or_else(|| Problem::unauthorized("the preview needs a dashboard session: sign in at /admin"))
    }
}
