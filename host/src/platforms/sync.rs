//! Reconciliation: WooCommerce drops a delivery that fails (and disables the
//! webhook after repeated failures) and Shopify gives up after 8 retries, so
//! `treu-host sync --platform …` (and `serve --sync-interval`) asks the
//! platform's REST API for the orders modified since the last run and feeds
//! each through the same mapping and convergence as a webhook. Feeding an
//! order twice changes nothing, so runs overlap a little to miss nothing.
//!
//! - Shopify: `GET https://<shop>/admin/api/<version>/orders.json?status=any&updated_at_min=…&limit=250`
//!   with `X-Shopify-Access-Token`, next pages by the `Link: <…>; rel="next"` header
//!   (<https://shopify.dev/docs/api/admin-rest/latest/resources/order#get-orders>,
//!   <https://shopify.dev/docs/api/usage/pagination-rest>).
//! - WooCommerce: `GET <site>/wp-json/wc/v3/orders?modified_after=…&per_page=100&page=N`
//!   with the consumer key and secret as HTTP Basic credentials, pages up to
//!   `X-WP-TotalPages` (<https://woocommerce.github.io/woocommerce-rest-api-docs/#list-all-orders>).

use super::converge::{converge, converge_shopify};
use super::settings::PlatformArgs;
use super::{shopify, woocommerce, Platform};
use crate::extract::parse_json;
use crate::storage::{platforms, Store};
use base64::Engine;
use serde_json::Value;
use std::time::Duration;
use treu::engine::time::Timestamp;

/// Seconds each run reaches back before the last one ended, for orders whose
/// modification was written while the last run was reading.
pub const OVERLAP_SECONDS: i64 = 300;
/// The first run, with no `--since`, reads the last 7 days.
pub const FIRST_RUN_DAYS: i64 = 7;
/// How long one HTTP request to a platform may take in all.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What one run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub orders: usize,
    pub failed: usize,
}

/// One page of orders and the next page's URL.
struct Page {
    orders: Vec<Value>,
    next: Option<String>,
}

/// Feeds every order of `platform` modified since the last run (or `since`).
pub async fn run(
    store: &Store,
    platform: Platform,
    args: &PlatformArgs,
    since: Option<Timestamp>,
) -> Result<Summary, String> {
    let source = Source::from_args(platform, args)?;
    let started = crate::clock::now();
    let cursor = platforms::synced_until(&mut *store.read().await.map_err(|e| e.to_string())?, platform.name())
        .await
        .map_err(|error| format!("cannot read the last sync time: {error}"))?;
    let from = match (since, cursor) {
        (Some(since), _) => since.unix(),
        (None, Some(until)) => until - OVERLAP_SECONDS,
        (None, None) => started.unix() - FIRST_RUN_DAYS * 86_400,
    };
    let from = Timestamp::from_unix(from).ok_or("the sync start is out of range")?;
    let mut summary = Summary::default();
    let mut url = Some(source.first_url(from));
    while let Some(current) = url.take() {
        let fetcher = source.clone();
        let page = tokio::task::spawn_blocking(move || fetcher.fetch(&current))
            .await
            .map_err(|error| format!("the request did not finish: {error}"))??;
        for order in page.orders {
            summary.orders += 1;
            if let Err(reason) = feed(store, platform, args, &order).await {
                summary.failed += 1;
                let id = order.get("id").map(Value::to_string).unwrap_or_default();
                tracing::error!(platform = platform.name(), order = id, reason, "order not synced");
            }
        }
        url = page.next;
    }
    crate::storage::again_on_conflict(|| async {
        let mut transaction = store.write().await?;
        platforms::set_synced_until(&mut transaction, platform.name(), started.unix(), crate::clock::now().unix())
            .await?;
        transaction.commit().await
    })
    .await
    .map_err(|error| format!("cannot remember the sync time: {error}"))?;
    Ok(summary)
}

