//! The host's clock. The engine never reads one; the host passes it `now`.

use std::time::{SystemTime, UNIX_EPOCH};
use treu::engine::time::Timestamp;

/// The current instant, whole seconds.
pub fn now() -> Timestamp {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Timestamp::from_unix(seconds).unwrap_or_else(|| Timestamp::from_unix(0).expect("1970 is in range"))
}
