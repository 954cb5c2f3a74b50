//! `POST /v1/platforms/shopify/webhooks` and `POST /v1/platforms/woocommerce/webhooks`.
//!
//! Each delivery is verified (base64 HMAC-SHA256 of the raw body), mapped,
//! and applied in one transaction that also records the delivery; the answer
//! is sent only after that commit, so a 200 means the effect is on disk.
//! Shopify retries a delivery with the same `X-Shopify-Webhook-Id`: it is
//! answered again from the record. WooCommerce does not retry, and its
//! `X-WC-Webhook-Delivery-ID` is new on every send, so its payload is taken
//! as "the order now" and only what is new in it is applied.
//! Headers: <https://shopify.dev/docs/apps/build/webhooks/delivery-structure>;
//! `WC_Webhook::deliver` and `deliver_ping` in woocommerce/woocommerce
//! `plugins/woocommerce/includes/class-wc-webhook.php`.

use super::converge::{apply_refund, converge, converge_shopify};
use super::order::PlatformRefund;
use super::{shopify, woocommerce, Platform};
use crate::extract::parse_json;
use crate::problem::Problem;
use crate::routes::webhooks::answer;
use crate::state::AppState;
use crate::storage::{platforms, webhook_events};
use crate::views;
use crate::views::platforms::{Convergence, PlatformEventResult, PlatformOutcome};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use sha2::Digest;
use treu::engine::error::InputError;

/// The Shopify topics that move points; any other is answered 200 and ignored.
const SHOPIFY_TOPICS: [&str; 4] = ["orders/paid", "orders/updated", "orders/cancelled", "refunds/create"];
/// The WooCommerce topics that move points.
const WOOCOMMERCE_TOPICS: [&str; 2] = ["order.created", "order.updated"];

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim).filter(|value| !value.is_empty())
}

fn required<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<&'a str, Problem> {
    header(headers, name).ok_or_else(|| {
        Problem::new(StatusCode::BAD_REQUEST, "missing-header", "Missing header")
            .with_detail(format!("The {name} header is required."))
            .with("header", name)
    })
}

/// Checks the body's signature under the platform's secret (either secret of a rotation).
fn verify(state: &AppState, platform: Platform, headers: &HeaderMap, body: &[u8]) -> Result<(), Problem> {
    let secrets = state.settings.platforms.secrets(platform);
    if secrets.is_empty() {
        return Err(Problem::unauthorized(format!(
            "this host has no {} and accepts no {} webhooks",
            platform.secret_variable(),
            platform.name()
        )));
    }
    secrets.verify_body(header(headers, platform.signature_header()), body).map_err(|reason| {
        Problem::new(StatusCode::UNAUTHORIZED, "invalid-signature", "Invalid signature")
            .with_detail(format!("{}: {reason}", platform.signature_header()))
    })
}

fn ignored(platform: Platform, topic: &str) -> Response {
    tracing::warn!(platform = platform.name(), topic, "webhook topic ignored: it moves no points");
    let result = PlatformEventResult {
        platform: platform.name(),
        topic: Some(topic.to_owned()),
        convergence: Convergence::only(PlatformOutcome::Ignored),
    };
    answer(views::text(&result), false)
}

