//! The router: paths as in `docs/openapi.yaml`, state, and the layers every
//! request passes through (CORS, body limit, tracing).

use crate::config::ServeArgs;
use crate::routes;
use crate::storage::Store;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::routing::get;
use axum::Router;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
}

/// Largest request body the API accepts.
const MAX_BODY_BYTES: usize = 256 * 1024;

/// The whole HTTP application.
pub fn router(state: AppState, args: &ServeArgs) -> Router {
    let api = Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/v1/program", get(routes::program::get_program))
        .layer(cors(&args.allowed_origins))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .with_state(state);
    let mut app = api;
    for mount in &args.static_dirs {
        let files = ServeDir::new(&mount.dir).append_index_html_on_directories(true);
        app = if mount.path == "/" { app.fallback_service(files) } else { app.nest_service(&mount.path, files) };
    }
    app.layer(TraceLayer::new_for_http())
}

/// CORS for the storefront: only the shop's own origins may call the API from a browser.
fn cors(origins: &[String]) -> CorsLayer {
    let origins: Vec<HeaderValue> = origins.iter().filter_map(|origin| HeaderValue::from_str(origin).ok()).collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE, HeaderName::from_static("idempotency-key")])
        .max_age(std::time::Duration::from_secs(600))
}
