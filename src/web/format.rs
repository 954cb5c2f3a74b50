//! Money, number and plural formatting through the browser's `Intl`, so every
//! locale and currency is right without shipping locale data in the module.
//! Amounts and points reach `Intl` as exact decimal strings, never as floats.

use crate::engine::money::Money;
use js_sys::{Array, Function, Intl, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// Formats numbers, amounts and plural categories for one locale.
pub struct Formats {
    locales: Array,
    numbers: Function,
    plural: RefCell<Option<(Intl::PluralRules, Option<Function>)>>,
    money: RefCell<Option<(String, Function)>>,
}

impl Formats {
    /// Formats for `locale` (BCP 47); a malformed or unsupported tag falls
    /// back to the browser's default, since `Intl` would throw on it.
    pub fn new(locale: &str) -> Formats {
        let requested = Array::of1(&JsValue::from_str(locale));
        let supported = Intl::NumberFormat::supported_locales_of(&requested, &Object::new());
        let locales = if supported.length() > 0 { supported } else { Array::new() };
        let numbers = Intl::NumberFormat::new(&locales, &Object::new()).format();
        Formats { locales, numbers, plural: RefCell::new(None), money: RefCell::new(None) }
    }

    /// The locale these formats are for; `None` when the browser's default is used.
    pub fn locale(&self) -> Option<String> {
        self.locales.get(0).as_string()
    }

    /// An integer such as a points count, grouped for the locale: `1,250` / `1.250`.
    pub fn integer(&self, value: i64) -> String {
        call_with_decimal(&self.numbers, &value.to_string()).unwrap_or_else(|| value.to_string())
    }

    /// Whether `count` takes the singular form in this locale (CLDR category "one").
    pub fn is_singular(&self, count: i64) -> bool {
        let mut plural = self.plural.borrow_mut();
        let (rules, select) = plural.get_or_insert_with(|| {
            let rules = Intl::PluralRules::new(&self.locales, &Object::new());
            let select = Reflect::get(&rules, &"select".into()).ok().map(Function::from);
            (rules, select)
        });
        let category = select.as_ref().and_then(|select| select.call1(rules, &count.to_string().into()).ok());
        category.and_then(|category| category.as_string()).map_or(count == 1, |category| category == "one")
    }

    /// `money` as text in its currency: `€4.01` for en-IE, `4,01 €` for de-DE.
    pub fn money(&self, money: Money) -> String {
        let currency = money.currency();
        let code = currency.code();
        let mut cached = self.money.borrow_mut();
        if cached.as_ref().map(|(cached, _)| cached.as_str()) != Some(code) {
            let options = Object::new();
            let _ = Reflect::set(&options, &"style".into(), &"currency".into());
            let _ = Reflect::set(&options, &"currency".into(), &code.into());
            *cached = Some((code.to_owned(), Intl::NumberFormat::new(&self.locales, &options).format()));
        }
        let decimal = money.to_decimal_string();
        cached
            .as_ref()
            .and_then(|(_, format)| call_with_decimal(format, &decimal))
            .unwrap_or_else(|| format!("{decimal} {code}"))
    }
}

fn call_with_decimal(format: &Function, decimal: &str) -> Option<String> {
    format.call1(&JsValue::UNDEFINED, &JsValue::from_str(decimal)).ok().and_then(|text| text.as_string())
}
