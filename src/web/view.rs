//! What every widget renders from: the engine's quote of the cart and the
//! page's language and formats. Widgets are functions of a `View`.

use super::format::Formats;
use super::messages::Language;
use crate::engine::quote::Quote;

/// The state widgets show.
pub struct View<'a> {
    /// The quote of the current cart; `None` until program and cart are known.
    pub quote: Option<&'a Quote>,
    /// Whether a customer is signed in (a customer token was given).
    pub signed_in: bool,
    pub language: Language,
    pub formats: &'a Formats,
}
