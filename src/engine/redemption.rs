//! Redemption options: what points buy, what this member can afford on this
//! cart, and how far the next reward is.

use super::cart::Cart;
use super::error::InputError;
use super::program::Program;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};

/// A reward members can buy with points.
///
/// A plain option costs `points` for one reward. A `stepped` amount-off option
/// sells `amount` off for every `points`, in any number of steps from
/// `minPoints`, up to `maxPointsPerOrder` and never beyond the cart's goods.
///
/// ```json
/// [ { "id": "5-off", "name": "€5 off", "kind": "amountOff", "points": 500, "amount": 500 },
///   { "id": "cash", "name": "€1 per 100 points", "kind": "amountOff", "points": 100, "amount": 100,
///     "stepped": true, "minPoints": 500, "maxPointsPerOrder": 5000 },
///   { "id": "10-pct", "name": "10 % off", "kind": "percentOff", "points": 1000, "percent": 10, "minimumSpend": 3000 },
///   { "id": "ship", "name": "Free shipping", "kind": "freeShipping", "points": 300 },
///   { "id": "mug", "name": "A free mug", "kind": "freeProduct", "points": 1500, "productId": "mug" } ]
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct RedemptionOption {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub kind: RewardKind,
    /// Cost of the reward, or of one step when `stepped`.
    pub points: i64,
    /// `amountOff`: minor units of the program currency off (per step when `stepped`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// `percentOff`: 1 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<i64>,
    /// `freeProduct`: the product given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    /// `amountOff` only: redeem any whole number of steps.
    #[serde(default)]
    pub stepped: bool,
    /// `stepped` only: the fewest points one redemption takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_points: Option<i64>,
    /// The most points one order may take through this option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_points_per_order: Option<i64>,
    /// The cart's goods must come to at least this much (minor units).
    #[serde(default)]
    pub minimum_spend: i64,
    /// Days the issued discount code stays valid; none means it does not expire.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_valid_days: Option<i64>,
}

/// What a reward gives.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RewardKind {
    AmountOff,
    PercentOff,
    FreeShipping,
    FreeProduct,
}

impl RedemptionOption {
    /// Records every problem in `errors`, with paths under `program.redemptions[index]`.
    pub fn check(&self, index: usize, errors: &mut InputError) {
        let path = |field: &str| format!("program.redemptions[{index}].{field}");
        let kind = self.kind;
        errors.require(!self.id.trim().is_empty(), || path("id"), "must not be empty");
        errors.require((1..=100_000_000).contains(&self.points), || path("points"), "must be from 1 to 100000000");
        let needs =
            |wanted: RewardKind, present: bool, valid: bool| if kind == wanted { present && valid } else { !present };
        let amount_ok = needs(RewardKind::AmountOff, self.amount.is_some(), self.amount.is_some_and(|a| a > 0));
        errors.require(
            amount_ok,
            || path("amount"),
            "amountOff needs an amount above 0 (minor units); other kinds take none",
        );
        let percent_ok =
            needs(RewardKind::PercentOff, self.percent.is_some(), self.percent.is_some_and(|p| (1..=100).contains(&p)));
        errors.require(
            percent_ok,
            || path("percent"),
            "percentOff needs a percent from 1 to 100; other kinds take none",
        );
        let product_ok = needs(
            RewardKind::FreeProduct,
            self.product_id.is_some(),
            self.product_id.as_deref().is_some_and(|p| !p.trim().is_empty()),
        );
        errors.require(product_ok, || path("productId"), "freeProduct needs a productId; other kinds take none");
        errors.require(
            !self.stepped || kind == RewardKind::AmountOff,
            || path("stepped"),
            "only amountOff options can be stepped",
        );
        let min_ok = match self.min_points {
            None => true,
            Some(min) => self.stepped && min >= self.points && min % self.points.max(1) == 0,
        };
        errors.require(min_ok, || path("minPoints"), "only for stepped options: a whole number of steps, at least one");
        if let Some(max) = self.max_points_per_order {
            let ok = max >= self.min_points.unwrap_or(self.points) && (!self.stepped || max % self.points.max(1) == 0);
            errors.require(
                ok,
                || path("maxPointsPerOrder"),
                "must be at least the cost (minPoints) and, when stepped, a whole number of steps",
            );
        }
        errors.require(self.minimum_spend >= 0, || path("minimumSpend"), "must not be negative (minor units)");
        errors.require(
            self.code_valid_days.is_none_or(|days| (1..=3650).contains(&days)),
            || path("codeValidDays"),
            "must be from 1 to 3650",
        );
    }

    /// The fewest points this option takes.
    pub fn cost(&self) -> i64 {
        self.min_points.unwrap_or(self.points)
    }

