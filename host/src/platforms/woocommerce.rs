//! WooCommerce's order payload (REST API v3 order schema, which webhooks
//! deliver too: `WC_Webhook::build_payload` fetches `/wc/v3/orders/<id>` at
//! delivery time) mapped to a [`PlatformOrder`]. Schema:
//! `plugins/woocommerce/includes/rest-api/Controllers/Version2/class-wc-rest-orders-v2-controller.php`
//! in woocommerce/woocommerce, and <https://woocommerce.github.io/woocommerce-rest-api-docs/#order-properties>.
//!
//! - One currency per order (`currency`); money is decimal strings.
//! - A line earns on its `total`: after coupons (its `subtotal` is before
//!   them, so the discount is already spread per line) and without tax
//!   (WooCommerce keeps line totals net of tax whether prices are entered
//!   with or without it). Tax and shipping are `total_tax` and `shipping_total`.
//! - Paid: status `processing` or `completed` (or `refunded`, which only a
//!   paid order reaches; a `cancelled` one with `date_paid_gmt` was paid too).
//! - `refunds` is a summary, `{ "id": 5, "total": "-10.00" }`; each counts once by id.
//! - `customer_id` 0 is a guest.

use super::order::{lines_for, PlatformOrder, PlatformRefund};
use super::payload::{amount, currency, id, list, time};
use crate::problem::Problem;
use serde::Deserialize;
use treu::engine::cart::Cart;
use treu::engine::error::InputError;

#[derive(Deserialize)]
pub struct Order {
    #[serde(deserialize_with = "id")]
    pub id: String,
    pub status: String,
    pub currency: String,
    #[serde(default)]
    pub date_created_gmt: Option<String>,
    #[serde(default)]
    pub date_paid_gmt: Option<String>,
    /// 0 for a guest.
    #[serde(default)]
    pub customer_id: u64,
    #[serde(default)]
    pub billing: Option<Contact>,
    #[serde(default)]
    pub shipping: Option<Contact>,
    pub total: String,
    #[serde(default)]
    pub total_tax: Option<String>,
    #[serde(default)]
    pub shipping_total: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub line_items: Vec<LineItem>,
    #[serde(default, deserialize_with = "list")]
    pub coupon_lines: Vec<CouponLine>,
    #[serde(default, deserialize_with = "list")]
    pub refunds: Vec<Refund>,
}

#[derive(Deserialize)]
pub struct Contact {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub address_1: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Deserialize)]
pub struct LineItem {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(default)]
    pub product_id: u64,
    pub quantity: i64,
    /// After coupons, without tax.
    pub total: String,
}

#[derive(Deserialize)]
pub struct CouponLine {
    pub code: String,
}

#[derive(Deserialize)]
pub struct Refund {
    #[serde(deserialize_with = "id")]
    pub id: String,
    /// Negative: `"-10.00"`.
    pub total: String,
}

/// Statuses of an order the customer has paid for.
const PAID: [&str; 3] = ["processing", "completed", "refunded"];

/// The order in the ledger's terms.
pub fn order(payload: &Order) -> Result<PlatformOrder, Problem> {
    let mut errors = InputError::default();
    let Some(currency) = currency(&payload.currency, || "currency".to_owned(), &mut errors) else {
        return Err(errors.into());
    };
    let total = amount(&payload.total, currency, || "total".to_owned(), &mut errors);
    let mut lines = Vec::new();
    for (index, line) in payload.line_items.iter().enumerate() {
        let path = |field: &str| format!("line_items[{index}].{field}");
        if !(1..=treu::engine::cart::MAX_QUANTITY).contains(&line.quantity) {
            errors.push(path("quantity"), "must be at least 1");
            continue;
        }
        let line_total = amount(&line.total, currency, || path("total"), &mut errors);
        // A line with no product (a fee) earns at the base rate.
        let product = match line.product_id {
            0 => format!("line:{}", line.id),
            product => product.to_string(),
        };
        lines.extend(lines_for(&product, line.quantity, line_total, false));
    }
    let optional = |text: &Option<String>, path: &str, errors: &mut InputError| {
        text.as_deref().map_or(0, |text| amount(text, currency, || path.to_owned(), errors))
    };
    let tax = optional(&payload.total_tax, "total_tax", &mut errors);
    let shipping = optional(&payload.shipping_total, "shipping_total", &mut errors);
    let refunds = payload
        .refunds
        .iter()
        .enumerate()
        .map(|(index, refund)| {
            let returned = amount(&refund.total, currency, || format!("refunds[{index}].total"), &mut errors);
            PlatformRefund { id: refund.id.clone(), amount: returned.abs() }
        })
        .collect();
    let placed_at = match payload.date_created_gmt.as_deref().map(time) {
        Some(Ok(at)) => Some(at),
        Some(Err(reason)) => {
            errors.push("date_created_gmt", reason);
            None
        }
        None => {
            errors.push("date_created_gmt", "is required");
            None
        }
    };
    let (Some(placed_at), true) = (placed_at, errors.errors.is_empty()) else {
        return Err(errors.into());
    };
    let status = payload.status.as_str();
    let paid_before_cancel = status == "cancelled" && payload.date_paid_gmt.is_some();
    Ok(PlatformOrder {
        id: payload.id.clone(),
        customer_id: (payload.customer_id != 0).then(|| payload.customer_id.to_string()),
        email: payload.billing.as_ref().and_then(|billing| billing.email.clone()).filter(|email| !email.is_empty()),
        shipping_address: payload.shipping.as_ref().and_then(address_line),
        placed_at,
        paid: PAID.contains(&status) || paid_before_cancel,
        cancelled: status == "cancelled",
        total,
        cart: Cart { currency, lines, market: None, shipping, tax },
        discount_codes: payload.coupon_lines.iter().map(|coupon| coupon.code.clone()).collect(),
        refunds,
    })
}

fn address_line(contact: &Contact) -> Option<String> {
    let parts: Vec<&str> = [&contact.address_1, &contact.postcode, &contact.city, &contact.country]
        .into_iter()
        .filter_map(|part| part.as_deref().map(str::trim).filter(|part| !part.is_empty()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
