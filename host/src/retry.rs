//! PostgreSQL only: a request whose transaction lost to a concurrent one (a
//! serialization failure, a deadlock, or a key inserted first by another host)
//! is run again from the start, after a short random pause, up to a bound.
//!
//! Sound because every mutation is one transaction and a lost transaction wrote
//! nothing, so running the handler again is the same as the request arriving a
//! moment later. What a handler keeps outside the database is not rolled back:
//! a rate-limited request counts once per attempt (docs/host.md, "Rate limits").

use crate::problem::{Conflict, Problem};
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tower::{Service, ServiceExt};

/// Attempts per request before the host answers 503 with `Retry-After`.
const ATTEMPTS: u32 = 40;
/// The longest pause between two attempts.
const MAX_PAUSE: Duration = Duration::from_millis(50);

/// Wraps `app` so that requests answered with [`Conflict`] are run again.
/// `max_body` is the largest body any route accepts: bodies are kept in memory
/// to be sent again, and a larger one is refused here as the route would.
pub fn retrying(app: Router, max_body: usize) -> Router {
    Router::new().fallback_service(Retrying { app, max_body })
}

#[derive(Clone)]
struct Retrying {
    app: Router,
    max_body: usize,
}

impl Service<Request> for Retrying {
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let app = self.app.clone();
        let max_body = self.max_body;
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body: Bytes = match axum::body::to_bytes(body, max_body).await {
                Ok(body) => body,
                Err(_) => {
                    return Ok(Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "payload-too-large", "Payload too large")
                        .with_detail(format!("The body is larger than {max_body} bytes."))
                        .into_response())
                }
            };
            for attempt in 1..=ATTEMPTS {
                let request = Request::from_parts(parts.clone(), Body::from(body.clone()));
                let response = app.clone().oneshot(request).await?;
                if response.extensions().get::<Conflict>().is_none() {
                    return Ok(response);
                }
                tracing::debug!(attempt, path = %parts.uri.path(), "running a request again after a conflict");
                tokio::time::sleep(pause(attempt)).await;
            }
            tracing::warn!(path = %parts.uri.path(), "request lost to concurrent transactions {ATTEMPTS} times");
            let mut busy = Problem::new(StatusCode::SERVICE_UNAVAILABLE, "busy", "Busy")
                .with_detail("Too many concurrent changes to the same data; retry shortly.");
            busy.retry_after = Some(1);
            Ok(busy.into_response())
        })
    }
}

/// A random pause that grows with the attempt, so racing requests spread out.
fn pause(attempt: u32) -> Duration {
    let ceiling = Duration::from_micros(500u64 << attempt.min(7)).min(MAX_PAUSE);
    let mut random = [0u8; 4];
    let fraction = match getrandom::fill(&mut random) {
        Ok(()) => u32::from_le_bytes(random) as f64 / u32::MAX as f64,
        Err(_) => 0.5,
    };
    ceiling.mul_f64(fraction)
}
