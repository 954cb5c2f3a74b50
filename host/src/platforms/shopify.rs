//! Shopify's order and refund payloads (Admin REST shapes, as webhooks and
//! `GET /admin/api/<version>/orders.json` send them) mapped to a
//! [`PlatformOrder`]. Field meanings: <https://shopify.dev/docs/api/admin-rest/latest/resources/order>
//! and <https://shopify.dev/docs/api/admin-rest/latest/resources/refund>.
//!
//! - Money is read from the `*_set` fields in shop money (the shop's currency,
//!   what the program's rates and tiers are written in), or in presentment
//!   money (the currency the customer paid in) with `--shopify-money presentment`.
//! - A line earns on `price × quantity` less its `discount_allocations` (order
//!   discounts are already spread over lines there), less its `tax_lines`
//!   when the shop's prices include tax: tax and shipping never earn.
//! - Paid: `orders/paid`, or `financial_status` `paid`, `partially_refunded`
//!   or `refunded`. Cancelled: `cancelled_at` set.
//! - A refund returns the money of its successful `refund` transactions.

use super::order::{lines_for, PlatformOrder, PlatformRefund};
use super::payload::{amount, currency, id, list, optional_id, time};
use crate::problem::Problem;
use crate::storage::platforms::OrderTotals;
use serde::Deserialize;
use treu::engine::cart::Cart;
use treu::engine::error::InputError;
use treu::engine::money::{scale, Currency, Rounding};

/// Which of Shopify's two moneys the ledger is kept in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ShopifyMoney {
    /// The shop's currency (default): one currency for every order.
    #[default]
    Shop,
    /// The currency the customer saw and paid in (needs a rate per currency in the program).
    Presentment,
}

#[derive(Deserialize)]
pub struct Order {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub processed_at: Option<String>,
    #[serde(default)]
    pub cancelled_at: Option<String>,
    #[serde(default)]
    pub financial_status: Option<String>,
    #[serde(default)]
    pub taxes_included: bool,
    pub total_price_set: MoneyBag,
    #[serde(default)]
    pub total_tax_set: Option<MoneyBag>,
    #[serde(default)]
    pub total_shipping_price_set: Option<MoneyBag>,
    #[serde(default)]
    pub customer: Option<Customer>,
    #[serde(default, deserialize_with = "list")]
    pub line_items: Vec<LineItem>,
    #[serde(default, deserialize_with = "list")]
    pub discount_codes: Vec<DiscountCode>,
    #[serde(default)]
    pub shipping_address: Option<Address>,
    #[serde(default, deserialize_with = "list")]
    pub refunds: Vec<Refund>,
}

#[derive(Deserialize)]
pub struct Customer {
    #[serde(default, deserialize_with = "optional_id")]
    pub id: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Deserialize)]
pub struct Address {
    #[serde(default)]
    pub address1: Option<String>,
    #[serde(default)]
    pub zip: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub country_code: Option<String>,
}

#[derive(Deserialize)]
pub struct LineItem {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(default, deserialize_with = "optional_id")]
    pub product_id: Option<String>,
    pub quantity: i64,
    pub price_set: MoneyBag,
    #[serde(default)]
    pub gift_card: bool,
    #[serde(default, deserialize_with = "list")]
    pub discount_allocations: Vec<DiscountAllocation>,
    #[serde(default, deserialize_with = "list")]
    pub tax_lines: Vec<TaxLine>,
}

#[derive(Deserialize)]
pub struct DiscountAllocation {
    pub amount_set: MoneyBag,
}

#[derive(Deserialize)]
pub struct TaxLine {
    pub price_set: MoneyBag,
}

#[derive(Deserialize)]
pub struct DiscountCode {
    pub code: String,
}

/// An amount in shop money and in presentment money.
#[derive(Deserialize)]
pub struct MoneyBag {
    pub shop_money: Money,
    pub presentment_money: Money,
}

#[derive(Deserialize)]
pub struct Money {
    pub amount: String,
    pub currency_code: String,
}

