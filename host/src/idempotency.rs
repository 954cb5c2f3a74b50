//! Idempotent POSTs: the first response to a key is stored with a hash of the
//! request; a retry with the same key and request gets that response again,
//! the same key with another request is 422, and a retry while the first is
//! still being handled is 409. The response is stored in the same transaction
//! as the mutation, so a key never answers for a change that was rolled back.
//!
//! On PostgreSQL the key is claimed in that transaction too: a second request
//! with the same key, on any host, waits for the first one's transaction at the
//! key's row and then gets its stored response, and a host that dies mid-request
//! leaves no claim behind (its transaction dies with its connection).

use crate::extract::IdempotencyKey;
use crate::problem::Problem;
use crate::state::AppState;
use crate::storage::idempotency::{self as records, Record};
use crate::storage::{Backend, Conn, Tx};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::future::Future;

/// Keys are kept at least this long.
pub const RETENTION_SECONDS: i64 = 8 * 86_400;
/// A first request that has not finished after this long is taken to be lost.
const ABANDONED_AFTER_SECONDS: i64 = 60;
/// Header on a replayed response.
pub const REPLAYED: &str = "idempotent-replayed";

/// A successful response: its status and JSON body.
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

impl Reply {
    /// `201 Created` with `view` (crate::views) as its body.
    pub fn created(view: impl Serialize) -> Reply {
        Reply::with(StatusCode::CREATED, view)
    }

    /// `status` with `view` as its body, its keys sorted as every view's are.
    pub fn with(status: StatusCode, view: impl Serialize) -> Reply {
        Reply { status, body: crate::views::value(&view) }
    }
}

/// The hash a key's request is compared by: method, path and body.
pub fn request_hash(method_and_path: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(method_and_path.as_bytes());
    hasher.update([0]);
    hasher.update(body);
    hex::encode(hasher.finalize())
}

/// Runs `work` in one write transaction under idempotency key `key` of
/// `scope` (who sent it), unless the key already answered.
pub async fn run<F, Fut>(
    state: &AppState,
    scope: &str,
    key: &IdempotencyKey,
    request: &str,
    body: &[u8],
    work: F,
) -> Response
where
    F: FnOnce(Tx) -> Fut,
    Fut: Future<Output = Result<(Tx, Reply), Problem>>,
{
    let hash = request_hash(request, body);
    if state.store.backend() == Backend::Postgres {
        return run_claiming_in_transaction(state, scope, &key.0, &hash, work).await;
    }
    match begin(state, scope, &key.0, &hash).await {
        Ok(Some(earlier)) => return earlier,
        Ok(None) => {}
        Err(problem) => return problem.into_response(),
    }
    let outcome = async {
        let transaction = state.store.write().await?;
        let (mut transaction, reply) = work(transaction).await?;
        let text = reply.body.to_string();
        records::complete(&mut transaction, scope, &key.0, reply.status.as_u16(), "application/json", &text).await?;
        transaction.commit().await?;
        Ok::<_, Problem>((reply.status, text))
    }
    .await;
    match outcome {
        Ok((status, text)) => (status, [(header::CONTENT_TYPE, "application/json")], text).into_response(),
        Err(problem) => {
            let kept = async {
                let mut transaction = state.store.write().await?;
                if problem.status >= 500 {
                    records::forget(&mut transaction, scope, &key.0).await?;
                } else {
                    let text = problem.to_json().to_string();
                    let json = "application/problem+json";
                    records::complete(&mut transaction, scope, &key.0, problem.status, json, &text).await?;
                }
                transaction.commit().await
            }
            .await;
            if let Err(error) = kept {
                tracing::error!(%error, "cannot record the outcome of an idempotent request");
            }
            problem.into_response()
        }
    }
}

/// As [`run`], with the key claimed inside the mutation's own transaction. A
/// second request with the key blocks on the first's uncommitted row; when
/// that commits, PostgreSQL refuses the second's claim as a serialization
/// failure, and its run again (`retry.rs`) finds the stored response.
async fn run_claiming_in_transaction<F, Fut>(state: &AppState, scope: &str, key: &str, hash: &str, work: F) -> Response
where
    F: FnOnce(Tx) -> Fut,
    Fut: Future<Output = Result<(Tx, Reply), Problem>>,
{
    let mut transaction = match state.store.write().await {
        Ok(transaction) => transaction,
        Err(error) => return Problem::from(error).into_response(),
    };
    match answer_or_claim(&mut transaction, scope, key, hash).await {
        Ok(Some(earlier)) => return earlier,
        Ok(None) => {}
        Err(problem) => return problem.into_response(),
    }
    let outcome = async {
        let (mut transaction, reply) = work(transaction).await?;
        let text = reply.body.to_string();
        records::complete(&mut transaction, scope, key, reply.status.as_u16(), "application/json", &text).await?;
        transaction.commit().await?;
        Ok::<_, Problem>((reply.status, text))
    }
    .await;
    match outcome {
        Ok((status, text)) => (status, [(header::CONTENT_TYPE, "application/json")], text).into_response(),
        // Rolled back, claim and all: a retry runs it afresh.
        Err(problem) if problem.status >= 500 => problem.into_response(),
        Err(problem) => {
            // Refused: the refusal is the key's answer, kept as on SQLite.
            let kept = async {
                let mut transaction = state.store.write().await?;
                let now = crate::clock::now().unix();
                if records::claim(&mut transaction, scope, key, hash, now).await? {
                    let text = problem.to_json().to_string();
                    let json = "application/problem+json";
                    records::complete(&mut transaction, scope, key, problem.status, json, &text).await?;
                }
                transaction.commit().await
            }
            .await;
            if let Err(error) = kept {
                tracing::warn!(%error, "cannot record the refusal of an idempotent request");
            }
            problem.into_response()
        }
    }
}

/// Claims the key, or answers from it: the stored response, 409 or 422.
async fn begin(state: &AppState, scope: &str, key: &str, hash: &str) -> Result<Option<Response>, Problem> {
    let mut transaction = state.store.write().await?;
    let answer = answer_or_claim(&mut transaction, scope, key, hash).await;
    transaction.commit().await?;
    answer
}

async fn answer_or_claim(conn: &mut Conn, scope: &str, key: &str, hash: &str) -> Result<Option<Response>, Problem> {
    let now = crate::clock::now().unix();
    if records::claim(conn, scope, key, hash, now).await? {
        return Ok(None);
    }
    let Some(record) = records::find(conn, scope, key).await? else {
        return Err(in_flight());
    };
    match record {
        Record::InFlight { request_hash, .. } | Record::Done { request_hash, .. } if request_hash != hash => {
            Err(reused())
        }
        Record::InFlight { created_at, .. } => {
            let abandoned = now - created_at > ABANDONED_AFTER_SECONDS;
            if abandoned && records::take_over(conn, scope, key, created_at, hash, now).await? {
                Ok(None)
            } else {
                Err(in_flight())
            }
        }
        Record::Done { status, content_type, body, .. } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut response = (status, body).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("application/json")),
            );
            headers.insert(REPLAYED, HeaderValue::from_static("true"));
            Ok(Some(response))
        }
    }
}

fn reused() -> Problem {
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency key reused")
        .with_detail("This Idempotency-Key was used for a different request; use a new key for a new request.")
}

fn in_flight() -> Problem {
    let mut problem = Problem::new(StatusCode::CONFLICT, "request-in-flight", "Request in flight")
        .with_detail("A request with this Idempotency-Key is still being handled; retry shortly.");
    problem.retry_after = Some(1);
    problem
}
