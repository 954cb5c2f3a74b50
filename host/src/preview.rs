//! The dashboard's live preview: a draft program per dashboard session, kept
//! in memory (never in the database, never in force), and the storefront's
//! read-only views computed with it for a sample member.

use crate::account::Account;
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::rewards::WIN_BACK;
use crate::storage::{customers, rewards, Conn};
use crate::views::admin::PreviewResult;
use crate::views::{member_data, member_view, win_back_due, HistoryPage};
use axum::http::{header, HeaderMap, StatusCode};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use subtle::ConstantTimeEq;
use treu::engine::program::Program;

/// A session's draft and the member it is previewed for.
#[derive(Clone)]
pub struct Draft {
    pub program: Program,
    pub member: Option<String>,
    /// What the preview's storefront sends as its customer token for `member`.
    pub token: Option<String>,
    /// The session's end (wall clock); the draft goes with it.
    pub expires_at: i64,
}

/// Drafts by session (the hash that identifies it).
#[derive(Default)]
pub struct Previews {
    drafts: Mutex<HashMap<String, Draft>>,
}

impl Previews {
    pub fn put(&self, session: &str, draft: Draft, now: i64) {
        let mut drafts = self.drafts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        drafts.retain(|_, draft| draft.expires_at > now);
        drafts.insert(session.to_owned(), draft);
    }

    /// The session's draft, or 404 `no-preview`.
    pub fn get(&self, session: &str) -> Result<Draft, Problem> {
        let drafts = self.drafts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        drafts.get(session).cloned().ok_or_else(|| {
            Problem::not_found("no-preview", "No draft to preview")
                .with_detail("Send the draft program with PUT /v1/admin/preview first.")
        })
    }
}

/// The sample member: `requested` if known (else 404 `no-customer`), or the
/// member with the most ledger entries, or none in an empty shop.
pub async fn sample_member(conn: &mut Conn, requested: Option<&str>) -> Result<Option<String>, Problem> {
    match requested {
        Some(id) => match customers::customer(conn, id).await? {
            Some(row) => Ok(Some(row.id)),
            None => Err(Problem::not_found("no-customer", "No such customer")
                .with_detail("The host has not seen a customer with this id.")),
        },
        None => Ok(customers::busiest(conn).await?),
    }
}

/// The preview member of `draft` if the request carries its token; 401 for another token.
pub fn member_of(draft: &Draft, headers: &HeaderMap) -> Result<Option<String>, Problem> {
    let Some(value) = headers.get(header::AUTHORIZATION) else { return Ok(None) };
    let sent = value.to_str().ok().and_then(|text| text.strip_prefix("Bearer ")).map(str::trim).unwrap_or_default();
    match (&draft.token, &draft.member) {
        (Some(token), Some(member)) if bool::from(sent.as_bytes().ct_eq(token.as_bytes())) => Ok(Some(member.clone())),
        _ => Err(Problem::unauthorized("this is not the preview token of the draft; send the draft again")),
    }
}

/// `GET /v1/me` of the preview: the sample member under the draft. Nothing is
/// written: no enrolment, no win-back code issued (an existing one is shown).
pub async fn member(state: &AppState, draft: &Draft, member: &str, page: &HistoryPage) -> Result<Value, Problem> {
    let now = crate::clock::now();
    // Before taking a connection: on PostgreSQL the look-up takes one too.
    let version = state.program().await.map(|stored| stored.version).unwrap_or(0);
    let mut conn = state.store.read().await?;
    let Some(account) = Account::find(&mut conn, member).await? else {
        return Err(Problem::not_found("no-customer", "No such customer"));
    };
    let code = match win_back_due(&draft.program, &account, now) {
        Some((_, last_order)) => rewards::latest_since(&mut conn, member, WIN_BACK, last_order.unix()).await?,
        None => None,
    };
    let data = member_data(&mut conn, account, code).await?;
    Ok(crate::views::value(&member_view(&draft.program, version, &state.settings.shop_url, &data, page, now)))
}

/// What a write to the preview's storefront gets.
pub fn read_only() -> Problem {
    Problem::new(StatusCode::FORBIDDEN, "preview-read-only", "The preview is read-only")
        .with_detail("The preview shows a draft program; redeeming, actions and referrals need the live storefront.")
}

/// The answer to `PUT /v1/admin/preview`.
pub fn token_body(draft: &Draft) -> PreviewResult<'_> {
    PreviewResult { preview_token: draft.token.as_deref(), member: draft.member.as_deref() }
}

/// A fresh preview token: not a customer token, it only works on the preview.
pub fn new_token() -> String {
    let mut bytes = [0_u8; 24];
    getrandom::fill(&mut bytes).expect("the operating system's random source works");
    format!("preview.{}", hex::encode(bytes))
}
