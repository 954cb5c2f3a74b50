//! What every widget is drawn from: the program, the engine's quotes, the
//! signed-in member, and the page's locale and links. Widgets are functions
//! of a `View` that give facts, not words: amounts as exact decimals with
//! their currency, points as integers, discounts by kind.
//! `pkg-template/treu_words.js` words them in the page's language and
//! formats them through the browser's `Intl`.

use super::member::Member;
use crate::engine::discount::{Discount, DiscountKind};
use crate::engine::money::{Currency, Money};
use crate::engine::program::Program;
use crate::engine::quote::Quote;

/// The state widgets show.
pub struct View<'a> {
    /// The program in force; `None` until fetched or read from the cache.
    pub program: Option<&'a Program>,
    /// The quote of the current cart; `None` until program and cart are known.
    pub quote: Option<&'a Quote>,
    /// The quote of the cart, or of an empty cart before one is known: the
    /// member's tier, redemptions and win-back offer away from the cart.
    pub standing: Option<&'a Quote>,
    /// The signed-in member, once `GET /v1/me` (or the cache) told.
    pub member: Option<&'a Member>,
    /// The currency the page shows (`data-currency`), if it said.
    pub currency: Option<Currency>,
    /// Whether a customer is signed in (a customer token was given and not refused).
    pub signed_in: bool,
    /// Checked http(s) links for guests to join and to sign in.
    pub join_url: Option<&'a str>,
    pub login_url: Option<&'a str>,
    /// The redemption option on its way to the host, if any.
    pub redeeming: Option<&'a str>,
    /// The latest outcome to announce.
    pub notice: Option<&'a Notice>,
    /// Changes whenever the program, the member or the notice changes.
    pub revision: u64,
    /// The page's locale (`data-locale`, `en` when it gives none), which
    /// every widget's facts carry for the words and formats.
    pub locale: &'a str,
}

/// An outcome the panel announces.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Notice {
    /// A redemption issued this discount code.
    CodeReady(String),
    /// A redemption waits for the shop to be reachable again.
    Queued,
    /// A redemption failed: the host's reason, or `None` when the shop could not be reached.
    Failed(Option<String>),
}

impl View<'_> {
    /// The currency to show amounts in: the cart's, else the page's, else the program's.
    pub fn currency(&self, program: &Program) -> Currency {
        self.quote.map(|quote| quote.currency).or(self.currency).unwrap_or(program.currency)
    }
}

/// An amount as `{ "value": "4.01", "currency": "EUR" }`: the exact decimal
/// in the currency's minor units, which `Intl` formats without a float.
#[derive(Debug, PartialEq, Eq)]
pub struct Amount(pub Money);

impl super::write::ToJs for Amount {
    fn write(&self, json: &mut super::write::Json) {
        json.begin_object();
        json.field("value", &self.0.to_decimal_string());
        json.field("currency", self.0.currency().code());
        json.end_object();
    }
}

/// A discount by kind: `percentOff` with its `percent`, `amountOff` with its
/// `amount`, or `freeShipping`; with its `minimum` spend if it has one.
/// Amounts are in the program's currency.
#[derive(Debug, PartialEq, Eq)]
pub struct DiscountFacts {
    pub kind: &'static str,
    pub percent: Option<i64>,
    pub amount: Option<Amount>,
    pub minimum: Option<Amount>,
}

impl DiscountFacts {
    pub fn of(program: &Program, discount: &Discount) -> DiscountFacts {
        let money = |minor: i64| Amount(Money::new(minor, program.currency));
        let (kind, percent, amount) = match discount.kind {
            DiscountKind::PercentOff => ("percentOff", Some(discount.percent.unwrap_or(0)), None),
            DiscountKind::AmountOff => ("amountOff", None, Some(money(discount.amount.unwrap_or(0)))),
            DiscountKind::FreeShipping => ("freeShipping", None, None),
        };
        let minimum = (discount.minimum_spend > 0).then(|| money(discount.minimum_spend));
        DiscountFacts { kind, percent, amount, minimum }
    }
}

super::write::object! {
    DiscountFacts { kind: "kind", percent: "percent", amount: "amount", minimum: "minimum" }
}
