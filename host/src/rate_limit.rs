//! Rate limits on the endpoints a fraudster would hammer (actions, referral
//! claims, redemptions): a fixed window per minute, per client IP and per
//! customer. In memory: one host process is one shop.

use crate::problem::Problem;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

/// Counters by key, e.g. `ip:203.0.113.9` or `customer:c-42`.
pub struct RateLimiter {
    per_minute: u32,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    /// At most `per_minute` requests per key and minute; 0 turns limiting off.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter { per_minute, windows: Mutex::new(HashMap::new()) }
    }

    /// Counts one request for each key; 429 if any key is over its limit.
    pub fn check(&self, keys: &[String]) -> Result<(), Problem> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (started, _)| now.duration_since(*started) < WINDOW);
        }
        let mut wait = None;
        for key in keys {
            let (started, count) = windows.entry(key.clone()).or_insert((now, 0));
            if now.duration_since(*started) >= WINDOW {
                *started = now;
                *count = 0;
            }
            *count += 1;
            if *count > self.per_minute {
                let left = WINDOW.saturating_sub(now.duration_since(*started)).as_secs().max(1) as u32;
                wait = Some(wait.map_or(left, |w: u32| w.max(left)));
            }
        }
        match wait {
            Some(seconds) => Err(Problem::rate_limited(seconds)),
            None => Ok(()),
        }
    }
}
