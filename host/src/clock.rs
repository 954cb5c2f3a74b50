//! The host's one clock. The engine never reads one; the host passes it `now`.
//!
//! It is real time plus an offset that is 0 in production. A host started with
//! `serve --movable-clock` lets the merchant move it forward
//! (`POST /v1/admin/clock`), so a demo or a test can see a return window close
//! or points expire without waiting two weeks. The offset is stored in the
//! database: a restart keeps the moved date, and time never goes back for a
//! ledger that already holds entries written "in the future".
//!
//! Customer tokens are the one exception: their expiry is checked against real
//! time by `jsonwebtoken`, because the shop backend that signs them lives on
//! real time (see docs/host.md).

use crate::storage::{self, Store};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};
use treu::engine::time::Timestamp;

/// Seconds ahead of real time. One process serves one shop, so one clock.
static OFFSET: AtomicI64 = AtomicI64::new(0);
/// Whether this process may move the clock.
static MOVABLE: AtomicBool = AtomicBool::new(false);

/// The longest single move: ten years.
pub const MAX_ADVANCE_SECONDS: i64 = 10 * 365 * 86_400;

/// The current instant on the host's clock, whole seconds.
pub fn now() -> Timestamp {
    let seconds = real_seconds().saturating_add(OFFSET.load(Ordering::Acquire));
    Timestamp::from_unix(seconds).unwrap_or_else(|| Timestamp::from_unix(0).expect("1970 is in range"))
}

/// Real Unix seconds, for what other systems' real clocks signed (token expiry).
pub fn real_seconds() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Seconds the clock runs ahead of real time.
pub fn offset() -> i64 {
    OFFSET.load(Ordering::Acquire)
}

/// Whether this host was started with `--movable-clock`.
pub fn movable() -> bool {
    MOVABLE.load(Ordering::Acquire)
}

/// Reads the stored offset; called once at start, before any request.
pub async fn load(store: &Store, movable: bool) -> Result<(), sqlx::Error> {
    let offset = storage::clock::offset(&mut *store.read().await?).await?;
    OFFSET.store(offset, Ordering::Release);
    MOVABLE.store(movable, Ordering::Release);
    if offset != 0 {
        tracing::warn!(offset_seconds = offset, now = %now(), "the clock runs ahead of real time (moved in a demo)");
    }
    Ok(())
}

/// Moves the clock `seconds` forward (1 to [`MAX_ADVANCE_SECONDS`]) and stores
/// the new offset. The caller checks [`movable`] and the range.
pub async fn advance(store: &Store, seconds: i64) -> Result<i64, sqlx::Error> {
    let mut transaction = store.write().await?;
    let offset = storage::clock::advance(&mut transaction, seconds).await?;
    transaction.commit().await?;
    OFFSET.store(offset, Ordering::Release);
    Ok(offset)
}
