//! What every widget renders from: the program, the engine's quote of the
//! cart, and the page's language, formats and links. Widgets are functions of
//! a `View`.

use super::format::Formats;
use super::messages::Language;
use crate::engine::money::Currency;
use crate::engine::program::Program;
use crate::engine::quote::Quote;

/// The state widgets show.
pub struct View<'a> {
    /// The program in force; `None` until fetched or read from the cache.
    pub program: Option<&'a Program>,
    /// The quote of the current cart; `None` until program and cart are known.
    pub quote: Option<&'a Quote>,
    /// The currency the page shows (`data-currency`), if it said.
    pub currency: Option<Currency>,
    /// Whether a customer is signed in (a customer token was given).
    pub signed_in: bool,
    /// Checked http(s) links for guests to join and to sign in.
    pub join_url: Option<&'a str>,
    pub login_url: Option<&'a str>,
    pub language: Language,
    pub formats: &'a Formats,
}

impl View<'_> {
    /// The currency to show amounts in: the cart's, else the page's, else the program's.
    pub fn currency(&self, program: &Program) -> Currency {
        self.quote.map(|quote| quote.currency).or(self.currency).unwrap_or(program.currency)
    }
}
