//! The merchant dashboard at `/admin`: the files of `host/admin/dist`
//! (built by `./x build`), embedded in the binary in release builds and read
//! from that folder in debug builds. Routes of the single-page app (paths
//! without a file extension) get `index.html`. A binary built before the
//! dashboard answers 503 and says how to build it.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(rust_embed::Embed)]
#[folder = "$CARGO_MANIFEST_DIR/admin/dist/"]
#[allow_missing = true]
struct Dashboard;

/// Only the dashboard's own files run; Wasm (the engine) may compile; styles
/// may be inline (custom elements set them); it may be framed only by itself.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'";

/// What `/admin` answers when the binary has no dashboard in it.
pub const NOT_BUILT: &str = "The dashboard was not built into this binary: run ./x build";

/// `GET /admin`, `/admin/` and `/admin/<path>`.
pub async fn get_dashboard(request: Request) -> Response {
    let path = request.uri().path().strip_prefix("/admin").unwrap_or_default().trim_start_matches('/');
    serve(file_for(path), request.headers())
}

/// The file that answers `path` (below `/admin/`): itself if it names a file
/// (has an extension), else the app's `index.html`. A customer's page is
/// always the app: the id is the shop's and may hold a dot (an e-mail address).
pub fn file_for(path: &str) -> &str {
    if path.starts_with("customers/") {
        return "index.html";
    }
    let last = path.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        path
    } else {
        "index.html"
    }
}

/// The `Content-Type` of `path`: the guess from its extension, with the types
/// browsers insist on for modules and Wasm streaming compilation.
pub fn content_type(path: &str, guessed: &str) -> String {
    match path.rsplit('.').next() {
        Some("wasm") => "application/wasm".to_owned(),
        Some("js" | "mjs") => "text/javascript; charset=utf-8".to_owned(),
        Some("html") => "text/html; charset=utf-8".to_owned(),
        Some("css") => "text/css; charset=utf-8".to_owned(),
        Some("json") => "application/json".to_owned(),
        _ => guessed.to_owned(),
    }
}

fn serve(path: &str, request_headers: &HeaderMap) -> Response {
    let Some(file) = Dashboard::get(path) else {
        if Dashboard::get("index.html").is_none() {
            return text(StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT);
        }
        return text(StatusCode::NOT_FOUND, "No such file in the dashboard.");
    };
    let etag = format!("\"{}\"", hex::encode(file.metadata.sha256_hash()));
    let mut headers = HeaderMap::new();
    let mut set = |name: header::HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_TYPE, &content_type(path, file.metadata.mimetype()));
    // Revalidate every time: a new binary brings new files under the same names.
    set(header::CACHE_CONTROL, "no-cache");
    set(header::ETAG, &etag);
    set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "same-origin");
    let unchanged = request_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag));
    if unchanged {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (StatusCode::OK, headers, file.data.into_owned()).into_response()
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], body)
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_routes_get_the_index_and_files_themselves() {
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("customers/c-42"), "index.html");
        assert_eq!(file_for("customers/jane.doe@example.com"), "index.html");
        assert_eq!(file_for("program"), "index.html");
        assert_eq!(file_for("app.js"), "app.js");
        assert_eq!(file_for("treu/treu_wasm_bg.wasm"), "treu/treu_wasm_bg.wasm");
    }

    #[test]
    fn wasm_and_modules_get_the_types_browsers_require() {
        assert_eq!(content_type("treu/treu_wasm_bg.wasm", "application/octet-stream"), "application/wasm");
        assert_eq!(content_type("app.js", "application/javascript"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("logo.svg", "image/svg+xml"), "image/svg+xml");
    }
}
