//! What the merchant's endpoints answer: program versions, point
//! adjustments, the clock, the retention report, the preview's token, and
//! the host's health.

use super::BalanceView;
use crate::storage::programs::VersionRow;
use crate::storage::StoredProgram;
use serde::Serialize;
use treu::engine::ledger::Entry;
use treu::engine::metrics::PeriodMetrics;
use treu::engine::program::Program;
use treu::engine::time::Timestamp;

/// A saved program version (schema `AdminProgram`); `GET` adds the list of versions.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminProgram<'a> {
    pub version: i64,
    pub created_at: Option<Timestamp>,
    pub author: Option<&'a str>,
    pub note: Option<&'a str>,
    pub program: &'a Program,
    /// Every saved version, newest first (only in `GET`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versions: Option<Vec<VersionView<'a>>>,
}

impl<'a> AdminProgram<'a> {
    /// `stored`, without the list of versions.
    pub fn of(stored: &'a StoredProgram) -> AdminProgram<'a> {
        AdminProgram {
            version: stored.version,
            created_at: Timestamp::from_unix(stored.created_at),
            author: stored.author.as_deref(),
            note: stored.note.as_deref(),
            program: &stored.program,
            versions: None,
        }
    }
}

/// One version in the list: who saved it, when and why.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionView<'a> {
    pub version: i64,
    pub created_at: Option<Timestamp>,
    pub author: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl<'a> From<&'a VersionRow> for VersionView<'a> {
    fn from(row: &'a VersionRow) -> VersionView<'a> {
        VersionView {
            version: row.version,
            created_at: Timestamp::from_unix(row.created_at),
            author: row.author.as_deref(),
            note: row.note.as_deref(),
        }
    }
}

/// `POST /v1/admin/customers/{id}/adjustments` (schema `AdjustmentResult`).
#[derive(Serialize)]
pub struct AdjustmentResult {
    pub customer: String,
    /// The ledger entries the adjustment wrote.
    pub entries: Vec<Entry>,
    pub balance: BalanceView,
}

/// The host's clock (schema `Clock`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClockView {
    pub now: Timestamp,
    /// Seconds ahead of real time.
    pub offset_seconds: i64,
    /// Whether this host was started with `--movable-clock`.
    pub movable: bool,
}

/// `GET /v1/admin/reports/retention` (schema `RetentionReport`).
#[derive(Serialize)]
pub struct RetentionReport {
    pub period: PeriodMetrics,
    pub monthly: Vec<PeriodMetrics>,
}

/// `PUT /v1/admin/preview` (schema `PreviewResult`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewResult<'a> {
    /// The sample member's token for the preview's storefront; null without a member.
    pub preview_token: Option<&'a str>,
    pub member: Option<&'a str>,
}

/// `GET /healthz`.
#[derive(Serialize)]
pub struct Health {
    /// Always `ok`: a host whose database does not answer sends a problem.
    pub status: &'static str,
}
