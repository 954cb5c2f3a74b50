//! What every widget renders from: the program, the engine's quotes, the
//! signed-in member, and the page's language, formats and links. Widgets are
//! functions of a `View`.

use super::format::Formats;
use super::member::Member;
use super::messages::Language;
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
    pub language: Language,
    pub formats: &'a Formats,
}

/// An outcome the panel announces.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Notice {
    /// A redemption issued this discount code.
    CodeReady(String),
    /// Something failed; the text says what, in the shopper's language.
    Failed(String),
}

impl View<'_> {
    /// The currency to show amounts in: the cart's, else the page's, else the program's.
    pub fn currency(&self, program: &Program) -> Currency {
        self.quote.map(|quote| quote.currency).or(self.currency).unwrap_or(program.currency)
    }

    /// Points as text: "1,250 points".
    pub fn points(&self, points: i64) -> String {
        self.language.points(&self.formats.integer(points), self.formats.is_singular(points))
    }

    /// A discount in words: "15 % off", "€10.00 off on orders from €40.00", "Free shipping".
    /// Amounts are in the program's currency.
    pub fn discount(&self, program: &Program, discount: &Discount) -> String {
        let what = self.discount_kind(program, discount);
        match self.minimum_spend(program, discount) {
            Some(minimum) => self.language.with_minimum(&what, &minimum),
            None => what,
        }
    }

    /// What a discount takes off, without its minimum spend: "15 % off", "€10.00 off".
    pub fn discount_kind(&self, program: &Program, discount: &Discount) -> String {
        let language = self.language;
        match discount.kind {
            DiscountKind::PercentOff => language.percent_off(&self.formats.integer(discount.percent.unwrap_or(0))),
            DiscountKind::AmountOff => {
                language.amount_off(&self.formats.money(Money::new(discount.amount.unwrap_or(0), program.currency)))
            }
            DiscountKind::FreeShipping => language.free_shipping().to_owned(),
        }
    }

    /// A discount's minimum spend, formatted, if it has one.
    pub fn minimum_spend(&self, program: &Program, discount: &Discount) -> Option<String> {
        (discount.minimum_spend > 0).then(|| self.formats.money(Money::new(discount.minimum_spend, program.currency)))
    }
}
