//! The router: paths as in `docs/openapi.yaml` and the layers every request
//! passes through (CORS, body limit, panic catcher, tracing). What handlers
//! reach is in `state.rs`, so the routes need not depend on this file.

use crate::config::ServeArgs;
use crate::platforms;
use crate::problem::Problem;
use crate::routes;
use crate::state::AppState;
use crate::storage::Backend;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tracing::Level;

/// Largest request body the API accepts.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The whole HTTP application; `extra` adds routes (the demo shop's, with `--demo-shop`).
pub fn router(state: AppState, args: &ServeArgs, extra: Router<AppState>) -> Router {
    let backend = state.store.backend();
    let api = Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/v1/program", get(routes::program::get_program))
        .route("/v1/me", get(routes::me::get_me))
        .route("/v1/quote", post(routes::quote::post_quote))
        .route("/v1/actions", post(routes::actions::post_action))
        .route("/v1/redemptions", post(routes::redemptions::post_redemption))
        .route("/v1/referrals/claim", post(routes::referrals::post_claim))
        .route(
            "/v1/admin/session",
            post(routes::session::post_session)
                .get(routes::session::get_session)
                .delete(routes::session::delete_session),
        )
        .route("/v1/admin/program", get(routes::admin::get_program).put(routes::admin::put_program))
        .route("/v1/admin/program/versions/{version}/restore", post(routes::admin::post_restore))
        .route("/v1/admin/reports/retention", get(routes::reports::get_retention))
        .route("/v1/admin/reports/overview", get(routes::reports::get_overview))
        .route("/v1/admin/customers", get(routes::customers::get_customers))
        .route("/v1/admin/customers/{id}", get(routes::customers::get_customer))
        .route("/v1/admin/customers/{id}/adjustments", post(routes::admin::post_adjustment))
        .route("/v1/admin/preview", put(routes::preview::put_preview))
        .route("/v1/admin/preview/v1/program", get(routes::preview::get_program))
        .route("/v1/admin/preview/v1/me", get(routes::preview::get_me))
        .route("/v1/admin/preview/v1/quote", post(routes::preview::post_quote))
        .route("/v1/admin/preview/v1/redemptions", post(routes::preview::post_write))
        .route("/v1/admin/preview/v1/actions", post(routes::preview::post_write))
        .route("/v1/admin/preview/v1/referrals/claim", post(routes::preview::post_write))
        .route("/v1/admin/preview/v1/referrals/shares", post(routes::preview::post_write))
        .route("/admin", get(routes::assets::get_dashboard))
        .route("/admin/", get(routes::assets::get_dashboard))
        .route("/admin/{*path}", get(routes::assets::get_dashboard))
        .route("/v1/admin/clock", get(routes::clock::get_clock).post(routes::clock::post_clock))
        .route("/v1/referrals/shares", post(routes::shares::post_share))
        .merge(routes::webhooks::routes())
        .merge(routes::events::routes())
        .merge(routes::mail::routes())
        .merge(routes::mail_consent::routes())
        .merge(platforms::routes())
        .merge(extra)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(compression())
        .layer(cors(&args.allowed_origins))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state);
    let mut app = api;
    let mut has_root = false;
    for mount in &args.static_dirs {
        let files = Router::new()
            .fallback_service(
                // The copy a browser accepts of a file compressed beside it
                // (`treu.js.br`, `treu.js.gz`: dist/'s, see scripts/pack.mjs).
                ServeDir::new(&mount.dir)
                    .append_index_html_on_directories(true)
                    .precompressed_br()
                    .precompressed_gzip(),
            )
            .layer(middleware::from_fn(cache_static));
        if mount.path == "/" {
            has_root = true;
            app = app.fallback_service(files);
        } else {
            app = app.nest_service(&mount.path, files);
        }
    }
    if !has_root {
        app = app.fallback(not_found);
    }
    if backend == Backend::Postgres {
        app = crate::retry::retrying(app, MAX_BODY_BYTES.max(platforms::MAX_PAYLOAD_BYTES));
    }
    // Every request, files included: at most `max_concurrent_requests` at once
    // (more wait), none longer than `request_timeout` (waiting included), so
    // neither a flood nor slow clients can hold the host's memory or its
    // database connections without bound. docs/host.md, "Limits".
    let limit = GlobalConcurrencyLimitLayer::new(args.max_concurrent_requests as usize);
    let timeout = TimeoutLayer::with_status_code(
        StatusCode::SERVICE_UNAVAILABLE,
        std::time::Duration::from_secs(args.request_timeout),
    );
    app.layer(CatchPanicLayer::custom(|_| Problem::internal("a handler panicked").into_response()))
        .layer(limit)
        .layer(timeout)
        .layer(
            // One structured line per request at `info`: method, path, status, latency.
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_request(())
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(LatencyUnit::Micros)),
        )
}