/// While serving: a run for every platform with credentials, every `seconds`.
pub fn every(store: Store, args: PlatformArgs, seconds: i64) {
    let configured: Vec<Platform> = [Platform::Shopify, Platform::WooCommerce]
        .into_iter()
        .filter(|platform| Source::from_args(*platform, &args).is_ok())
        .collect();
    if configured.is_empty() {
        tracing::warn!("--sync-interval is set but no platform has sync credentials");
        return;
    }
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(Duration::from_secs(seconds.unsigned_abs()));
        loop {
            ticks.tick().await;
            for platform in &configured {
                match run(&store, *platform, &args, None).await {
                    Ok(summary) => tracing::info!(
                        platform = platform.name(),
                        orders = summary.orders,
                        failed = summary.failed,
                        "sync done"
                    ),
                    Err(error) => tracing::warn!(platform = platform.name(), %error, "sync failed"),
                }
            }
        }
    });
}

/// One order, in its own transaction, as its webhook would be.
async fn feed(store: &Store, platform: Platform, args: &PlatformArgs, order: &Value) -> Result<(), String> {
    let raw = order.to_string();
    let describe = |problem: crate::problem::Problem| problem.to_json().to_string();
    let (mapped, totals) = match platform {
        Platform::Shopify => {
            let payload: shopify::Order = parse_json(raw.as_bytes(), "").map_err(describe)?;
            let (order, totals) = shopify::order(&payload, args.shopify_money, false).map_err(describe)?;
            (order, Some(totals))
        }
        Platform::WooCommerce => {
            let payload: woocommerce::Order = parse_json(raw.as_bytes(), "").map_err(describe)?;
            (woocommerce::order(&payload).map_err(describe)?, None)
        }
    };
    let program = store
        .current_program()
        .await
        .map_err(|error| error.to_string())?
        .ok_or("no program is in force: save one before syncing")?
        .program;
    let source = format!("sync:{}", platform.name());
    // On PostgreSQL a host's sync can race another host's webhook or sync for
    // the same order; the one refused runs again and finds what the other did.
    let mut conflicts = 0;
    loop {
        let outcome = async {
            let now = crate::clock::now();
            let mut transaction = store.write().await?;
            match &totals {
                Some(totals) => converge_shopify(&mut transaction, &program, &mapped, totals, &source, now).await,
                None => converge(&mut transaction, &program, &mapped, &source, now).await,
            }?;
            transaction.commit().await?;
            Ok::<(), crate::problem::Problem>(())
        }
        .await;
        match outcome {
            Err(problem) if problem.conflict && conflicts < 20 => {
                conflicts += 1;
                tokio::time::sleep(Duration::from_millis(5 * conflicts)).await;
            }
            outcome => return outcome.map_err(describe),
        }
    }
}

/// Where a platform's orders are read from, with its credentials.
#[derive(Clone)]
enum Source {
    Shopify { base: String, version: String, token: String },
    WooCommerce { base: String, authorization: String },
}

