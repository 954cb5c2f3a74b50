//! English: the widgets' words, and the fallback for every locale treu does not speak.

use super::texts::Texts;

pub const TEXTS: Texts = Texts {
    remaining_to_free_shipping: "{amount} to free shipping",
    free_shipping_unlocked: "Free shipping unlocked",
    free_shipping_progress: "Progress to free shipping",
    order_earns: ["This order earns {points} point", "This order earns {points} points"],
    join_to_earn: ["Earn {points} point as a member", "Earn {points} points as a member"],
    rewards: "Rewards",
    points: ["{points} point", "{points} points"],
    earn_rate: ["Earn {points} point for every {per} you spend.", "Earn {points} points for every {per} you spend."],
    close: "Close",
    you_have: ["You have {points} point", "You have {points} points"],
    welcome_back: "Welcome back!",
    offer_for_you: "For you: {offer}",
    percent_off: "{percent} % off",
    amount_off: "{amount} off",
    free_shipping: "Free shipping",
    with_minimum: "{discount} on orders from {minimum}",
    code_ready: "Your code {code} is ready. Use it at checkout.",
    redeem_failed: "Could not redeem: {reason}",
    try_again_later: "the shop cannot be reached right now. Please try again in a moment.",
    copy: "Copy",
    copied: "Copied",
    copy_label: "Copy {what}",
    share: "Share",
    refer_a_friend: "Refer a friend",
    referral_link: "Your referral link",
    friends_converted: [
        "{count} friend has ordered through your link.",
        "{count} friends have ordered through your link.",
    ],
    share_text: "A present for your first order:",
    redeem_queued:
        "The shop cannot be reached right now. Your redemption is saved and completes as soon as it is back.",
    referral_offer: "Give friends a present: {friend_gets} for their first order.",
    referral_offer_minimum: "Give friends a present: {friend_gets} for their first order from {minimum}.",
    referral_you_get: " You get {points} when they order.",
};