    /// The most points this option can take for a member with `balance` on a
    /// cart whose goods are worth `goods`, with what that gives off; `None` if
    /// the option cannot be used on this cart at all (however many points).
    fn best_for(&self, program: &Program, cart: &Cart, goods: i64, balance: i64) -> Option<(i64, i64)> {
        if goods < self.minimum_spend || (self.minimum_spend > 0 && cart.currency != program.currency) {
            return None;
        }
        match self.kind {
            RewardKind::AmountOff if cart.currency != program.currency => None,
            RewardKind::AmountOff if self.stepped => {
                let amount = self.amount.unwrap_or(1).max(1);
                let steps_by_goods = goods / amount;
                let limit = self.max_points_per_order.unwrap_or(i64::MAX);
                let steps = (balance.min(limit) / self.points.max(1)).min(steps_by_goods);
                // Saturating: goods up to MAX_MINOR times points up to 10^8 can pass
                // i64::MAX, and a product that large is above any cost anyway.
                if steps_by_goods.saturating_mul(self.points) < self.cost() {
                    return None;
                }
                Some((steps * self.points, steps * amount))
            }
            RewardKind::AmountOff => {
                let amount = self.amount.unwrap_or(0);
                (amount <= goods).then_some((self.points, amount))
            }
            RewardKind::PercentOff => Some((self.points, goods.saturating_mul(self.percent.unwrap_or(0)) / 100)),
            RewardKind::FreeShipping => Some((self.points, cart.shipping)),
            RewardKind::FreeProduct => {
                let product = self.product_id.as_deref().unwrap_or("");
                let price = cart.lines.iter().find(|line| line.product_id == product).map_or(0, |line| line.unit_price);
                Some((self.points, price))
            }
        }
    }
}

/// The goods a discount can apply to: every line except gift cards.
pub fn redeemable_goods(cart: &Cart) -> i64 {
    cart.lines
        .iter()
        .filter(|line| !line.gift_card)
        .map(|line| line.unit_price.saturating_mul(line.quantity))
        .fold(0, i64::saturating_add)
}

/// What the member can redeem on this cart, and the nearest reward they cannot yet.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redemptions {
    /// Points available to spend now.
    pub balance: i64,
    /// Options this member can use on this cart now, in program order, each at
    /// the most it can give.
    pub affordable: Vec<AffordableReward>,
    /// The cheapest option that fits the cart but not yet the balance.
    pub next: Option<NextReward>,
}

/// An option the member can redeem now.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AffordableReward {
    pub id: String,
    pub name: String,
    pub kind: RewardKind,
    /// Points it takes (for stepped options: the most this order can take).
    pub points: i64,
    /// What it takes off this cart in minor units (shipping charged for
    /// `freeShipping`, the unit price for a `freeProduct` in the cart, else 0).
    pub value: i64,
}

/// The nearest reward out of reach.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextReward {
    pub id: String,
    pub name: String,
    /// Points the option needs.
    pub points: i64,
    /// Points still missing from the balance (more than `points` after a clawback).
    pub points_short: i64,
}

/// The options a member with `balance` points can redeem on `cart`.
/// A reward never takes more than the balance, and never more off than the goods.
pub fn redemptions_for(program: &Program, cart: &Cart, balance: i64) -> Redemptions {
    let goods = redeemable_goods(cart);
    let mut affordable = Vec::new();
    let mut next: Option<NextReward> = None;
    for option in &program.redemptions {
        let Some((points, value)) = option.best_for(program, cart, goods, balance) else { continue };
        if balance >= option.cost() && points >= option.cost() {
            affordable.push(AffordableReward {
                id: option.id.clone(),
                name: option.name.clone(),
                kind: option.kind,
                points,
                value,
            });
        } else if balance < option.cost() {
            let points_short = option.cost().saturating_sub(balance);
            if next.as_ref().is_none_or(|best| points_short < best.points_short) {
                next = Some(NextReward {
                    id: option.id.clone(),
                    name: option.name.clone(),
                    points: option.cost(),
                    points_short,
                });
            }
        }
    }
    Redemptions { balance, affordable, next }
}

/// A redemption the host may record: points to deduct and the discount to issue.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redemption {
    pub option: String,
    pub kind: RewardKind,
    pub points: i64,
    /// Minor units off this cart (see [`AffordableReward::value`]).
    pub value: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_id: Option<String>,
    /// When the discount code stops working.
    pub expires_at: Option<Timestamp>,
}

