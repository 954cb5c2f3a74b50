//! Money and number formatting through the browser's `Intl`, so every locale
//! and currency is right without shipping locale data in the Wasm module.

use crate::engine::money::Money;
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

/// Formats amounts in one currency for one locale, e.g. `4,01 €` for de-DE.
pub struct MoneyFormat {
    format: js_sys::Function,
}

impl MoneyFormat {
    /// A formatter for `currency` (ISO code) in `locale` (BCP 47 tag). An
    /// unknown locale falls back to the browser's default.
    pub fn new(locale: &str, currency: &str) -> MoneyFormat {
        let options = Object::new();
        let _ = Reflect::set(&options, &"style".into(), &"currency".into());
        let _ = Reflect::set(&options, &"currency".into(), &currency.into());
        let locales = Array::of1(&JsValue::from_str(locale));
        // `Intl.NumberFormat` throws a RangeError for a malformed locale tag;
        // the wasm-bindgen constructor cannot report that, so check it first.
        let supported = Intl::NumberFormat::supported_locales_of(&locales, &Object::new());
        let locales = if supported.length() > 0 { supported } else { Array::new() };
        MoneyFormat { format: Intl::NumberFormat::new(&locales, &options).format() }
    }

    /// `money` as text. The amount reaches `Intl` as an exact decimal string
    /// (`"4.01"`), never as a float.
    pub fn format(&self, money: Money) -> String {
        let decimal = JsValue::from_str(&money.to_decimal_string());
        self.format
            .call1(&JsValue::UNDEFINED, &decimal)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_else(|| format!("{} {}", money.to_decimal_string(), money.currency()))
    }
}