/// A refund (`refunds/create`, and each of an order's `refunds`).
#[derive(Deserialize)]
pub struct Refund {
    #[serde(deserialize_with = "id")]
    pub id: String,
    #[serde(default, deserialize_with = "optional_id")]
    pub order_id: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub transactions: Vec<Transaction>,
}

#[derive(Deserialize)]
pub struct Transaction {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub status: String,
    pub amount: String,
    #[serde(default)]
    pub currency: Option<String>,
}

impl MoneyBag {
    fn pick(&self, money: ShopifyMoney) -> (&Money, &'static str) {
        match money {
            ShopifyMoney::Shop => (&self.shop_money, "shop_money"),
            ShopifyMoney::Presentment => (&self.presentment_money, "presentment_money"),
        }
    }

    fn other(&self, money: ShopifyMoney) -> &Money {
        match money {
            ShopifyMoney::Shop => &self.presentment_money,
            ShopifyMoney::Presentment => &self.shop_money,
        }
    }
}

/// Reads `bag` in the chosen money, which must be in `expected`.
fn read(bag: &MoneyBag, money: ShopifyMoney, expected: Currency, path: &str, errors: &mut InputError) -> i64 {
    let (picked, which) = bag.pick(money);
    if picked.currency_code != expected.code() {
        errors.push(format!("{path}.{which}.currency_code"), format!("must be {expected}, the order's currency"));
        return 0;
    }
    amount(&picked.amount, expected, || format!("{path}.{which}.amount"), errors)
}

/// The order in the ledger's terms, and its totals in both moneys.
pub fn order(payload: &Order, money: ShopifyMoney, paid_topic: bool) -> Result<(PlatformOrder, OrderTotals), Problem> {
    let mut errors = InputError::default();
    let (total_money, which) = payload.total_price_set.pick(money);
    let path = format!("total_price_set.{which}.currency_code");
    let Some(currency) = currency(&total_money.currency_code, || path, &mut errors) else {
        return Err(errors.into());
    };
    let total = read(&payload.total_price_set, money, currency, "total_price_set", &mut errors);
    let other = payload.total_price_set.other(money);
    let other_path = || "total_price_set.other.amount".to_owned();
    let other_total = match Currency::parse(&other.currency_code) {
        Ok(other_currency) => amount(&other.amount, other_currency, other_path, &mut errors),
        Err(_) => 0,
    };
    let mut lines = Vec::new();
    for (index, line) in payload.line_items.iter().enumerate() {
        let path = |field: &str| format!("line_items[{index}].{field}");
        if !(1..=treu::engine::cart::MAX_QUANTITY).contains(&line.quantity) {
            errors.push(path("quantity"), "must be at least 1");
            continue;
        }
        let price = read(&line.price_set, money, currency, &path("price_set"), &mut errors);
        let mut line_total = price.saturating_mul(line.quantity);
        for (position, allocation) in line.discount_allocations.iter().enumerate() {
            let at = path(&format!("discount_allocations[{position}].amount_set"));
            line_total -= read(&allocation.amount_set, money, currency, &at, &mut errors);
        }
        if payload.taxes_included {
            for (position, tax) in line.tax_lines.iter().enumerate() {
                let at = path(&format!("tax_lines[{position}].price_set"));
                line_total -= read(&tax.price_set, money, currency, &at, &mut errors);
            }
        }
        // A custom line (no product) still earns at the base rate.
        let product = line.product_id.clone().unwrap_or_else(|| format!("custom:{}", line.id));
        lines.extend(lines_for(&product, line.quantity, line_total, line.gift_card));
    }
    let optional = |bag: &Option<MoneyBag>, path: &str, errors: &mut InputError| {
        bag.as_ref().map_or(0, |bag| read(bag, money, currency, path, errors))
    };
    let tax = optional(&payload.total_tax_set, "total_tax_set", &mut errors);
    let shipping = optional(&payload.total_shipping_price_set, "total_shipping_price_set", &mut errors);
    let placed = payload.processed_at.as_deref().or(payload.created_at.as_deref());
    let placed_at = match placed.map(time) {
        Some(Ok(at)) => Some(at),
        Some(Err(reason)) => {
            errors.push("processed_at", reason);
            None
        }
        None => {
            errors.push("processed_at", "processed_at or created_at is required");
            None
        }
    };
    let mut refunds = Vec::new();
    for (index, refund) in payload.refunds.iter().enumerate() {
        let returned = refund_money(refund, &format!("refunds[{index}]"), &mut errors);
        if let Some((refund_currency, amount)) = returned {
            let totals = OrderTotals {
                currency: currency.code().to_owned(),
                total,
                other_currency: other.currency_code.clone(),
                other_total,
            };
            match in_order_currency(refund_currency, amount, &totals) {
                Some(amount) => refunds.push(PlatformRefund { id: refund.id.clone(), amount }),
                None => {
                    errors.push(format!("refunds[{index}].transactions"), "are in neither of the order's currencies")
                }
            }
        }
    }
    let (Some(placed_at), true) = (placed_at, errors.errors.is_empty()) else {
        return Err(errors.into());
    };
    let status = payload.financial_status.as_deref().unwrap_or_default();
    let customer = payload.customer.as_ref();
    let order = PlatformOrder {
        id: payload.id.clone(),
        customer_id: customer.and_then(|customer| customer.id.clone()),
        email: payload.email.clone().or_else(|| customer.and_then(|customer| customer.email.clone())),
        shipping_address: payload.shipping_address.as_ref().and_then(address_line),
        placed_at,
        paid: paid_topic || matches!(status, "paid" | "partially_refunded" | "refunded"),
        cancelled: payload.cancelled_at.is_some(),
        total,
        cart: Cart { currency, lines, market: None, shipping, tax },
        discount_codes: payload.discount_codes.iter().map(|discount| discount.code.clone()).collect(),
        refunds,
    };
    let totals = OrderTotals {
        currency: currency.code().to_owned(),
        total,
        other_currency: other.currency_code.clone(),
        other_total,
    };
    Ok((order, totals))
}

