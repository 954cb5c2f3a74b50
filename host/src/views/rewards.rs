//! What a member's own writes answer: an action reported, points redeemed
//! for a discount code, a referral claimed, a share recorded.

use super::BalanceView;
use serde::Serialize;
use treu::engine::discount::Discount;
use treu::engine::redemption::Redemption;
use treu::engine::time::Timestamp;

/// `POST /v1/actions` (schema `ActionResult`): awarded now, or pending the
/// platform's confirmation.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionResult {
    pub status: ActionOutcome,
    pub action: &'static str,
    pub points: i64,
    /// Pending only: what `POST /v1/webhooks/actions` confirms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_id: Option<String>,
    /// Awarded only: whether the points wait out the return window first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points_pending: Option<bool>,
    /// Awarded only: when the points can be spent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available_at: Option<Timestamp>,
    pub balance: BalanceView,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub enum ActionOutcome {
    Awarded,
    Pending,
}

/// `POST /v1/redemptions` (schema `RedemptionResult`).
#[derive(Serialize)]
pub struct RedemptionResult {
    pub code: String,
    pub redemption: Redemption,
    pub balance: BalanceView,
}

/// `POST /v1/referrals/claim` (schema `ReferralClaimResult`): the friend's welcome discount.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralClaimResult {
    /// Always `claimed`: a refused claim is a problem document.
    pub status: &'static str,
    pub discount_code: String,
    pub discount: Discount,
    pub expires_at: Timestamp,
    pub attribution_days: i64,
}

/// `POST /v1/referrals/shares` (schema `ReferralShareResult`).
#[derive(Serialize)]
pub struct ReferralShareResult {
    /// False for a later share the same day (only the first counts).
    pub recorded: bool,
    pub channel: &'static str,
}
