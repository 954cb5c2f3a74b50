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

/// The compressed copies `host/admin/build.mjs` writes beside each file, in
/// the order the dashboard prefers them: (`Content-Encoding`, file suffix).
const ENCODINGS: [(&str, &str); 2] = [("br", "br"), ("gzip", "gz")];

/// Whether a request's `Accept-Encoding` (`accept`) takes `coding`: listed
/// (or `*` is) without `q=0` (RFC 9110, section 12.5.3). No header: only
/// the file itself.
pub fn accepts(accept: Option<&str>, coding: &str) -> bool {
    let mut wildcard = false;
    for item in accept.unwrap_or_default().split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let refused = parts.any(|parameter| {
            let (key, value) = parameter.split_once('=').unwrap_or((parameter, ""));
            let value = value.trim();
            key.trim().eq_ignore_ascii_case("q")
                && value.starts_with('0')
                && value.trim_start_matches('0').trim_start_matches('.').chars().all(|digit| digit == '0')
        });
        if name.eq_ignore_ascii_case(coding) {
            return !refused;
        }
        if name == "*" {
            wildcard = !refused;
        }
    }
    wildcard
}

fn serve(path: &str, request_headers: &HeaderMap) -> Response {
    let Some(file) = Dashboard::get(path) else {
        if Dashboard::get("index.html").is_none() {
            return text(StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT);
        }
        return text(StatusCode::NOT_FOUND, "No such file in the dashboard.");
    };
    let content_type = content_type(path, file.metadata.mimetype());
    // The file compressed as the browser accepts, if the build wrote that copy.
    let accept = request_headers.get(header::ACCEPT_ENCODING).and_then(|value| value.to_str().ok());
    let encoded = ENCODINGS
        .iter()
        .filter(|(coding, _)| accepts(accept, coding))
        .find_map(|(coding, suffix)| Dashboard::get(&format!("{path}.{suffix}")).map(|copy| (*coding, copy)));
    let (encoding, file) = match encoded {
        Some((coding, copy)) => (Some(coding), copy),
        None => (None, file),
    };
    // Each copy has its own tag: a cache must not answer one encoding with another.
    let etag = format!("\"{}\"", hex::encode(file.metadata.sha256_hash()));
    let mut headers = HeaderMap::new();
    let mut set = |name: header::HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_TYPE, &content_type);
    set(header::VARY, "accept-encoding");
    if let Some(coding) = encoding {
        set(header::CONTENT_ENCODING, coding);
    }
    // Revalidate every time: a new binary brings new files under the same names.
    set(header::CACHE_CONTROL, "no-cache");
    set(header::ETAG, &etag);
    set(header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "same-origin");
    if super::if_none_match(request_headers, &etag) {
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
    fn accepted_encodings_are_read_as_rfc_9110_writes_them() {
        let chromium = Some("gzip, deflate, br, zstd");
        assert!(accepts(chromium, "br") && accepts(chromium, "gzip"));
        assert!(!accepts(None, "gzip"), "no header: the file itself");
        assert!(!accepts(Some("gzip"), "br"));
        assert!(accepts(Some("GZIP;q=0.5"), "gzip"));
        assert!(!accepts(Some("br;q=0, gzip"), "br"));
        assert!(!accepts(Some("br; q=0.000"), "br"));
        assert!(accepts(Some("br;q=0.001"), "br"));
        assert!(accepts(Some("*"), "br"));
        assert!(!accepts(Some("*;q=0"), "gzip"));
        assert!(!accepts(Some("*, br;q=0"), "br"), "a coding listed outweighs the wildcard");
        assert!(!accepts(Some("identity"), "gzip"));
    }

    #[test]
    fn wasm_and_modules_get_the_types_browsers_require() {
        assert_eq!(content_type("treu/treu_wasm_bg.wasm", "application/octet-stream"), "application/wasm");
        assert_eq!(content_type("app.js", "application/javascript"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("logo.svg", "image/svg+xml"), "image/svg+xml");
    }
}