/// `POST /v1/platforms/shopify/webhooks`.
pub async fn post_shopify(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Result<Response, Problem> {
    verify(&state, Platform::Shopify, &headers, &body)?;
    let topic = required(&headers, "X-Shopify-Topic")?;
    let webhook_id = required(&headers, "X-Shopify-Webhook-Id")?;
    if crate::mail::platform::SHOPIFY_TOPICS.contains(&topic) {
        // Marketing consent for mails (docs/mail.md); it moves no points.
        let consent = crate::mail::platform::shopify(&state, &body).await?;
        let answer = serde_json::json!({ "platform": "shopify", "topic": topic, "consent": consent });
        return Ok(axum::response::IntoResponse::into_response(axum::Json(answer)));
    }
    if !SHOPIFY_TOPICS.contains(&topic) {
        return Ok(ignored(Platform::Shopify, topic));
    }
    let source = format!("shopify:{webhook_id}");
    let money = state.settings.platforms.shopify_money;
    // Parse before the transaction: a malformed body writes nothing.
    let parsed = if topic == "refunds/create" {
        Parsed::Refund(parse_json(&body, "")?)
    } else {
        let payload: shopify::Order = parse_json(&body, "")?;
        Parsed::Order(Box::new(shopify::order(&payload, money, topic == "orders/paid")?))
    };
    let program = state.program().await?.program;
    let mut transaction = state.store.write().await?;
    if let Some(earlier) = webhook_events::webhook_response(&mut transaction, &source).await? {
        return Ok(answer(earlier, true));
    }
    let now = crate::clock::now();
    let (order_id, convergence) = match parsed {
        Parsed::Order(parsed) => {
            let (order, totals) = *parsed;
            (order.id.clone(), converge_shopify(&mut transaction, &program, &order, &totals, &source, now).await?)
        }
        Parsed::Refund(refund) => {
            let order_id = refund.order_id.clone().ok_or_else(|| Problem::invalid("order_id", "is required"))?;
            let result = shopify_refund(&mut transaction, &program, &refund, &order_id, &source, now).await?;
            (order_id, result)
        }
    };
    let result = PlatformEventResult { platform: "shopify", topic: Some(topic.to_owned()), convergence };
    let text = views::text(&result);
    webhook_events::record_webhook(&mut transaction, &source, topic, &order_id, now.unix(), &text).await?;
    transaction.commit().await?;
    Ok(answer(text, false))
}

enum Parsed {
    Order(Box<(super::order::PlatformOrder, platforms::OrderTotals)>),
    Refund(shopify::Refund),
}

/// `refunds/create`: the refund's money as a share of the order's recorded
/// total. Before the order itself has been seen there is no total to take a
/// share of: the refund waits, in its own currency, for the order.
async fn shopify_refund(
    conn: &mut crate::storage::Conn,
    program: &treu::engine::program::Program,
    refund: &shopify::Refund,
    order_id: &str,
    source: &str,
    now: treu::engine::time::Timestamp,
) -> Result<Convergence, Problem> {
    let mut errors = InputError::default();
    let returned = shopify::refund_money(refund, "", &mut errors);
    errors.or_ok(()).map_err(Problem::from)?;
    let Some((currency, amount)) = returned.filter(|(_, amount)| *amount > 0) else {
        return Ok(Convergence::refund(order_id, PlatformOutcome::NothingReturned, Vec::new()));
    };
    let Some(totals) = platforms::order_totals(conn, "shopify", order_id).await? else {
        tracing::info!(order = order_id, refund = %refund.id, "refund before its order: applied when the order arrives");
        let now = now.unix();
        platforms::save_waiting_refund(conn, "shopify", order_id, &refund.id, currency.code(), amount, now).await?;
        return Ok(Convergence::refund(order_id, PlatformOutcome::AwaitingOrder, Vec::new()));
    };
    let amount = shopify::in_order_currency(currency, amount, &totals)
        .ok_or_else(|| Problem::invalid("transactions", "are in neither of the order's currencies"))?;
    let effect = apply_refund(
        conn,
        program,
        order_id,
        totals.total,
        &PlatformRefund { id: refund.id.clone(), amount },
        source,
        now,
    )
    .await?;
    Ok(Convergence::refund(order_id, PlatformOutcome::Converged, vec![effect]))
}

/// WooCommerce's activation ping: `webhook_id=<n>`, form-encoded, unsigned.
fn is_ping(body: &[u8]) -> bool {
    std::str::from_utf8(body)
        .ok()
        .and_then(|text| text.trim().strip_prefix("webhook_id="))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|byte| byte.is_ascii_digit()))
}

/// `POST /v1/platforms/woocommerce/webhooks`.
pub async fn post_woocommerce(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    if is_ping(&body) {
        // WooCommerce activates a webhook only after this ping gets a 200.
        tracing::info!("WooCommerce webhook ping answered");
        let result = PlatformEventResult {
            platform: "woocommerce",
            topic: None,
            convergence: Convergence::only(PlatformOutcome::Ping),
        };
        return Ok(answer(views::text(&result), false));
    }
    verify(&state, Platform::WooCommerce, &headers, &body)?;
    let topic = required(&headers, "X-WC-Webhook-Topic")?;
    if !WOOCOMMERCE_TOPICS.contains(&topic) {
        return Ok(ignored(Platform::WooCommerce, topic));
    }
    let payload: woocommerce::Order = parse_json(&body, "")?;
    let order = woocommerce::order(&payload)?;
    // The delivery id is a hash of the webhook id and the current second, so
    // two sends in one second share it; with the body's digest a record only
    // ever answers for the same payload. (Effects are idempotent either way.)
    let delivery = header(&headers, "X-WC-Webhook-Delivery-ID").unwrap_or("unnumbered");
    let webhook = header(&headers, "X-WC-Webhook-ID").unwrap_or("0");
    let digest = hex::encode(&sha2::Sha256::digest(&body)[..8]);
    let source = format!("woocommerce:{webhook}:{delivery}:{digest}");
    let program = state.program().await?.program;
    let mut transaction = state.store.write().await?;
    if let Some(earlier) = webhook_events::webhook_response(&mut transaction, &source).await? {
        return Ok(answer(earlier, true));
    }
    let now = crate::clock::now();
    let convergence = converge(&mut transaction, &program, &order, &source, now).await?;
    let result = PlatformEventResult { platform: "woocommerce", topic: Some(topic.to_owned()), convergence };
    let text = views::text(&result);
    webhook_events::record_webhook(&mut transaction, &source, topic, &order.id, now.unix(), &text).await?;
    transaction.commit().await?;
    Ok(answer(text, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_ping_body_is_a_ping() {
        assert!(is_ping(b"webhook_id=12"));
        assert!(!is_ping(b"webhook_id="));
        assert!(!is_ping(b"webhook_id=12&x=1"));
        assert!(!is_ping(br#"{"webhook_id":12}"#));
    }
}
