//! Money: integer amounts in a currency's minor units.
//!
//! treu never lets a float near money. An amount is an `i64` count of the
//! currency's minor units (cents for EUR, yen for JPY, fils for KWD), always
//! carried together with its [`Currency`], and arithmetic is checked: it fails
//! with [`MoneyError`] instead of overflowing or mixing currencies.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The largest amount the API takes anywhere (a cart's total, shipping or tax,
/// an order's total): 10^15 minor units, ten trillion euros. Ample for any
/// shop, and far enough below `i64::MAX` (about 9.2 × 10^18) that sums of a few
/// such amounts cannot overflow. Products with points (at most
/// `ledger::MAX_POINTS`) can, so those are computed with checked or saturating
/// arithmetic where they meet.
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// An ISO 4217 currency, with the number of decimal places its minor unit has.
///
/// ```
/// use treu::engine::money::Currency;
/// let eur = Currency::parse("EUR").unwrap();
/// assert_eq!(eur.exponent(), 2);
/// assert_eq!(Currency::parse("JPY").unwrap().exponent(), 0);
/// assert!(Currency::parse("EURO").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// Active ISO 4217 codes whose minor unit is not 1/100, with their exponent.
/// Every other active code in [`CODES_WITH_CENTS`] has exponent 2.
const CODES_WITH_OTHER_EXPONENTS: &[(&str, u8)] = &[
    ("BHD", 3),
    ("BIF", 0),
    ("CLF", 4),
    ("CLP", 0),
    ("DJF", 0),
    ("GNF", 0),
    ("IQD", 3),
    ("ISK", 0),
    ("JOD", 3),
    ("JPY", 0),
    ("KMF", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("LYD", 3),
    ("OMR", 3),
    ("PYG", 0),
    ("RWF", 0),
    ("TND", 3),
    ("UGX", 0),
    ("UYI", 0),
    ("UYW", 4),
    ("VND", 0),
    ("VUV", 0),
    ("XAF", 0),
    ("XOF", 0),
    ("XPF", 0),
];

/// Active ISO 4217 codes with a minor unit of 1/100, space-separated and sorted.
const CODES_WITH_CENTS: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB \
BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN \
ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW \
KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN \
NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD \
SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER \
ZAR ZMW ZWG";

impl Currency {
    /// ISO 4217's `XXX`, "no currency": what a reader that found no valid
    /// code holds while it goes on to report the problem. `parse` never gives it.
    pub const NONE: Currency = Currency { code: *b"XXX", exponent: 0 };

    /// Parses an ISO 4217 alphabetic code such as `"EUR"`; unknown codes are errors.
    pub fn parse(code: &str) -> Result<Currency, MoneyError> {
        let exponent = CODES_WITH_OTHER_EXPONENTS
            .iter()
            .find(|(known, _)| *known == code)
            .map(|(_, exponent)| *exponent)
            .or_else(|| {
                let is_three_letters = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
                (is_three_letters && CODES_WITH_CENTS.split(' ').any(|known| known == code)).then_some(2)
            })
            .ok_or_else(|| MoneyError::UnknownCurrency(code.to_owned()))?;
        let bytes = code.as_bytes();
        Ok(Currency { code: [bytes[0], bytes[1], bytes[2]], exponent })
    }

    /// The three-letter code, e.g. `"EUR"`.
    pub fn code(&self) -> &str {
        // The bytes were checked to be ASCII letters in `parse`.
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Decimal places of the minor unit: 2 for EUR, 0 for JPY, 3 for KWD.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::parse(&code).map_err(serde::de::Error::custom)
    }
}

/// An amount of money: a signed count of minor units in one currency.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// `minor` units of `currency`: `Money::new(401, eur)` is €4.01.
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Nothing, in `currency`.
    pub fn zero(currency: Currency) -> Money {
        Money::new(0, currency)
    }

    /// The amount in minor units.
    pub fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// `self + other`; fails on a currency mismatch or overflow.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self.minor.checked_add(other.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money::new(minor, self.currency))
    }

    /// `self - other`; fails on a currency mismatch or overflow.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self.minor.checked_sub(other.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money::new(minor, self.currency))
    }

    /// `self × quantity`, e.g. a line's unit price times its quantity.
    pub fn checked_mul(self, quantity: i64) -> Result<Money, MoneyError> {
        let minor = self.minor.checked_mul(quantity).ok_or(MoneyError::Overflow)?;
        Ok(Money::new(minor, self.currency))
    }

    /// The amount as an exact decimal string in major units, for display:
    /// 401 EUR cents → `"4.01"`, -5 EUR cents → `"-0.05"`, 1500 JPY → `"1500"`.
    ///
    /// The browser hands this string to `Intl.NumberFormat`, which formats
    /// decimal strings exactly, so no float is ever made from an amount.
    pub fn to_decimal_string(&self) -> String {
        // Digit by digit, least significant first, at least one digit before
        // the point: no `core::fmt` padding and no slicing in the Wasm module.
        let exponent = usize::from(self.currency.exponent);
        let mut magnitude = self.minor.unsigned_abs();
        let mut reversed = Vec::with_capacity(24);
        while magnitude > 0 || reversed.len() <= exponent {
            reversed.push(b'0' + (magnitude % 10) as u8);
            magnitude /= 10;
        }
        let mut text = String::with_capacity(reversed.len() + 2);
        if self.minor < 0 {
            text.push('-');
        }
        for (place, digit) in reversed.iter().enumerate().rev() {
            text.push(char::from(*digit));
            if place == exponent && exponent > 0 {
                text.push('.');
            }
        }
        text
    }

    fn same_currency(&self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch { expected: self.currency, found: other.currency })
        }
    }
}

