//! The shape of one language's table of words (`english.rs`, `german.rs`).
//!
//! A text with `{name}` gets a value there (`super::fill`); a pair is the
//! text for a count of one, then for any other count.
//!
//! Every text fits one line of a narrow cart column: the widgets reserve one
//! line and truncate rather than grow, so they can never shift the page.

/// Every text the widgets show, in one language.
pub struct Texts {
    /// "€4.01 to free shipping", with `amount` already formatted.
    pub remaining_to_free_shipping: &'static str,
    /// Shown once the cart ships free.
    pub free_shipping_unlocked: &'static str,
    /// Accessible name of the progress bar.
    pub free_shipping_progress: &'static str,
    /// "This order earns 45 points", with `points` already formatted.
    pub order_earns: [&'static str; 2],
    /// For guests: "Earn 45 points as a member".
    pub join_to_earn: [&'static str; 2],
    /// Title of the launcher panel and label of its button for guests.
    pub rewards: &'static str,
    /// The launcher button for members: "1,250 points".
    pub points: [&'static str; 2],
    /// "Earn 1 point for every €1.00 you spend."
    pub earn_rate: [&'static str; 2],
    /// Accessible name of the panel's close button.
    pub close: &'static str,
    /// The `<treu-points>` line away from the cart: "You have 1,250 points".
    pub you_have: [&'static str; 2],
    /// Heading of the win-back offer.
    pub welcome_back: &'static str,
    /// Beside the points line for a member of a segment: "For you: {offer}",
    /// the offer's title as the merchant wrote it.
    pub offer_for_you: &'static str,
    /// "15 % off", "€5.00 off", "Free shipping"; `value` already formatted.
    pub percent_off: &'static str,
    pub amount_off: &'static str,
    pub free_shipping: &'static str,
    /// " on orders from €40.00" appended to a discount.
    pub with_minimum: &'static str,
    /// Announced when a code was issued.
    pub code_ready: &'static str,
    /// A redemption that failed, with the host's reason.
    pub redeem_failed: &'static str,
    /// When the network or the API is down.
    pub try_again_later: &'static str,
    /// Copy button and its confirmation.
    pub copy: &'static str,
    pub copied: &'static str,
    /// Accessible name of a copy button: "Copy code TREU-…".
    pub copy_label: &'static str,
    pub share: &'static str,
    /// Heading and text of the referral section.
    pub refer_a_friend: &'static str,
    /// Accessible name of the referral link field.
    pub referral_link: &'static str,
    /// "2 friends have ordered through your link."
    pub friends_converted: [&'static str; 2],
    /// Text of the share sheet.
    pub share_text: &'static str,
    /// A redemption waiting for the shop to be reachable again.
    pub redeem_queued: &'static str,
    /// The referral section's offer, without and with a minimum order, and
    /// what the member gets, appended when the program rewards them.
    pub referral_offer: &'static str,
    pub referral_offer_minimum: &'static str,
    pub referral_you_get: &'static str,
}
