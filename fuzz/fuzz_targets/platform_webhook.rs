//! Shopify's and WooCommerce's order and refund payloads, read the way the
//! host reads a webhook body (`treu_host::platforms`, the library itself): the
//! first byte picks the shape, the rest is the body. Reading and mapping must
//! refuse without panicking; what they accept stays within the money bound,
//! and its cart goes through the engine like a paid order's.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use treu::engine::money::MAX_MINOR;
use treu_host::platforms::order::PlatformOrder;
use treu_host::platforms::shopify::{self, ShopifyMoney};
use treu_host::platforms::woocommerce;

fuzz_target!(|data: &[u8]| {
    let Some((&shape, body)) = data.split_first() else { return };
    match shape % 3 {
        0 => {
            let Ok(payload) = serde_json::from_slice::<shopify::Order>(body) else { return };
            for money in [ShopifyMoney::Shop, ShopifyMoney::Presentment] {
                for paid_topic in [false, true] {
                    if let Ok((order, totals)) = shopify::order(&payload, money, paid_topic) {
                        assert!(totals.total.abs() <= MAX_MINOR && totals.other_total.abs() <= MAX_MINOR);
                        check(&order);
                    }
                }
            }
        }
        1 => {
            let Ok(refund) = serde_json::from_slice::<shopify::Refund>(body) else { return };
            let mut errors = treu::engine::error::InputError::default();
            if let Some((_, amount)) = shopify::refund_money(&refund, "", &mut errors) {
                assert!(amount.abs() <= MAX_MINOR, "a refund of {amount}");
            }
        }
        _ => {
            let Ok(payload) = serde_json::from_slice::<woocommerce::Order>(body) else { return };
            if let Ok(order) = woocommerce::order(&payload) {
                check(&order);
            }
        }
    }
});

/// What the ledger relies on in a mapped order.
fn check(order: &PlatformOrder) {
    assert!(order.total.abs() <= MAX_MINOR, "a total of {}", order.total);
    for refund in &order.refunds {
        assert!(refund.amount.abs() <= MAX_MINOR, "a refund of {}", refund.amount);
    }
    let Ok(cart) = order.cart.clone().validated() else { return };
    let customer = common::customer();
    common::exercise(&common::program(), &cart, Some(&customer));
}
