//! Members as the dashboard lists and shows them (schemas `CustomerList`
//! and `CustomerDetail`).

use super::member::EntryView;
use super::BalanceView;
use serde::Serialize;
use treu::engine::money::Currency;
use treu::engine::reports::ReportStage;
use treu::engine::tiers::TierStatus;
use treu::engine::time::Timestamp;

/// `GET /v1/admin/customers`.
#[derive(Serialize)]
pub struct CustomerList {
    pub customers: Vec<CustomerSummary>,
}

/// One member in the list.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    pub id: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub available: i64,
    pub pending: i64,
    pub tier: Option<TierName>,
    pub stage: ReportStage,
    /// Orders not cancelled.
    pub orders: usize,
    pub last_order_at: Option<Timestamp>,
    pub joined_at: Option<Timestamp>,
    pub last_active_at: Option<Timestamp>,
}

/// The tier a listed member is in.
#[derive(Serialize)]
pub struct TierName {
    pub id: String,
    pub name: String,
}

/// `GET /v1/admin/customers/{id}`: one member in full.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerDetail<'a> {
    pub id: &'a str,
    pub email: Option<&'a str>,
    pub name: Option<&'a str>,
    pub joined_at: Option<Timestamp>,
    /// Grouped for reading aloud.
    pub referral_code: String,
    /// The program's currency: a spend-based tier's `remaining` is in its minor units.
    pub currency: Currency,
    pub balance: BalanceView,
    pub tier: Option<TierStatus>,
    pub stage: ReportStage,
    pub last_order_at: Option<Timestamp>,
    pub codes: Vec<CodeDetail<'a>>,
    pub orders: Vec<OrderDetail<'a>>,
    /// Every ledger entry, oldest first.
    pub entries: Vec<EntryView<'a>>,
}

/// A discount code the member was given, with what became of it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeDetail<'a> {
    pub code: &'a str,
    /// The redemption option's id, `win-back` or `referral-welcome`.
    pub option: &'a str,
    /// What the merchant called the reward.
    pub name: Option<String>,
    pub points: i64,
    pub created_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
    /// `issued`, `used`, `returned`, or `expired` for an issued code past its expiry.
    pub status: &'a str,
}

/// One of the member's orders with the points it earned, net of reversals.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderDetail<'a> {
    pub id: &'a str,
    pub placed_at: Option<Timestamp>,
    pub total: i64,
    pub refunded: i64,
    pub status: &'a str,
    pub currency: &'a str,
    pub points: i64,
}
