//! Decimal strings as the platforms send money (`"19.99"`, `"-10.00"`,
//! `"1500"`) turned into integer minor units by the currency's ISO 4217
//! exponent, digit by digit: no float ever holds an amount.

use treu::engine::money::Currency;

/// `text` in minor units of `currency`: `"19.99"` EUR → 1999, `"1500"` JPY →
/// 1500, `"1.5"` KWD → 1500. More decimals than the currency has are accepted
/// only when they are zeros (`"1500.00"` JPY, as Shopify writes yen), since
/// dropping a non-zero digit would lose money.
///
/// ```ignore
/// assert_eq!(minor_units("-10.00", eur), Ok(-1000));
/// ```
pub fn minor_units(text: &str, currency: Currency) -> Result<i64, String> {
    let wrong = || format!("\"{text}\" is not a decimal amount such as \"19.99\"");
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_only = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if whole.is_empty()
        || !digits_only(whole)
        || !digits_only(fraction)
        || (unsigned.contains('.') && fraction.is_empty())
    {
        return Err(wrong());
    }
    let exponent = usize::from(currency.exponent());
    let (kept, dropped) = fraction.split_at(fraction.len().min(exponent));
    if dropped.bytes().any(|byte| byte != b'0') {
        return Err(format!("\"{text}\" has more decimals than {currency} has ({exponent})"));
    }
    let too_large = || format!("\"{text}\" is too large an amount");
    let mut minor: i64 = 0;
    let padding = std::iter::repeat_n(b'0', exponent - kept.len());
    for byte in whole.bytes().chain(kept.bytes()).chain(padding) {
        minor = minor.checked_mul(10).and_then(|m| m.checked_add(i64::from(byte - b'0'))).ok_or_else(too_large)?;
    }
    // A bound well above any order keeps later sums and products from overflowing.
    if minor > MAX_MINOR_UNITS {
        return Err(too_large());
    }
    Ok(if negative { -minor } else { minor })
}

/// The largest amount read: 10^15 minor units (ten trillion euros).
pub const MAX_MINOR_UNITS: i64 = 1_000_000_000_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn currency(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn reads_amounts_by_the_currency_exponent() {
        assert_eq!(minor_units("19.99", currency("EUR")), Ok(1999));
        assert_eq!(minor_units("19.9", currency("EUR")), Ok(1990));
        assert_eq!(minor_units("19", currency("EUR")), Ok(1900));
        assert_eq!(minor_units("-10.00", currency("EUR")), Ok(-1000));
        assert_eq!(minor_units("0.00", currency("USD")), Ok(0));
        assert_eq!(minor_units("1500", currency("JPY")), Ok(1500));
        assert_eq!(minor_units("1500.00", currency("JPY")), Ok(1500));
        assert_eq!(minor_units("1.5", currency("KWD")), Ok(1500));
        assert_eq!(minor_units("0.125", currency("BHD")), Ok(125));
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        for text in ["", "-", ".5", "5.", "1,00", "1e3", "abc", "1.2.3", " 1.00", "--1"] {
            assert!(minor_units(text, currency("EUR")).is_err(), "{text:?}");
        }
        assert!(minor_units("1500.50", currency("JPY")).unwrap_err().contains("more decimals than JPY"));
        assert!(minor_units("19.999", currency("EUR")).is_err());
        assert!(minor_units("99999999999999999999", currency("EUR")).is_err());
    }
}
