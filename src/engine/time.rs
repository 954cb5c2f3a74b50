//! Time: instants and calendar dates, without a clock and without a library.
//!
//! The engine never reads the clock; every rule that depends on time takes the
//! current instant as a parameter, so the browser and the host give the same
//! answer for the same instant. Instants are UTC seconds since 1970; dates are
//! proleptic Gregorian calendar days in UTC, converted with Howard Hinnant's
//! days-from-civil algorithm.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Seconds in one day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// 0000-01-01T00:00:00Z: the earliest instant treu accepts.
pub const EARLIEST: i64 = -62_167_219_200;
/// 9999-12-31T23:59:59Z: the latest instant treu accepts.
pub const LATEST: i64 = 253_402_300_799;

/// An instant: whole seconds since 1970-01-01T00:00:00Z, between the years 0 and 9999.
///
/// In JSON it is written as RFC 3339 in UTC (`"2025-11-28T09:30:00Z"`); it is read
/// from that form, from any RFC 3339 offset (`"2025-11-28T10:30:00+01:00"`), or from
/// a number of Unix seconds.
///
/// ```
/// use treu::engine::time::Timestamp;
/// let t = Timestamp::parse("2025-11-28T10:30:00+01:00").unwrap();
/// assert_eq!(t.to_string(), "2025-11-28T09:30:00Z");
/// assert_eq!(t.date().to_string(), "2025-11-28");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Timestamp(i64);

impl Timestamp {
    /// 1970-01-01T00:00:00Z.
    pub const EPOCH: Timestamp = Timestamp(0);

    /// The instant `seconds` after 1970-01-01T00:00:00Z, if within years 0..=9999.
    pub fn from_unix(seconds: i64) -> Option<Timestamp> {
        (EARLIEST..=LATEST).contains(&seconds).then_some(Timestamp(seconds))
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix(self) -> i64 {
        self.0
    }

    /// The UTC calendar day this instant falls on.
    pub fn date(self) -> Date {
        Date::from_days(self.0.div_euclid(SECONDS_PER_DAY))
    }

    /// `days` days later (earlier if negative), kept within the accepted range.
    pub fn plus_days(self, days: i64) -> Timestamp {
        self.plus_seconds(days.saturating_mul(SECONDS_PER_DAY))
    }

    /// `seconds` later (earlier if negative), kept within the accepted range.
    pub fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(seconds).clamp(EARLIEST, LATEST))
    }

    /// Whole days from `earlier` to `self`, rounded down (negative if `earlier` is later).
    pub fn days_since(self, earlier: Timestamp) -> i64 {
        (self.0 - earlier.0).div_euclid(SECONDS_PER_DAY)
    }

    /// Reads RFC 3339: `YYYY-MM-DDTHH:MM:SS` with optional fraction (ignored), then
    /// `Z` or `±HH:MM`.
    pub fn parse(text: &str) -> Result<Timestamp, String> {
        let wrong = || format!("\"{text}\" is not an RFC 3339 time such as \"2025-11-28T09:30:00Z\"");
        let bytes = text.as_bytes();
        if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't' | b' ') || bytes[13] != b':' || bytes[16] != b':' {
            return Err(wrong());
        }
        let date = std::str::from_utf8(&bytes[..10]).ok().and_then(|day| Date::parse(day).ok()).ok_or_else(wrong)?;
        let (hour, minute, second) = (digits(&bytes[11..13]), digits(&bytes[14..16]), digits(&bytes[17..19]));
        let (Some(hour @ 0..=23), Some(minute @ 0..=59), Some(second @ 0..=60)) = (hour, minute, second) else {
            return Err(wrong());
        };
        let mut rest = &bytes[19..];
        if rest.first() == Some(&b'.') {
            let fraction = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            if fraction == 0 {
                return Err(wrong());
            }
            rest = &rest[1 + fraction..];
        }
        let offset = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let (Some(h @ 0..=23), Some(m @ 0..=59)) = (digits(&[*h1, *h2]), digits(&[*m1, *m2])) else {
                    return Err(wrong());
                };
                let offset = h * 3600 + m * 60;
                if *sign == b'-' {
                    -offset
                } else {
                    offset
                }
            }
            _ => return Err(wrong()),
        };
        // A leap second is read as the last second of its minute.
        let seconds = date.days() * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second.min(59) - offset;
        Timestamp::from_unix(seconds).ok_or_else(wrong)
    }
}

fn digits(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, b| n * 10 + i64::from(b - b'0')))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let second_of_day = self.0.rem_euclid(SECONDS_PER_DAY);
        let (hour, minute, second) = (second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
        write!(f, "{}T{hour:02}:{minute:02}:{second:02}Z", self.date())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TimestampVisitor)
    }
}

struct TimestampVisitor;

