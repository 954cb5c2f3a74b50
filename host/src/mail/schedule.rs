//! When a marketing mail may go: at most one per customer per local day, and
//! never in the shop's quiet hours; both in the shop's time zone.

use jiff::civil::Time;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

/// The shop's rules.
#[derive(Clone, Debug)]
pub struct Rules {
    pub zone: TimeZone,
    /// Minutes after local midnight; equal: no quiet hours.
    pub quiet_start: i64,
    pub quiet_end: i64,
}

/// Why a mail waits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// A mail went to this customer today already.
    Daily,
    /// It is night in the shop.
    Quiet,
}

impl Wait {
    pub fn reason(self) -> &'static str {
        match self {
            Wait::Daily => "one mail a day: this customer had one today",
            Wait::Quiet => "quiet hours in the shop's time zone",
        }
    }
}

/// When a mail due at `now` (Unix seconds) may go, given the last one sent
/// to the customer: `None` now, else the instant and why it waits.
pub fn wait(rules: &Rules, now: i64, last_sent: Option<i64>) -> Option<(i64, Wait)> {
    let now_zoned = zoned(rules, now)?;
    if let Some(last) = last_sent.and_then(|last| zoned(rules, last)) {
        if last.date() == now_zoned.date() {
            let tomorrow = now_zoned.date().tomorrow().ok()?.to_zoned(rules.zone.clone()).ok()?;
            let at = tomorrow.timestamp().as_second();
            return Some((quiet_end_after(rules, at).unwrap_or(at), Wait::Daily));
        }
    }
    quiet_end_after(rules, now).map(|at| (at, Wait::Quiet))
}

/// If `at` lies in quiet hours, the instant they end.
fn quiet_end_after(rules: &Rules, at: i64) -> Option<i64> {
    if rules.quiet_start == rules.quiet_end {
        return None;
    }
    let local = zoned(rules, at)?;
    let minute = i64::from(local.hour()) * 60 + i64::from(local.minute());
    let quiet = if rules.quiet_start < rules.quiet_end {
        (rules.quiet_start..rules.quiet_end).contains(&minute)
    } else {
        minute >= rules.quiet_start || minute < rules.quiet_end
    };
    if !quiet {
        return None;
    }
    let end = Time::new((rules.quiet_end / 60) as i8, (rules.quiet_end % 60) as i8, 0, 0).ok()?;
    let mut day = local.date();
    if minute >= rules.quiet_end {
        day = day.tomorrow().ok()?;
    }
    Some(day.to_datetime(end).to_zoned(rules.zone.clone()).ok()?.timestamp().as_second())
}

fn zoned(rules: &Rules, at: i64) -> Option<Zoned> {
    Some(Timestamp::from_second(at).ok()?.to_zoned(rules.zone.clone()))
}

/// `HH:MM` as minutes after midnight.
pub fn parse_minutes(value: &str) -> Option<i64> {
    let (hours, minutes) = value.split_once(':')?;
    let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    ((0..24).contains(&hours) && (0..60).contains(&minutes) && value.len() == 5).then_some(hours * 60 + minutes)
}

/// Minutes after midnight as `HH:MM`.
pub fn format_minutes(minutes: i64) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin(start: &str, end: &str) -> Rules {
        Rules {
            zone: TimeZone::get("Europe/Berlin").unwrap(),
            quiet_start: parse_minutes(start).unwrap(),
            quiet_end: parse_minutes(end).unwrap(),
        }
    }

    fn at(text: &str) -> i64 {
        text.parse::<Timestamp>().unwrap().as_second()
    }

    #[test]
    fn quiet_hours_over_midnight_wait_for_their_local_end() {
        let rules = berlin("21:00", "08:00");
        // 22:30 in Berlin (CET, UTC+1) waits until 08:00 the next morning.
        assert_eq!(wait(&rules, at("2026-01-10T21:30:00Z"), None), Some((at("2026-01-11T07:00:00Z"), Wait::Quiet)));
        // 06:00 in Berlin waits until 08:00 the same morning; 12:00 goes.
        assert_eq!(wait(&rules, at("2026-01-11T05:00:00Z"), None), Some((at("2026-01-11T07:00:00Z"), Wait::Quiet)));
        assert_eq!(wait(&rules, at("2026-01-11T11:00:00Z"), None), None);
        // Summer time: 08:00 in Berlin is 06:00 UTC.
        assert_eq!(wait(&rules, at("2026-07-01T03:00:00Z"), None), Some((at("2026-07-01T06:00:00Z"), Wait::Quiet)));
    }

    #[test]
    fn a_second_mail_on_the_same_local_day_waits_for_the_next_morning() {
        let rules = berlin("21:00", "08:00");
        let sent = at("2026-01-11T09:00:00Z");
        assert_eq!(
            wait(&rules, at("2026-01-11T15:00:00Z"), Some(sent)),
            Some((at("2026-01-12T07:00:00Z"), Wait::Daily))
        );
        // The day before, local time, does not count.
        assert_eq!(wait(&rules, at("2026-01-11T11:00:00Z"), Some(at("2026-01-10T22:59:00Z"))), None);
        let none = berlin("00:00", "00:00");
        assert_eq!(
            wait(&none, at("2026-01-11T15:00:00Z"), Some(sent)),
            Some((at("2026-01-11T23:00:00Z"), Wait::Daily))
        );
    }

    #[test]
    fn times_of_day_are_hh_mm() {
        assert_eq!(parse_minutes("21:30"), Some(1290));
        assert_eq!(parse_minutes("24:00"), None);
        assert_eq!(parse_minutes("9:00"), None);
        assert_eq!(format_minutes(480), "08:00");
    }
}