/// How a fraction of a point or a minor unit becomes a whole one.
///
/// `down` (the default) never gives more than was earned; `nearest` rounds
/// halves up; `up` gives the shopper the benefit of every fraction.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Rounding {
    #[default]
    Down,
    Nearest,
    Up,
}

/// `value × numerator ÷ denominator`, rounded as told, computed exactly in 128
/// bits and kept within `i64`. A denominator of 0 or less gives 0.
///
/// ```
/// use treu::engine::money::{scale, Rounding};
/// assert_eq!(scale(4599, 1, 100, Rounding::Down), 45);
/// assert_eq!(scale(4550, 1, 100, Rounding::Nearest), 46);
/// assert_eq!(scale(4501, 1, 100, Rounding::Up), 46);
/// ```
pub fn scale(value: i64, numerator: i64, denominator: i64, rounding: Rounding) -> i64 {
    if denominator <= 0 {
        return 0;
    }
    let product = i128::from(value) * i128::from(numerator);
    let denominator = i128::from(denominator);
    // Euclid's quotient and remainder (the remainder from 0 up) for a positive denominator.
    let mut quotient = divide_wide(product, denominator);
    let mut remainder = product - quotient * denominator;
    if remainder < 0 {
        quotient -= 1;
        remainder += denominator;
    }
    let rounded = match rounding {
        Rounding::Down => quotient,
        Rounding::Up => quotient + i128::from(remainder > 0),
        Rounding::Nearest => quotient + i128::from(remainder * 2 >= denominator),
    };
    rounded.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
}

/// `numerator / denominator` rounded toward zero, exactly as `/` on `i128`,
/// for a `denominator` other than 0. Long division bit by bit: the same
/// quotient without linking the compiler's 128-bit division routine, about
/// 1 KB of the storefront's Wasm module.
///
/// ```
/// use treu::engine::money::divide_wide;
/// assert_eq!(divide_wide(-7, 2), -3);
/// assert_eq!(divide_wide(i128::from(i64::MAX) * 1000, 7), i128::from(i64::MAX) * 1000 / 7);
/// ```
pub fn divide_wide(numerator: i128, denominator: i128) -> i128 {
    let divisor = denominator.unsigned_abs();
    let mut dividend = numerator.unsigned_abs();
    let (mut quotient, mut remainder) = (0_u128, 0_u128);
    for _ in 0..128 {
        remainder = remainder << 1 | dividend >> 127;
        dividend <<= 1;
        quotient <<= 1;
        if remainder >= divisor {
            remainder -= divisor;
            quotient |= 1;
        }
    }
    let quotient = quotient as i128;
    if (numerator < 0) != (denominator < 0) {
        quotient.wrapping_neg()
    } else {
        quotient
    }
}

