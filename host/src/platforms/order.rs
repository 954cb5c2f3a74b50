//! An order as a platform reports it now, in the engine's terms: integer
//! minor units, lines after their discounts, shipping and tax apart. Both
//! platforms' payloads are mapped to this one shape, and one path
//! (`converge.rs`) turns it into ledger effects.

use treu::engine::cart::{Cart, CartLine};
use treu::engine::time::Timestamp;

/// The state of one platform order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformOrder {
    /// The platform's order id as a decimal string.
    pub id: String,
    /// The platform's customer id as a decimal string; `None` for a guest.
    pub customer_id: Option<String>,
    pub email: Option<String>,
    /// One line of the shipping address, for the engine's self-referral rule.
    pub shipping_address: Option<String>,
    pub placed_at: Timestamp,
    /// The platform says the order has been paid (refunds later do not undo this).
    pub paid: bool,
    pub cancelled: bool,
    /// What the customer paid in the cart's currency; refunds are shares of it.
    pub total: i64,
    /// The lines after discounts and without tax; shipping and tax apart.
    pub cart: Cart,
    pub discount_codes: Vec<String>,
    /// Every refund the platform lists, with the money it returned.
    pub refunds: Vec<PlatformRefund>,
}

/// A refund: the platform's id and the money returned, in the order's currency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformRefund {
    pub id: String,
    pub amount: i64,
}

/// Cart lines for `quantity` units of `product_id` that together cost
/// `line_total` minor units after discounts. The engine prices a line as
/// `unit_price × quantity`; when the discount does not divide evenly, the
/// remainder goes one minor unit each onto some units, in a second line, so
/// the lines add up to exactly `line_total`: 3 for 1000 → 2 × 333 + 1 × 334.
pub fn lines_for(product_id: &str, quantity: i64, line_total: i64, gift_card: bool) -> Vec<CartLine> {
    let line_total = line_total.max(0);
    let quantity = quantity.max(1);
    let (unit, remainder) = (line_total / quantity, line_total % quantity);
    let line = |quantity, unit_price| CartLine {
        product_id: product_id.to_owned(),
        quantity,
        unit_price,
        gift_card,
        collections: Vec::new(),
    };
    let mut lines = Vec::with_capacity(2);
    if quantity > remainder {
        lines.push(line(quantity - remainder, unit));
    }
    if remainder > 0 {
        lines.push(line(remainder, unit + 1));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounted_lines_add_up_exactly() {
        let lines = lines_for("42", 3, 1000, false);
        assert_eq!(lines.iter().map(|l| (l.quantity, l.unit_price)).collect::<Vec<_>>(), [(2, 333), (1, 334)]);
        assert_eq!(lines.iter().map(|l| l.quantity * l.unit_price).sum::<i64>(), 1000);
        assert_eq!(lines_for("42", 2, 1998, false).len(), 1);
        assert_eq!(lines_for("42", 2, -5, false)[0].unit_price, 0);
    }
}
