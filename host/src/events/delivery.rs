//! The worker that sends the outbox: each due delivery is claimed with one
//! conditional update (so two workers, on one host or two, never send it at
//! the same time), POSTed signed to its endpoint, and marked delivered, or
//! due again after an exponential backoff, or failed after the last attempt.
//!
//! At least once: a host that stops between sending and marking leaves the
//! claim to lapse, and the event is sent again with the same id; receivers
//! deduplicate by `Treu-Event-Id` (docs/events.md).

use super::{now_ms, scan};
use crate::storage::events::{self as stored, DeliveryRow, EndpointRow};
use crate::storage::{is_conflict, Store};
use std::time::Duration;

/// How deliveries are timed (`treu-host serve --event-…`, docs/events.md).
#[derive(Clone, Copy, Debug)]
pub struct DeliveryConfig {
    /// Wait after the first failed attempt; doubled after each further one.
    pub retry_base: Duration,
    /// The longest wait between two attempts.
    pub retry_cap: Duration,
    /// Attempts before a delivery is marked failed.
    pub max_attempts: i64,
    /// How often the worker looks for due deliveries.
    pub poll: Duration,
    /// How often the worker scans for time-driven events.
    pub scan: Duration,
    /// How long one attempt may take, connecting included.
    pub timeout: Duration,
}

/// `treu-host serve` settings of outbound events (docs/events.md).
#[derive(clap::Args, Clone, Debug)]
pub struct EventArgs {
    /// Milliseconds before the second attempt of a failed delivery; each further wait doubles.
    #[arg(long, env = "TREU_EVENT_RETRY_BASE_MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=86_400_000))]
    pub event_retry_base_ms: u64,
    /// The longest wait between two attempts, in milliseconds.
    #[arg(long, env = "TREU_EVENT_RETRY_CAP_MS", default_value_t = 3_600_000, value_parser = clap::value_parser!(u64).range(1..=604_800_000))]
    pub event_retry_cap_ms: u64,
    /// Attempts before a delivery is marked failed (it can still be replayed).
    #[arg(long, env = "TREU_EVENT_MAX_ATTEMPTS", default_value_t = 12, value_parser = clap::value_parser!(i64).range(1..=100))]
    pub event_max_attempts: i64,
    /// How often the worker looks for due deliveries, in milliseconds.
    #[arg(long, env = "TREU_EVENT_POLL_MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..=600_000))]
    pub event_poll_ms: u64,
    /// How often to look for time-driven events (`points.expiring`, `code.expiring`, `customer.lapsed`), in seconds.
    #[arg(long, env = "TREU_EVENT_SCAN_SECONDS", default_value_t = 300, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub event_scan_seconds: u64,
    /// Seconds one delivery attempt may take, connecting included.
    #[arg(long, env = "TREU_EVENT_TIMEOUT_SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=120))]
    pub event_timeout_seconds: u64,
}

impl From<&EventArgs> for DeliveryConfig {
    fn from(args: &EventArgs) -> DeliveryConfig {
        DeliveryConfig {
            retry_base: Duration::from_millis(args.event_retry_base_ms),
            retry_cap: Duration::from_millis(args.event_retry_cap_ms.max(args.event_retry_base_ms)),
            max_attempts: args.event_max_attempts,
            poll: Duration::from_millis(args.event_poll_ms),
            scan: Duration::from_secs(args.event_scan_seconds),
            timeout: Duration::from_secs(args.event_timeout_seconds),
        }
    }
}

/// The most deliveries one round sends at once.
const BATCH: i64 = 16;
/// The longest answer body kept in the log.
const ERROR_CHARS: usize = 300;

impl DeliveryConfig {
    /// The wait before attempt `attempts + 1`, after `attempts` failed ones.
    pub fn backoff(&self, attempts: i64) -> Duration {
        let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        self.retry_base.saturating_mul(2_u32.saturating_pow(doublings)).min(self.retry_cap)
    }
}