/// What can go wrong with money.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum MoneyError {
    /// Not an active ISO 4217 alphabetic code.
    UnknownCurrency(String),
    /// Two amounts in different currencies were combined.
    CurrencyMismatch { expected: Currency, found: Currency },
    /// The result does not fit in 64 bits of minor units.
    Overflow,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::UnknownCurrency(code) => {
                write!(f, "\"{code}\" is not an ISO 4217 currency code (expected e.g. \"EUR\")")
            }
            MoneyError::CurrencyMismatch { expected, found } => {
                write!(f, "amount is in {found}, expected {expected}")
            }
            MoneyError::Overflow => f.write_str("amount is too large"),
        }
    }
}

impl std::error::Error for MoneyError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::parse("EUR").unwrap()
    }

    #[test]
    fn wide_division_matches_the_operator() {
        let values = [0, 1, 2, 3, 7, 10, 999, 1000, 4599, i128::from(i64::MAX), i128::from(i64::MAX) * 1000 + 17];
        let values = values.iter().flat_map(|value| [*value, -*value]).chain([i128::MAX, i128::MIN, i128::MIN + 1]);
        for numerator in values.clone() {
            for denominator in values.clone().filter(|denominator| *denominator != 0) {
                if numerator == i128::MIN && denominator == -1 {
                    continue;
                }
                assert_eq!(divide_wide(numerator, denominator), numerator / denominator, "{numerator} / {denominator}");
            }
        }
    }

    #[test]
    fn exponents_follow_iso_4217() {
        for (code, exponent) in [("EUR", 2), ("USD", 2), ("JPY", 0), ("KWD", 3), ("CLF", 4), ("CHF", 2)] {
            assert_eq!(Currency::parse(code).unwrap().exponent(), exponent, "{code}");
        }
    }

    #[test]
    fn unknown_and_malformed_codes_are_rejected() {
        for code in ["", "eur", "EU", "EURO", "XXX", "ZZZ", "E R", "€"] {
            assert_eq!(Currency::parse(code), Err(MoneyError::UnknownCurrency(code.to_owned())), "{code}");
        }
    }

    #[test]
    fn cents_list_is_sorted_and_unique() {
        let codes: Vec<&str> = CODES_WITH_CENTS.split(' ').collect();
        assert!(codes.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(codes.iter().all(|code| code.len() == 3));
        for (code, _) in CODES_WITH_OTHER_EXPONENTS {
            assert!(!codes.contains(code), "{code} listed twice");
        }
    }

    #[test]
    fn decimal_strings_are_exact() {
        let cases = [(401, "EUR", "4.01"), (5, "EUR", "0.05"), (-5, "EUR", "-0.05"), (0, "EUR", "0.00")];
        for (minor, code, expected) in cases {
            assert_eq!(Money::new(minor, Currency::parse(code).unwrap()).to_decimal_string(), expected);
        }
        assert_eq!(Money::new(1500, Currency::parse("JPY").unwrap()).to_decimal_string(), "1500");
        assert_eq!(Money::new(1, Currency::parse("KWD").unwrap()).to_decimal_string(), "0.001");
        assert_eq!(Money::new(i64::MIN, eur()).to_decimal_string(), "-92233720368547758.08");
    }

    #[test]
    fn scaling_rounds_as_told_and_never_overflows() {
        assert_eq!(scale(-1, 1, 2, Rounding::Down), -1);
        assert_eq!(scale(5, 1, 10, Rounding::Nearest), 1);
        assert_eq!(scale(4, 1, 10, Rounding::Nearest), 0);
        assert_eq!(scale(i64::MAX, i64::MAX, 1, Rounding::Down), i64::MAX);
        assert_eq!(scale(7, 1, 0, Rounding::Up), 0);
    }

    #[test]
    fn arithmetic_is_checked() {
        let a = Money::new(i64::MAX, eur());
        assert_eq!(a.checked_add(Money::new(1, eur())), Err(MoneyError::Overflow));
        assert_eq!(a.checked_mul(2), Err(MoneyError::Overflow));
        let chf = Currency::parse("CHF").unwrap();
        assert!(matches!(
            Money::new(1, eur()).checked_add(Money::new(1, chf)),
            Err(MoneyError::CurrencyMismatch { .. })
        ));
        assert_eq!(Money::new(250, eur()).checked_sub(Money::new(300, eur())).unwrap().minor(), -50);
    }
}
