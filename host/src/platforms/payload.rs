//! What both platforms' payloads share: ids sent as JSON numbers (or
//! strings), lists that may be `null`, times with or without a zone, and the
//! money fields read with their JSON paths.

use super::decimal::minor_units;
use serde::{Deserialize, Deserializer};
use treu::engine::error::InputError;
use treu::engine::money::Currency;
use treu::engine::time::Timestamp;

/// An id as a decimal string, from a JSON integer (`4506753286`) or string.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Id::deserialize(deserializer)? {
        Id::Number(number) => Ok(number.to_string()),
        Id::Text(text) if !text.trim().is_empty() => Ok(text),
        Id::Text(_) => Err(serde::de::Error::custom("an id must not be empty")),
    }
}

/// An optional id: `null`, `0` and absent mean none (WooCommerce's guest is 0).
pub fn optional_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Id>::deserialize(deserializer)? {
        None | Some(Id::Number(0)) => None,
        Some(Id::Number(number)) => Some(number.to_string()),
        Some(Id::Text(text)) => Some(text).filter(|text| !text.trim().is_empty() && text != "0"),
    })
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Number(u64),
    Text(String),
}

/// A list where `null` means empty.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// An amount read by `currency`'s exponent; a problem is recorded at `path`.
pub fn amount(text: &str, currency: Currency, path: impl FnOnce() -> String, errors: &mut InputError) -> i64 {
    minor_units(text, currency).unwrap_or_else(|reason| {
        errors.push(path(), reason);
        0
    })
}

/// A currency code; a problem is recorded at `path`.
pub fn currency(code: &str, path: impl FnOnce() -> String, errors: &mut InputError) -> Option<Currency> {
    match Currency::parse(code) {
        Ok(currency) => Some(currency),
        Err(error) => {
            errors.push(path(), error.to_string());
            None
        }
    }
}

/// An RFC 3339 time; a time without a zone (WooCommerce's `*_gmt` fields) is UTC.
pub fn time(text: &str) -> Result<Timestamp, String> {
    let has_zone = text.ends_with(['Z', 'z']) || text.get(19..).is_some_and(|rest| rest.contains(['+', '-']));
    if has_zone {
        Timestamp::parse(text)
    } else {
        Timestamp::parse(&format!("{text}Z"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_with_and_without_a_zone() {
        assert_eq!(time("2026-03-01T10:00:00-05:00").unwrap().unix(), time("2026-03-01T15:00:00Z").unwrap().unix());
        assert_eq!(time("2026-03-01T15:00:00").unwrap().unix(), time("2026-03-01T15:00:00Z").unwrap().unix());
        assert!(time("yesterday").is_err());
    }
}
