//! What the demo shop charges for a cart: the goods, shipping (free from the
//! program's threshold for the cart's currency, as the shipping bar promises)
//! and a discount code, which the shop checks and spreads over the lines the
//! way platforms allocate order discounts, so the lines treu earns on are what
//! the customer paid.

use crate::account::Account;
use crate::problem::Problem;
use crate::storage::{demo_orders, rewards, Conn};
use serde::Deserialize;
use treu::engine::cart::{Cart, CartLine};
use treu::engine::discount::Discount;
use treu::engine::error::InputError;
use treu::engine::program::Program;
use treu::engine::quote::quote;
use treu::engine::redemption::{redeemable_goods, RewardKind};
use treu::engine::time::Timestamp;

/// Shipping below the free-shipping threshold, minor units, per currency the
/// demo shop sells in.
pub fn shipping_fee(currency: &str) -> Option<i64> {
    match currency {
        "EUR" => Some(490),
        "CHF" => Some(690),
        _ => None,
    }
}

/// A priced order.
pub struct Priced {
    /// The cart as the platform reports it: lines after the discount, the shipping charged.
    pub cart: Cart,
    /// The goods before the discount.
    pub subtotal: i64,
    /// Off the goods, or off shipping for a free-shipping code.
    pub discount: i64,
    /// Shipping before the discount.
    pub shipping: i64,
    /// What the customer pays.
    pub total: i64,
}

/// Prices `cart` for `member` (`None`: a guest) with `code` at `now`.
/// Every refusal names the body field (`cart.…`, `discountCode`).
pub async fn price(
    conn: &mut Conn,
    program: &Program,
    cart: Cart,
    member: Option<&Account>,
    code: Option<&str>,
    now: Timestamp,
) -> Result<Priced, Problem> {
    let mut cart = cart.validated()?;
    let mut errors = InputError::default();
    errors.require(!cart.lines.is_empty(), || "cart.lines".into(), "must hold at least one line");
    let fee = shipping_fee(cart.currency.code());
    errors.require(fee.is_some(), || "cart.currency".into(), "the demo shop sells in EUR and CHF");
    errors.require(cart.shipping == 0, || "cart.shipping".into(), "is set by the shop");
    errors.or_ok(())?;
    let subtotal = cart.subtotal().map_err(|_| Problem::invalid("cart.lines", "the cart total is too large"))?.minor();
    let customer = member.map(|account| account.engine_customer(now));
    let standing = quote(program, &cart, customer.as_ref(), now)?;
    let qualifies = standing.free_shipping.is_some_and(|progress| progress.qualified);
    let shipping = if qualifies { 0 } else { fee.unwrap_or(0) };
    let goods = redeemable_goods(&cart);
    let (goods_off, shipping_off) = match code {
        Some(code) => code_value(conn, member, code, goods, shipping, now).await?,
        None => (0, 0),
    };
    allocate(&mut cart, goods_off);
    cart.shipping = shipping - shipping_off;
    let total = subtotal - goods_off + cart.shipping;
    if total <= 0 {
        return Err(Problem::invalid("cart.lines", "the order comes to nothing; a free order needs no checkout"));
    }
    Ok(Priced { cart, subtotal, discount: goods_off + shipping_off, shipping, total })
}