/// Runs the worker on `store` until the handle is aborted.
pub fn spawn(store: Store, config: DeliveryConfig) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut last_scan: Option<tokio::time::Instant> = None;
        loop {
            if last_scan.is_none_or(|at| at.elapsed() >= config.scan) {
                last_scan = Some(tokio::time::Instant::now());
                if let Err(error) = scan_now(&store).await {
                    tracing::warn!(%error, "cannot scan for time-driven events");
                }
            }
            match deliver_due(&store, config).await {
                Ok(sent) if sent > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "cannot deliver events"),
            }
            tokio::time::sleep(config.poll).await;
        }
    })
}

/// The scan at the host's `now` under the program in force (none: nothing to scan).
pub async fn scan_now(store: &Store) -> Result<usize, sqlx::Error> {
    let Some(program) = store.current_program().await? else { return Ok(0) };
    scan::run(store, &program.program, crate::clock::now()).await
}

/// Sends every delivery due now, up to one batch at once; how many were attempted.
pub async fn deliver_due(store: &Store, config: DeliveryConfig) -> Result<usize, sqlx::Error> {
    let now = now_ms();
    let due = stored::due(&mut *store.read().await?, now, BATCH).await?;
    let mut attempts = tokio::task::JoinSet::new();
    let hold = i64::try_from((config.timeout + Duration::from_secs(30)).as_millis()).unwrap_or(i64::MAX);
    for delivery in due {
        if !claim(store, &delivery.id, now, now.saturating_add(hold)).await? {
            continue;
        }
        let store = store.clone();
        attempts.spawn(async move { attempt(&store, config, delivery).await });
    }
    let mut sent = 0;
    while let Some(outcome) = attempts.join_next().await {
        sent += 1;
        match outcome {
            Ok(Err(error)) => tracing::warn!(%error, "cannot record a delivery attempt"),
            Err(error) => tracing::warn!(%error, "a delivery attempt stopped"),
            Ok(Ok(())) => {}
        }
    }
    Ok(sent)
}

async fn claim(store: &Store, id: &str, now: i64, until: i64) -> Result<bool, sqlx::Error> {
    let outcome = async {
        let mut transaction = store.write().await?;
        let claimed = stored::claim(&mut transaction, id, now, until).await?;
        transaction.commit().await?;
        Ok(claimed)
    }
    .await;
    match outcome {
        // Another host's worker claimed it at the same instant and won.
        Err(error) if is_conflict(&error) => Ok(false),
        outcome => outcome,
    }
}

/// One attempt of a claimed delivery, and its outcome recorded.
async fn attempt(store: &Store, config: DeliveryConfig, delivery: DeliveryRow) -> Result<(), sqlx::Error> {
    let attempts = delivery.attempts + 1;
    let endpoint = stored::endpoint(&mut *store.read().await?, &delivery.endpoint_id).await?;
    let event = stored::event(&mut *store.read().await?, &delivery.event_id).await?;
    let outcome = match (endpoint, event) {
        (Some(endpoint), Some(event)) if endpoint.enabled => {
            let request = Outgoing::new(&endpoint, &event.id, &event.kind, event.body, attempts);
            tokio::task::spawn_blocking(move || request.send(config.timeout))
                .await
                .unwrap_or_else(|error| Err((None, format!("the attempt stopped: {error}"))))
        }
        // Nothing to send to: no attempt later can succeed, so none is made.
        (Some(_), Some(_)) => return give_up(store, &delivery.id, "the endpoint is disabled").await,
        (None, _) => return give_up(store, &delivery.id, "the endpoint was deleted").await,
        (_, None) => return give_up(store, &delivery.id, "the event is missing").await,
    };
    let now = now_ms();
    let (status, next, response, error, delivered) = match outcome {
        Ok(code) => ("delivered", now, Some(code), None, Some(now)),
        Err((code, error)) if attempts >= config.max_attempts => ("failed", now, code, Some(error), None),
        Err((code, error)) => {
            let wait = i64::try_from(config.backoff(attempts).as_millis()).unwrap_or(i64::MAX);
            ("pending", now.saturating_add(wait), code, Some(error), None)
        }
    };
    tracing::info!(delivery = %delivery.id, event = %delivery.event_id, attempts, status, "event delivery attempt");
    crate::storage::again_on_conflict(|| async {
        let mut transaction = store.write().await?;
        let error = error.as_deref();
        stored::record_attempt(&mut transaction, &delivery.id, status, next, response, error, delivered).await?;
        transaction.commit().await
    })
    .await
}