/// Redeems `points` (for stepped options; `None` takes the cost of a plain
/// option) through option `option_id` on `cart`. Refused, with the reason on the
/// field `redemption.<field>`, if the balance does not cover it, the points are
/// not a whole number of steps or outside the option's limits, or the discount
/// would exceed the cart's goods.
pub fn redeem(
    program: &Program,
    option_id: &str,
    points: Option<i64>,
    balance: i64,
    cart: &Cart,
    now: Timestamp,
) -> Result<Redemption, InputError> {
    let Some(option) = program.redemptions.iter().find(|option| option.id == option_id) else {
        return Err(InputError::field(
            "redemption.option",
            format!("\"{option_id}\" is not an option of this program"),
        ));
    };
    let points = points.unwrap_or_else(|| option.cost());
    let goods = redeemable_goods(cart);
    let Some((most, _)) = option.best_for(program, cart, goods, i64::MAX) else {
        return Err(InputError::field(
            "redemption.option",
            "cannot be used on this cart (minimum spend, currency or goods)",
        ));
    };
    let mut errors = InputError::default();
    if option.stepped {
        let whole_steps = points % option.points.max(1) == 0 && points >= option.cost() && points <= most;
        errors.require(
            whole_steps,
            || "redemption.points".into(),
            format!("must be a multiple of {} from {} to {most} on this cart", option.points, option.cost()),
        );
    } else {
        errors.require(
            points == option.points,
            || "redemption.points".into(),
            format!("this option costs exactly {}", option.points),
        );
    }
    errors.require(points <= balance, || "redemption.points".into(), format!("the balance is only {balance} points"));
    errors.or_ok(())?;
    let value = match option.kind {
        RewardKind::AmountOff => option.amount.unwrap_or(0).saturating_mul(points / option.points.max(1)),
        _ => option.best_for(program, cart, goods, points).map_or(0, |(_, value)| value),
    };
    Ok(Redemption {
        option: option.id.clone(),
        kind: option.kind,
        points,
        value,
        percent: option.percent,
        product_id: option.product_id.clone(),
        expires_at: option.code_valid_days.map(|days| now.plus_days(days)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program() -> Program {
        serde_json::from_str::<Program>(
            r#"{"version":1,"currency":"EUR","redemptions":[
                {"id":"5-off","kind":"amountOff","points":500,"amount":500},
                {"id":"cash","kind":"amountOff","points":100,"amount":100,"stepped":true,"minPoints":500,"maxPointsPerOrder":3000},
                {"id":"10-pct","kind":"percentOff","points":1000,"percent":10,"minimumSpend":3000},
                {"id":"ship","kind":"freeShipping","points":300,"codeValidDays":30}]}"#,
        )
        .unwrap()
        .validated()
        .unwrap()
    }

    fn cart(price: i64) -> Cart {
        serde_json::from_str(&format!(
            r#"{{"currency":"EUR","shipping":490,"lines":[{{"productId":"a","quantity":1,"unitPrice":{price}}}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn affordable_options_and_the_next_one() {
        let quote = redemptions_for(&program(), &cart(4000), 720);
        let ids: Vec<(&str, i64, i64)> = quote.affordable.iter().map(|a| (a.id.as_str(), a.points, a.value)).collect();
        assert_eq!(ids, [("5-off", 500, 500), ("cash", 700, 700), ("ship", 300, 490)]);
        assert_eq!(quote.next.unwrap().points_short, 280);
    }

    #[test]
    fn rewards_never_exceed_the_goods() {
        let quote = redemptions_for(&program(), &cart(650), 5000);
        let ids: Vec<(&str, i64)> = quote.affordable.iter().map(|a| (a.id.as_str(), a.points)).collect();
        assert_eq!(ids, [("5-off", 500), ("cash", 600), ("ship", 300)]);
        assert!(quote.next.is_none());
    }

    #[test]
    fn the_largest_carts_and_costs_do_not_overflow() {
        // A cent per step at the most points a step may cost, on carts up to i64::MAX.
        let program = serde_json::from_str::<Program>(
            r#"{"version":1,"currency":"EUR","redemptions":[
                {"id":"cent","kind":"amountOff","points":100000000,"amount":1,"stepped":true}]}"#,
        )
        .unwrap()
        .validated()
        .unwrap();
        for (goods, balance) in [(i64::MAX, i64::MAX), (super::super::money::MAX_MINOR, 1_000_000_000_000), (1, 0)] {
            let quote = redemptions_for(&program, &cart(goods), balance);
            for option in &quote.affordable {
                assert!(option.points <= balance && option.value <= goods, "{option:?}");
            }
        }
        let all = redemptions_for(&program, &cart(i64::MAX), i64::MAX);
        assert_eq!(all.affordable[0].value, i64::MAX / 100_000_000);
    }

    #[test]
    fn redeeming_checks_steps_balance_and_limits() {
        let now = Timestamp::parse("2025-06-01T00:00:00Z").unwrap();
        let done = redeem(&program(), "cash", Some(1200), 1500, &cart(4000), now).unwrap();
        assert_eq!((done.points, done.value), (1200, 1200));
        let paths = |r: Result<Redemption, InputError>| r.unwrap_err().errors.len();
        assert_eq!(paths(redeem(&program(), "cash", Some(1250), 5000, &cart(4000), now)), 1);
        assert_eq!(paths(redeem(&program(), "cash", Some(3100), 5000, &cart(4000), now)), 1);
        assert_eq!(paths(redeem(&program(), "5-off", None, 499, &cart(4000), now)), 1);
        assert_eq!(paths(redeem(&program(), "nope", None, 499, &cart(4000), now)), 1);
        let ship = redeem(&program(), "ship", None, 300, &cart(4000), now).unwrap();
        assert_eq!(ship.expires_at.unwrap().to_string(), "2025-07-01T00:00:00Z");
    }
}