/// What `code` takes off (goods, shipping), after the shop's checks: the code
/// exists, is the member's, unused and unexpired, and its minimum spend is met.
async fn code_value(
    conn: &mut Conn,
    member: Option<&Account>,
    code: &str,
    goods: i64,
    shipping: i64,
    now: Timestamp,
) -> Result<(i64, i64), Problem> {
    let refuse = |reason: &str| Problem::invalid("discountCode", reason);
    let code = code.trim().to_ascii_uppercase();
    let Some(row) = rewards::redemption(conn, &code).await? else {
        return Err(refuse("is not a discount code of this shop"));
    };
    let Some(member) = member else { return Err(refuse("needs the member it was issued to: sign in first")) };
    if row.customer_id != member.customer.id {
        return Err(refuse("was issued to another customer"));
    }
    let used = demo_orders::order_with_code(conn, &code).await?;
    if row.status == "used" || used.is_some() {
        return Err(refuse("was used on an earlier order"));
    }
    if row.status != "issued" || row.expires_at.is_some_and(|expires| expires <= now.unix()) {
        return Err(refuse("has expired"));
    }
    // Welcome and win-back codes store the program's discount; redemptions the engine's `Redemption`.
    if let Ok(discount) = serde_json::from_str::<Discount>(&row.body) {
        if goods < discount.minimum_spend {
            return Err(refuse("needs a larger order (see the code's minimum spend)"));
        }
        let value = discount.value(goods, shipping);
        return Ok(match discount.kind {
            treu::engine::discount::DiscountKind::FreeShipping => (0, value),
            _ => (value.min(goods), 0),
        });
    }
    let redemption: StoredRedemption = serde_json::from_str(&row.body).map_err(Problem::internal)?;
    Ok(match redemption.kind {
        RewardKind::FreeShipping => (0, shipping),
        RewardKind::PercentOff => (goods.saturating_mul(redemption.percent.unwrap_or(0)) / 100, 0),
        RewardKind::AmountOff | RewardKind::FreeProduct => (redemption.value.min(goods), 0),
    })
}

/// The parts of a stored `redemption::Redemption` (the engine's answer when the
/// points were spent) that say what the code is worth.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredRedemption {
    kind: RewardKind,
    value: i64,
    #[serde(default)]
    percent: Option<i64>,
}

/// Spreads `discount` over the lines that are not gift cards, in proportion
/// to their totals (the last takes the rounding), as unit prices: a line whose
/// new total does not divide by its quantity becomes two lines a cent apart.
fn allocate(cart: &mut Cart, discount: i64) {
    let goods = redeemable_goods(cart);
    if discount <= 0 || goods <= 0 {
        return;
    }
    let last = cart.lines.iter().rposition(|line| !line.gift_card);
    let mut left = discount;
    let mut lines = Vec::with_capacity(cart.lines.len() + 1);
    for (index, line) in cart.lines.drain(..).enumerate() {
        if line.gift_card {
            lines.push(line);
            continue;
        }
        let total = line.unit_price * line.quantity;
        let share = if Some(index) == last {
            left
        } else {
            (i128::from(discount) * i128::from(total) / i128::from(goods)) as i64
        };
        let share = share.min(total);
        left -= share;
        let new_total = total - share;
        let (unit, extra) = (new_total / line.quantity, new_total % line.quantity);
        if extra > 0 {
            lines.push(CartLine { quantity: extra, unit_price: unit + 1, ..line.clone() });
        }
        if line.quantity > extra {
            lines.push(CartLine { quantity: line.quantity - extra, unit_price: unit, ..line });
        }
    }
    cart.lines = lines;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_discount_is_spread_over_the_goods_to_the_cent() {
        let mut cart: Cart = serde_json::from_str(
            r#"{"currency":"EUR","lines":[{"productId":"mug","quantity":3,"unitPrice":1250},
                {"productId":"gift-card","quantity":1,"unitPrice":2500,"giftCard":true},
                {"productId":"grinder","quantity":1,"unitPrice":8900}]}"#,
        )
        .unwrap();
        allocate(&mut cart, 500);
        assert_eq!(redeemable_goods(&cart), 3 * 1250 + 8900 - 500);
        let gift = cart.lines.iter().find(|line| line.gift_card).unwrap();
        assert_eq!(gift.unit_price, 2500, "gift cards are money: never discounted");
        let mugs: i64 = cart.lines.iter().filter(|line| line.product_id == "mug").map(|line| line.quantity).sum();
        assert_eq!(mugs, 3);
    }
}