impl Source {
    fn from_args(platform: Platform, args: &PlatformArgs) -> Result<Source, String> {
        let given = |value: &Option<String>| value.clone().filter(|value| !value.trim().is_empty());
        match platform {
            Platform::Shopify => {
                let shop = given(&args.shopify_shop).ok_or("--shopify-shop (TREU_SHOPIFY_SHOP) is required")?;
                let token = given(&args.shopify_access_token)
                    .ok_or("--shopify-access-token (TREU_SHOPIFY_ACCESS_TOKEN) is required")?;
                // A bare domain is the shop; a URL (a test server) is used as given.
                let base = if shop.contains("://") { shop } else { format!("https://{shop}") };
                Ok(Source::Shopify {
                    base: base.trim_end_matches('/').to_owned(),
                    version: args.shopify_api_version.clone(),
                    token,
                })
            }
            Platform::WooCommerce => {
                let base =
                    given(&args.woocommerce_url).ok_or("--woocommerce-url (TREU_WOOCOMMERCE_URL) is required")?;
                let key = given(&args.woocommerce_key).ok_or("--woocommerce-key (TREU_WOOCOMMERCE_KEY) is required")?;
                let secret = given(&args.woocommerce_consumer_secret)
                    .ok_or("--woocommerce-consumer-secret (TREU_WOOCOMMERCE_CONSUMER_SECRET) is required")?;
                let credentials = base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}"));
                Ok(Source::WooCommerce {
                    base: base.trim_end_matches('/').to_owned(),
                    authorization: format!("Basic {credentials}"),
                })
            }
        }
    }

    fn first_url(&self, from: Timestamp) -> String {
        let from = form_urlencoded::byte_serialize(from.to_string().as_bytes()).collect::<String>();
        match self {
            Source::Shopify { base, version, .. } => {
                format!("{base}/admin/api/{version}/orders.json?status=any&updated_at_min={from}&limit=250")
            }
            Source::WooCommerce { base, .. } => {
                format!(
                    "{base}/wp-json/wc/v3/orders?modified_after={from}&per_page=100&page=1&orderby=modified&order=asc"
                )
            }
        }
    }

    /// One page (blocking; run off the async threads).
    fn fetch(&self, url: &str) -> Result<Page, String> {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            .build()
            .new_agent();
        let request = agent.get(url).header("accept", "application/json");
        let request = match self {
            Source::Shopify { token, .. } => request.header("x-shopify-access-token", token),
            Source::WooCommerce { authorization, .. } => request.header("authorization", authorization),
        };
        let mut response = request.call().map_err(|error| format!("GET {url}: {error}"))?;
        let status = response.status().as_u16();
        let header = |name: &str| response.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
        let (link, total_pages) = (header("link"), header("x-wp-totalpages"));
        let body: Value = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_json()
            .map_err(|error| format!("GET {url}: answered {status} with no JSON: {error}"))?;
        if status != 200 {
            return Err(format!("GET {url}: answered {status}: {body}"));
        }
        match self {
            Source::Shopify { .. } => {
                let orders =
                    body.get("orders").and_then(Value::as_array).cloned().ok_or("no `orders` in the answer")?;
                Ok(Page { orders, next: link.as_deref().and_then(next_link) })
            }
            Source::WooCommerce { .. } => {
                let orders = body.as_array().cloned().ok_or("the answer is not a list of orders")?;
                let next = next_woocommerce_page(url, total_pages.as_deref(), orders.len());
                Ok(Page { orders, next })
            }
        }
    }
}

/// The `rel="next"` URL of a `Link` header, as Shopify paginates.
fn next_link(link: &str) -> Option<String> {
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let is_next = params.split(';').any(|param| param.trim().replace(' ', "") == "rel=\"next\"");
        is_next.then(|| target.trim().trim_start_matches('<').trim_end_matches('>').to_owned())
    })
}

/// The next `page=` of a WooCommerce listing, while `X-WP-TotalPages` says there is one.
fn next_woocommerce_page(url: &str, total_pages: Option<&str>, received: usize) -> Option<String> {
    let (before, after) = url.split_once("&page=")?;
    let (page, rest) = after.split_once('&').map_or((after, ""), |(page, rest)| (page, rest));
    let page: u64 = page.parse().ok()?;
    let more = match total_pages.and_then(|total| total.trim().parse::<u64>().ok()) {
        Some(total) => page < total,
        None => received > 0,
    };
    let rest = if rest.is_empty() { String::new() } else { format!("&{rest}") };
    more.then(|| format!("{before}&page={}{rest}", page + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_shopifys_link_header() {
        let link = r#"<https://s.myshopify.com/admin/api/2026-10/orders.json?page_info=abc&limit=250>; rel="previous", <https://s.myshopify.com/admin/api/2026-10/orders.json?page_info=def&limit=250>; rel="next""#;
        assert_eq!(
            next_link(link).as_deref(),
            Some("https://s.myshopify.com/admin/api/2026-10/orders.json?page_info=def&limit=250")
        );
        assert_eq!(next_link(r#"<https://x/a>; rel="previous""#), None);
    }

    #[test]
    fn counts_woocommerce_pages() {
        let url = "http://w/wp-json/wc/v3/orders?modified_after=x&per_page=100&page=1&orderby=modified";
        assert_eq!(
            next_woocommerce_page(url, Some("2"), 100).as_deref(),
            Some("http://w/wp-json/wc/v3/orders?modified_after=x&per_page=100&page=2&orderby=modified")
        );
        let last = "http://w/wp-json/wc/v3/orders?modified_after=x&per_page=100&page=2&orderby=modified";
        assert_eq!(next_woocommerce_page(last, Some("2"), 3), None);
    }
}
