//! What an order or action event did: the answers of `POST /v1/webhooks/orders`
//! (schema `OrderEventResult`) and `POST /v1/webhooks/actions`
//! (`ActionEventResult`), stored with the event and replayed to a redelivery.

use super::BalanceView;
use serde::Serialize;
use treu::engine::actions::ActionRefusal;
use treu::engine::earning::Earn;
use treu::engine::referral::ReferralRefusal;

/// What an order event did. Fields an outcome does not have are left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderEventResult {
    pub event: String,
    pub order: String,
    pub outcome: OrderOutcome,
    /// Only on guest orders, and then true.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guest: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The change to the buyer's balance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earn: Option<Earn>,
    /// Minor units refunded so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refunded: Option<i64>,
    /// The order's status afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<BalanceView>,
    /// On a recorded payment only: the referral the order converted or was
    /// refused for, or null when it concerned none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral: Option<Option<ReferralResult>>,
}

impl OrderEventResult {
    /// `outcome` of event `event` about order `order`, with no other field.
    pub fn new(event: &str, order: &str, outcome: OrderOutcome) -> OrderEventResult {
        OrderEventResult {
            event: event.to_owned(),
            order: order.to_owned(),
            outcome,
            guest: None,
            customer: None,
            points: None,
            earn: None,
            refunded: None,
            status: None,
            balance: None,
            referral: None,
        }
    }
}

/// What became of an order event.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub enum OrderOutcome {
    Recorded,
    /// The event's order or refund was recorded by an earlier event.
    AlreadyRecorded,
    /// A refund before its order: applied when the order is paid.
    DeferredUntilPaid,
    CancelledBeforePaid,
    NothingToRefund,
}

/// A friend's first paid order and their advocate's reward.
#[derive(Serialize)]
pub struct ReferralResult {
    pub advocate: String,
    pub status: ReferralStatus,
    /// The advocate's reward, when converted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<i64>,
    /// Why not, when refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Refusal>,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub enum ReferralStatus {
    Converted,
    Refused,
}

/// Why the engine refused to reward: its referral rules or the action's cap.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Refusal {
    Referral(ReferralRefusal),
    Action(ActionRefusal),
}

/// What an action event did (schema `ActionEventResult`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionEventResult {
    pub event: String,
    pub pending_id: String,
    pub customer: String,
    pub status: ActionStatus,
    /// Points awarded, when confirmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance: Option<BalanceView>,
    /// Why the action earned nothing after all, when the engine refused it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refusal: Option<ActionRefusal>,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "camelCase")]
pub enum ActionStatus {
    Confirmed,
    Rejected,
}