/// The API's answers gzipped for clients that accept it (`Accept-Encoding`,
/// with `Vary: Accept-Encoding`): JSON of 1 KB and more (a member's history,
/// the dashboard's customer lists and reports, the program), not smaller
/// ones, where the headers outweigh the gain, nor event streams, which must
/// reach the client as they are written. The dashboard's files come
/// compressed from its build and pass through as they are.
fn compression() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .compress_when(SizeAbove::new(1024).and(NotForContentType::SSE).and(NotForContentType::IMAGES))
}

async fn not_found() -> Response {
    Problem::not_found("not-found", "Not found").with_detail("No such endpoint; see docs/openapi.yaml.").into_response()
}

async fn method_not_allowed() -> Response {
    Problem::new(StatusCode::METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed").into_response()
}

/// How long a browser may keep a file whose name carries its build's hash.
const BUILD_FILE_CACHE: &str = "public, max-age=31536000, immutable";

/// A file of a `--static` folder with how browsers may cache it: a file whose
/// name carries its build's hash (`treu_paint.1a2b3c4d.js`: dist/'s, see
/// scripts/pack.mjs) never changes, so it is kept for a year without asking
/// again; any other file (the loader `treu.js`, the demo shop's pages) is
/// revalidated on every use, so a new build reaches the next page view.
/// Either varies with `Accept-Encoding`, which chooses a compressed copy.
async fn cache_static(request: Request, next: Next) -> Response {
    let build_file = names_a_build_file(request.uri().path());
    let mut response = next.run(request).await;
    let status = response.status();
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        let policy = if build_file { BUILD_FILE_CACHE } else { "no-cache" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        // The body depends on `Accept-Encoding` (a compressed copy, or the file).
        response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Whether `path`'s file name is `<name>.<8 hex digits>.js` or `.wasm`.
fn names_a_build_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.rsplit('.');
    let (Some(extension), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    matches!(extension, "js" | "wasm")
        && hash.len() == 8
        && hash.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
        && !stem.is_empty()
}

/// CORS for the storefront: only the shop's own origins may call the API from a browser.
fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|origin| HeaderValue::from_str(origin).ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, HeaderName::from_static("idempotency-key")])
        .expose_headers([header::ETAG, header::RETRY_AFTER, HeaderName::from_static("idempotent-replayed")])
        .max_age(std::time::Duration::from_secs(600))
}

#[cfg(test)]
mod tests {
    use super::names_a_build_file;

    #[test]
    fn a_build_file_is_a_name_with_an_eight_digit_hash_before_js_or_wasm() {
        for path in ["/treu_paint.1a2b3c4d.js", "treu_paint_bg.0ef71a29.wasm", "/treu/x.00000000.js"] {
            assert!(names_a_build_file(path), "{path}");
        }
        for path in [
            "/treu.js",
            "/",
            "/.1a2b3c4d.js",
            "/treu_paint.1a2b3c4.js",
            "/treu_paint.1a2b3c4de.js",
            "/treu_paint.1A2B3C4D.js",
            "/treu_paint.1a2b3c4d.css",
            "/1a2b3c4d.js",
            "/shop.js",
        ] {
            assert!(!names_a_build_file(path), "{path}");
        }
    }
}