/// The money a refund returned: the sum of its successful `refund`
/// transactions, with their currency; `None` when it returned none.
pub fn refund_money(refund: &Refund, path: &str, errors: &mut InputError) -> Option<(Currency, i64)> {
    let mut returned: Option<(Currency, i64)> = None;
    for (index, transaction) in refund.transactions.iter().enumerate() {
        if transaction.kind != "refund" || transaction.status != "success" {
            continue;
        }
        let at = |field: &str| match path {
            "" => format!("transactions[{index}].{field}"),
            path => format!("{path}.transactions[{index}].{field}"),
        };
        let Some(code) = transaction.currency.as_deref() else {
            errors.push(at("currency"), "is required");
            continue;
        };
        let Some(transaction_currency) = currency(code, || at("currency"), errors) else { continue };
        let value = amount(&transaction.amount, transaction_currency, || at("amount"), errors).abs();
        returned = match returned {
            None => Some((transaction_currency, value)),
            Some((seen, sum)) if seen == transaction_currency => Some((seen, sum + value)),
            Some(seen) => {
                errors.push(at("currency"), format!("differs from the refund's other transactions ({})", seen.0));
                Some(seen)
            }
        };
    }
    returned
}

/// `amount` in `refund_currency` as minor units of the order's recorded
/// currency: as is when they match, else the same share of the other total
/// (Shopify's refund transactions are in the presentment currency).
pub fn in_order_currency(refund_currency: Currency, amount: i64, totals: &OrderTotals) -> Option<i64> {
    if refund_currency.code() == totals.currency {
        Some(amount)
    } else if refund_currency.code() == totals.other_currency && totals.other_total > 0 {
        Some(scale(amount, totals.total, totals.other_total, Rounding::Nearest))
    } else {
        None
    }
}

fn address_line(address: &Address) -> Option<String> {
    let parts: Vec<&str> = [&address.address1, &address.zip, &address.city, &address.country_code]
        .into_iter()
        .filter_map(|part| part.as_deref().map(str::trim).filter(|part| !part.is_empty()))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
