//! Extractors that turn every malformed request into a problem document:
//! JSON bodies (with the JSON path of a misfit field), the `Idempotency-Key`
//! header and the client's address.

use crate::problem::Problem;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// A JSON body of type `T`, with the raw bytes kept for request hashing.
/// Field paths in errors are relative to the body (`cart.lines[0].quantity`).
pub struct ApiJson<T> {
    pub value: T,
    pub raw: Bytes,
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let JsonBytes(raw) = JsonBytes::from_request(request, state).await?;
        let value = parse_json(&raw, "")?;
        Ok(ApiJson { value, raw })
    }
}

/// The raw bytes of a body sent as JSON (checked content type, size limit).
pub struct JsonBytes(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for JsonBytes {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let json_content = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split(';').next())
            .map(|media| {
                let media = media.trim().to_ascii_lowercase();
                media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"))
            })
            .unwrap_or(false);
        if !json_content {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
            )
            .with_detail("Send the body as JSON with `Content-Type: application/json`."));
        }
        Bytes::from_request(request, state).await.map(JsonBytes).map_err(body_rejection)
    }
}

/// Reads `T` from JSON bytes: syntax errors are 400 `malformed-json`; a value
/// of the wrong shape is 422 `invalid-input` naming its JSON path, under
/// `root` if given (`program` → `program.freeShipping.thresholds[0].minimum`).
pub fn parse_json<T: DeserializeOwned>(raw: &[u8], root: &str) -> Result<T, Problem> {
    let mut deserializer = serde_json::Deserializer::from_slice(raw);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);
    let value = match result {
        Ok(value) => value,
        Err(error) => {
            let path = error.path().to_string();
            let inner = error.into_inner();
            let path = match (root, path.as_str()) {
                ("", ".") => "body".to_owned(),
                ("", inner) => inner.to_owned(),
                (root, ".") => root.to_owned(),
                (root, inner) => format!("{root}.{inner}"),
            };
            return Err(json_problem(&path, &inner));
        }
    };
    deserializer.end().map_err(|error| json_problem("body", &error))?;
    Ok(value)
}

fn json_problem(path: &str, error: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    match error.classify() {
        Category::Syntax | Category::Eof | Category::Io => Problem::new(
            StatusCode::BAD_REQUEST,
            "malformed-json",
            "Malformed JSON",
        )
        .with_detail(format!("{} (line {}, column {})", error, error.line(), error.column())),
        Category::Data => {
            // serde appends " at line L column C"; the path already says where.
            let message = error.to_string();
            let reason = message.split(" at line ").next().unwrap_or(&message).to_owned();
            Problem::invalid(path, reason)
        }
    }
}

fn body_rejection(rejection: axum::extract::rejection::BytesRejection) -> Problem {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Problem::new(status, "payload-too-large", "Payload too large").with_detail(rejection.body_text())
    } else {
        Problem::new(StatusCode::BAD_REQUEST, "unreadable-body", "Unreadable body").with_detail(rejection.body_text())
    }
}

/// The `Idempotency-Key` header, required on every POST: 1 to 255 visible ASCII characters.
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let missing = || {
            Problem::new(StatusCode::BAD_REQUEST, "idempotency-key-required", "Idempotency-Key required").with_detail(
                "Every POST needs an `Idempotency-Key` header: 1 to 255 visible ASCII characters, e.g. a UUID.",
            )
        };
        let value = parts.headers.get("idempotency-key").ok_or_else(missing)?;
        let key = crate::idempotency_key::parse(value.as_bytes()).ok_or_else(missing)?;
        Ok(IdempotencyKey(key.to_owned()))
    }
}

/// The client's IP address (the peer of the TCP connection).
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Problem> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        Ok(ClientIp(address))
    }
}