pub(crate) const OUT_OF_RANGE: &str = "is outside the years 0 to 9999";

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 time such as \"2025-11-28T09:30:00Z\" or Unix seconds")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
        Timestamp::parse(text).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, seconds: i64) -> Result<Timestamp, E> {
        Timestamp::from_unix(seconds).ok_or_else(|| E::custom(format!("{seconds} {OUT_OF_RANGE}")))
    }

    fn visit_u64<E: de::Error>(self, seconds: u64) -> Result<Timestamp, E> {
        let seconds = i64::try_from(seconds).map_err(|_| E::custom(format!("{seconds} {OUT_OF_RANGE}")))?;
        self.visit_i64(seconds)
    }

    /// JavaScript numbers arrive as floats; only whole seconds are accepted.
    /// (This is time, never money or points.)
    fn visit_f64<E: de::Error>(self, seconds: f64) -> Result<Timestamp, E> {
        let whole = seconds.fract() == 0.0 && seconds >= EARLIEST as f64 && seconds <= LATEST as f64;
        if whole {
            self.visit_i64(seconds as i64)
        } else {
            Err(E::custom("must be whole Unix seconds within the years 0 to 9999"))
        }
    }
}

/// A calendar day (proleptic Gregorian, UTC), written `"YYYY-MM-DD"` in JSON.
///
/// ```
/// use treu::engine::time::Date;
/// let leap = Date::parse("2024-02-29").unwrap();
/// assert_eq!(leap.plus_days(1).to_string(), "2024-03-01");
/// assert!(Date::parse("2025-02-29").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date if `month` is 1..=12 and `day` exists in that month, years 0..=9999.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid =
            (0..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (civil-from-days).
    pub fn from_days(days: i64) -> Date {
        let days = days.clamp(EARLIEST / SECONDS_PER_DAY, LATEST / SECONDS_PER_DAY);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date { year: year as i32, month: month as u8, day: day as u8 }
    }

    /// Days since 1970-01-01 (days-from-civil); negative before it.
    pub fn days(self) -> i64 {
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// Reads `"YYYY-MM-DD"`.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bytes = text.as_bytes();
        let shaped = bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-';
        let parts =
            (digits(&bytes[..4.min(bytes.len())]), bytes.get(5..7).and_then(digits), bytes.get(8..10).and_then(digits));
        match (shaped, parts) {
            (true, (Some(year), Some(month), Some(day))) => Date::new(year as i32, month as u8, day as u8),
            _ => None,
        }
        .ok_or_else(|| format!("\"{text}\" is not a date such as \"2025-11-28\""))
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// `days` days later (earlier if negative).
    pub fn plus_days(self, days: i64) -> Date {
        Date::from_days(self.days().saturating_add(days))
    }

    /// Midnight UTC at the start of this day.
    pub fn start(self) -> Timestamp {
        Timestamp(self.days() * SECONDS_PER_DAY)
    }

    /// The first day of this date's month.
    pub fn first_of_month(self) -> Date {
        Date { day: 1, ..self }
    }

    /// The first day of the month after this date's month (stays in 9999-12 at the end of time).
    pub fn first_of_next_month(self) -> Date {
        match (self.year, self.month) {
            (9999, 12) => Date { day: 1, ..self },
            (year, 12) => Date { year: year + 1, month: 1, day: 1 },
            (year, month) => Date { year, month: month + 1, day: 1 },
        }
    }

    /// January 1st of this date's year.
    pub fn first_of_year(self) -> Date {
        Date { year: self.year, month: 1, day: 1 }
    }
}

/// Days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip_over_the_whole_range() {
        let (first, last) = (Date::new(0, 1, 1).unwrap().days(), Date::new(9999, 12, 31).unwrap().days());
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        let mut previous: Option<Date> = None;
        for days in (first..=last).step_by(7).chain([last]) {
            let date = Date::from_days(days);
            assert_eq!(date.days(), days);
            assert!(previous.is_none_or(|previous| date > previous || days == last));
            assert_eq!(Date::parse(&date.to_string()), Ok(date));
            previous = Some(date);
        }
    }

    #[test]
    fn known_dates() {
        assert_eq!(Date::parse("2000-03-01").unwrap().days(), 11_017);
        assert_eq!(Date::parse("1969-12-31").unwrap().days(), -1);
        assert_eq!(Date::parse("2024-12-31").unwrap().first_of_next_month().to_string(), "2025-01-01");
        assert_eq!(Timestamp::parse("2025-01-01T00:00:00Z").unwrap().unix(), 1_735_689_600);
        assert_eq!(Timestamp(-1).to_string(), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn rfc3339_forms_and_mistakes() {
        assert_eq!(Timestamp::parse("2025-06-01T12:00:00.123Z").unwrap().to_string(), "2025-06-01T12:00:00Z");
        assert_eq!(Timestamp::parse("2025-06-01T12:00:00-02:30").unwrap().to_string(), "2025-06-01T14:30:00Z");
        for bad in [
            "",
            "2025-06-01",
            "2025-06-01T25:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-06-01T12:00:00",
            "2025-06-01T12:00:00.Z",
            "2025-06-01T12:00:00+1:00",
            "２０２５-06-01T12:00:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
        for bad in ["2025-02-29", "2025-1-01", "20250101", "abcd-ef-gh", "-001-01-01"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_accepts_strings_and_seconds() {
        let t: Timestamp = serde_json::from_str("1735689600").unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"2025-01-01T00:00:00Z\"");
        assert!(serde_json::from_str::<Timestamp>("1e300").is_err());
        assert!(serde_json::from_str::<Timestamp>("1.5").is_err());
        assert!(serde_json::from_str::<Timestamp>("99999999999999").is_err());
        assert_eq!(serde_json::from_str::<Timestamp>("1735689600.0").unwrap(), t);
    }
}