/// Marks a delivery failed without an attempt, for `reason`.
async fn give_up(store: &Store, id: &str, reason: &str) -> Result<(), sqlx::Error> {
    crate::storage::again_on_conflict(|| async {
        let mut transaction = store.write().await?;
        stored::record_attempt(&mut transaction, id, "failed", now_ms(), None, Some(reason), None).await?;
        transaction.commit().await
    })
    .await
}

/// One signed POST of an event to an endpoint.
struct Outgoing {
    url: String,
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl Outgoing {
    fn new(endpoint: &EndpointRow, event_id: &str, kind: &str, body: String, attempt: i64) -> Outgoing {
        let t = crate::clock::real_seconds();
        Outgoing {
            url: endpoint.url.clone(),
            headers: vec![
                ("content-type", "application/json".to_owned()),
                ("user-agent", concat!("treu-host/", env!("CARGO_PKG_VERSION")).to_owned()),
                ("treu-event-id", event_id.to_owned()),
                ("treu-event-type", kind.to_owned()),
                ("treu-delivery-attempt", attempt.to_string()),
                ("treu-signature", signature(endpoint, t, body.as_bytes())),
            ],
            body,
        }
    }

    /// POSTs the event: the status of a 2xx answer, else the status (if one
    /// came) and why it did not count.
    fn send(self, timeout: Duration) -> Result<i64, (Option<i64>, String)> {
        // No redirects: an endpoint is the URL the merchant entered, nowhere else.
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .new_agent();
        let mut request = agent.post(&self.url);
        for (name, value) in &self.headers {
            request = request.header(*name, value);
        }
        let mut response = request.send(self.body.as_bytes()).map_err(|error| (None, format!("POST: {error}")))?;
        let status = i64::from(response.status().as_u16());
        if (200..300).contains(&status) {
            return Ok(status);
        }
        let answer = response.body_mut().with_config().limit(64 * 1024).read_to_string().unwrap_or_default();
        let answer: String = answer.chars().take(ERROR_CHARS).collect();
        Err((Some(status), format!("answered {status}: {answer}")))
    }
}

/// `Treu-Signature` for `body` at `t`, as inbound webhooks are signed
/// (`signature.rs`): with the endpoint's secret, and during the grace period
/// after a rotation also with the previous one, so a receiver still holding
/// the old secret accepts it while the new one is rolled out.
pub fn signature(endpoint: &EndpointRow, t: i64, body: &[u8]) -> String {
    let mut header = crate::signature::sign(&endpoint.secret, t, body);
    if let (Some(previous), Some(until)) = (&endpoint.previous_secret, endpoint.previous_until) {
        if until > crate::clock::real_seconds() {
            let old = crate::signature::sign(previous, t, body);
            if let Some((_, v1)) = old.split_once(",v1=") {
                header.push_str(",v1=");
                header.push_str(v1);
            }
        }
    }
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_the_base_up_to_the_cap() {
        let config = DeliveryConfig {
            retry_base: Duration::from_secs(10),
            retry_cap: Duration::from_secs(3600),
            max_attempts: 12,
            poll: Duration::from_secs(1),
            scan: Duration::from_secs(60),
            timeout: Duration::from_secs(10),
        };
        let waits: Vec<u64> = (1..=11).map(|attempts| config.backoff(attempts).as_secs()).collect();
        assert_eq!(waits, [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600]);
        assert_eq!(config.backoff(i64::MAX).as_secs(), 3600);
    }
}
