//! When the outbox sends again: what an HTTP answer means for a queued POST,
//! exponential backoff with full jitter, `Retry-After`, and how long an entry
//! may wait at all. Pure functions of their inputs (time and randomness are
//! parameters), so the policy is tested without a network.

/// The first retry waits up to this long.
pub const BASE_DELAY_MS: u64 = 1_000;
/// No backoff window grows past this.
pub const MAX_DELAY_MS: u64 = 5 * 60 * 1_000;
/// Even the luckiest jitter waits this long, so a failing host never sees a
/// tight loop.
pub const MIN_DELAY_MS: u64 = 250;
/// A `Retry-After` longer than this is taken as this.
pub const MAX_RETRY_AFTER_MS: u64 = 60 * 60 * 1_000;
/// An entry not delivered this long after it was queued is dropped (and
/// reported). The host keeps idempotency keys for at least 7 days, so every
/// send of an entry falls inside the window where a replay is recognised.
pub const EXPIRES_AFTER_MS: u64 = 7 * 24 * 60 * 60 * 1_000;
/// How long a tab owns an entry it is sending; other tabs leave it alone
/// until then. Longer than [`REQUEST_TIMEOUT_MS`].
pub const LEASE_MS: u64 = 30_000;
/// A send that has not answered after this long is aborted and retried.
pub const REQUEST_TIMEOUT_MS: u32 = 20_000;

/// The problem type the host answers while the same key is still being handled.
const IN_FLIGHT: &str = "urn:treu:problem:request-in-flight";

/// What one answer means for a queued request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// 2xx: done; remove the entry and resolve.
    Delivered,
    /// Will never succeed as sent (400, 401, 403, 404, 422, …): remove and report.
    Rejected,
    /// Network error, timeout, 5xx, 408, 409 in flight, 425, 429: keep and retry later.
    Retry,
}

/// The verdict for HTTP `status` (0: no answer at all) whose problem `type`
/// is `problem_type`. A 409 is retried only while the key is in flight: other
/// conflicts (an already referred friend) are final.
pub fn verdict(status: u16, problem_type: Option<&str>) -> Verdict {
    match status {
        200..=299 => Verdict::Delivered,
        0 | 408 | 425 | 429 | 500..=599 => Verdict::Retry,
        409 if problem_type.is_none_or(|kind| kind == IN_FLIGHT) => Verdict::Retry,
        _ => Verdict::Rejected,
    }
}

/// How long to wait before attempt `attempts + 1`, after `attempts` failed
/// sends: a uniformly random time in `[MIN_DELAY_MS, window]` where the window
/// doubles from [`BASE_DELAY_MS`] and stops at [`MAX_DELAY_MS`] ("full
/// jitter", so tabs and shoppers that failed together do not retry together).
/// `random` is in `[0, 1)`.
///
/// ```text
/// attempts  1     2     3     4      …  9+
/// window    1 s   2 s   4 s   8 s    …  5 min
/// ```
pub fn backoff_ms(attempts: u32, random: f64) -> u64 {
    let doublings = attempts.saturating_sub(1).min(20);
    let window = BASE_DELAY_MS.saturating_mul(1 << doublings).min(MAX_DELAY_MS);
    let random = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.0 };
    // Timing only: the float never touches points or money.
    let jitter = (random * window as f64) as u64;
    jitter.clamp(MIN_DELAY_MS, window)
}

/// A `Retry-After` header in milliseconds from `now_ms`: delay-seconds
/// (`"120"`) or an HTTP date already parsed to `date_ms` by the caller.
/// Capped at [`MAX_RETRY_AFTER_MS`]; `None` when absent or unreadable.
pub fn retry_after_ms(header: Option<&str>, date_ms: Option<u64>, now_ms: u64) -> Option<u64> {
    let header = header?.trim();
    let delay = match header.parse::<u64>() {
        Ok(seconds) => seconds.saturating_mul(1_000),
        Err(_) => date_ms?.saturating_sub(now_ms),
    };
    Some(delay.min(MAX_RETRY_AFTER_MS))
}

/// Whether an entry queued at `created_at_ms` is too old to send at `now_ms`.
pub fn expired(created_at_ms: u64, now_ms: u64) -> bool {
    now_ms.saturating_sub(created_at_ms) >= EXPIRES_AFTER_MS
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn answers_sort_into_delivered_rejected_and_retry() {
        for status in [200, 201, 202] {
            assert_eq!(verdict(status, None), Verdict::Delivered, "{status}");
        }
        for status in [400, 401, 403, 404, 405, 413, 415, 422] {
            assert_eq!(verdict(status, Some("urn:treu:problem:x")), Verdict::Rejected, "{status}");
        }
        for status in [0, 408, 425, 429, 500, 502, 503, 504] {
            assert_eq!(verdict(status, None), Verdict::Retry, "{status}");
        }
        assert_eq!(verdict(409, Some(IN_FLIGHT)), Verdict::Retry);
        assert_eq!(verdict(409, None), Verdict::Retry);
        assert_eq!(verdict(409, Some("urn:treu:problem:already-referred")), Verdict::Rejected);
    }

    #[wasm_bindgen_test]
    fn backoff_windows_double_from_one_second_up_to_five_minutes() {
        let windows: Vec<u64> = (1..=12).map(|attempts| backoff_ms(attempts, 0.999_999_9)).collect();
        assert_eq!(
            windows,
            [999, 1_999, 3_999, 7_999, 15_999, 31_999, 63_999, 127_999, 255_999, 299_999, 299_999, 299_999]
        );
        assert_eq!(backoff_ms(u32::MAX, 0.999_999_9), 299_999);
    }

    #[wasm_bindgen_test]
    fn backoff_never_goes_below_the_floor_or_past_the_window() {
        for attempts in 0..40 {
            for random in [0.0, 1e-9, 0.1, 0.5, 0.9, 1.0, 7.0, -1.0, f64::NAN, f64::INFINITY] {
                let delay = backoff_ms(attempts, random);
                assert!((MIN_DELAY_MS..=MAX_DELAY_MS).contains(&delay), "{attempts} {random} → {delay}");
            }
        }
        assert_eq!(backoff_ms(1, 0.0), MIN_DELAY_MS);
        assert_eq!(backoff_ms(3, 0.5), 2_000);
    }

    #[wasm_bindgen_test]
    fn retry_after_reads_seconds_and_dates_and_is_capped() {
        assert_eq!(retry_after_ms(Some("2"), None, 0), Some(2_000));
        assert_eq!(retry_after_ms(Some(" 0 "), None, 0), Some(0));
        assert_eq!(retry_after_ms(Some("Wed, 21 Oct 2015 07:28:00 GMT"), Some(61_000), 1_000), Some(60_000));
        assert_eq!(retry_after_ms(Some("Wed, 21 Oct 2015 07:28:00 GMT"), Some(500), 1_000), Some(0));
        assert_eq!(retry_after_ms(Some("999999999"), None, 0), Some(MAX_RETRY_AFTER_MS));
        assert_eq!(retry_after_ms(Some("soon"), None, 0), None);
        assert_eq!(retry_after_ms(None, None, 0), None);
    }

    #[wasm_bindgen_test]
    fn entries_expire_after_seven_days() {
        let day = 24 * 60 * 60 * 1_000;
        assert!(!expired(1_000, 1_000 + 7 * day - 1));
        assert!(expired(1_000, 1_000 + 7 * day));
        // A clock that went backwards does not expire anything.
        assert!(!expired(5_000, 1_000));
    }
}
