//! Rate limits on the endpoints a fraudster would hammer (actions, referral
//! claims, redemptions): a fixed window per minute, per client IP and per
//! customer; and on failed dashboard sign-ins (a window of 15 minutes per IP),
//! so the admin token cannot be guessed. In memory: one host process is one shop.

use crate::problem::Problem;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counters by key, e.g. `ip:203.0.113.9` or `customer:c-42`.
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// At most `per_minute` requests per key and minute; 0 turns limiting off.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter::per_window(per_minute, Duration::from_secs(60))
    }

    /// At most `limit` events per key in a fixed `window`; 0 turns limiting off.
    pub fn per_window(limit: u32, window: Duration) -> RateLimiter {
        RateLimiter { limit, window, windows: Mutex::new(HashMap::new()) }
    }

    /// Counts one request for each key; 429 if any key is over its limit.
    pub fn check(&self, keys: &[String]) -> Result<(), Problem> {
        if self.limit == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (started, _)| now.duration_since(*started) < self.window);
        }
        let mut wait = None;
        for key in keys {
            let (started, count) = windows.entry(key.clone()).or_insert((now, 0));
            if now.duration_since(*started) >= self.window {
                *started = now;
                *count = 0;
            }
            *count += 1;
            if *count > self.limit {
                let left = self.seconds_left(*started, now);
                wait = Some(wait.map_or(left, |w: u32| w.max(left)));
            }
        }
        match wait {
            Some(seconds) => Err(Problem::rate_limited(seconds)),
            None => Ok(()),
        }
    }

    /// 429 if `key` has used up its window, without counting: for events
    /// counted only when they fail (sign-ins), with [`RateLimiter::record`].
    pub fn refuse_if_spent(&self, key: &str) -> Result<(), Problem> {
        if self.limit == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        match windows.get(key) {
            Some((started, count)) if now.duration_since(*started) < self.window && *count >= self.limit => {
                Err(Problem::rate_limited(self.seconds_left(*started, now)))
            }
            _ => Ok(()),
        }
    }

    /// Counts one event (a failed sign-in) for `key`.
    pub fn record(&self, key: &str) {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (started, _)| now.duration_since(*started) < self.window);
        }
        let (started, count) = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(*started) >= self.window {
            *started = now;
            *count = 0;
        }
        *count += 1;
    }

    fn seconds_left(&self, started: Instant, now: Instant) -> u32 {
        self.window.saturating_sub(now.duration_since(started)).as_secs().max(1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_refused_once_the_window_is_spent() {
        let limiter = RateLimiter::per_window(2, Duration::from_secs(900));
        assert!(limiter.refuse_if_spent("ip:a").is_ok());
        limiter.record("ip:a");
        assert!(limiter.refuse_if_spent("ip:a").is_ok());
        limiter.record("ip:a");
        let refused = limiter.refuse_if_spent("ip:a").unwrap_err();
        assert_eq!(refused.status, 429);
        assert!(refused.retry_after.is_some_and(|seconds| seconds > 800 && seconds <= 900));
        assert!(limiter.refuse_if_spent("ip:b").is_ok(), "other addresses are not affected");
    }
}
