//! The platform's signed events, each handled once: an order event goes to
//! `orders.rs`, an action event settles a pending action, and the answer is
//! stored with the event id in the same transaction, so a redelivery gets the
//! first answer and changes nothing. The HTTP side (signatures) is
//! `routes/webhooks.rs`.

use crate::account::Account;
use crate::order_events::{OrderEvent, OrderEventType};
use crate::orders::{paid, refunded};
use crate::problem::Problem;
use crate::storage::customers::Known;
use crate::storage::{rewards, webhook_events, Conn};
use crate::views::orders::{ActionEventResult, ActionStatus};
use crate::views::BalanceView;
use serde::Deserialize;
use serde_json::Value;
use treu::engine::actions::{award_action, Action};
use treu::engine::ledger::{Policy, Request};
use treu::engine::program::Program;
use treu::engine::time::Timestamp;

/// Handles a checked order event at `now` unless its id was handled before;
/// the answer's text and whether it is a replay. The demo seed writes its
/// history through here too, at past instants.
pub async fn handle_order_event(
    conn: &mut Conn,
    program: &Program,
    event: &OrderEvent,
    now: Timestamp,
) -> Result<(String, bool), Problem> {
    if let Some(earlier) = webhook_events::webhook_response(conn, &event.id).await? {
        return Ok((earlier, true));
    }
    let body = match event.kind {
        OrderEventType::Paid => paid(conn, program, event, now).await?,
        _ => refunded(conn, program, event, now).await?,
    };
    let text = crate::views::text(&body);
    let kind = serde_json::to_value(event.kind).ok();
    let kind = kind.as_ref().and_then(Value::as_str).unwrap_or("order");
    webhook_events::record_webhook(conn, &event.id, kind, &event.order.id, now.unix(), &text).await?;
    Ok((text, false))
}

/// An action event: the platform confirms (or rejects) an action a member reported.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: ActionEventType,
    /// The `pendingId` that `POST /v1/actions` answered.
    pub pending_id: String,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
pub enum ActionEventType {
    #[serde(rename = "action.confirmed")]
    Confirmed,
    #[serde(rename = "action.rejected")]
    Rejected,
}

/// Handles an action event at `now` unless its id was handled before: a
/// confirmed pending action earns (caps checked again), a rejected one is
/// dropped. The answer's text and whether it is a replay; 404
/// `unknown-pending-action` when nothing waits under its `pendingId`.
pub async fn handle_action_event(
    conn: &mut Conn,
    program: &Program,
    event: &ActionEvent,
    now: Timestamp,
) -> Result<(String, bool), Problem> {
    if let Some(earlier) = webhook_events::webhook_response(conn, &event.id).await? {
        return Ok((earlier, true));
    }
    let Some((customer_id, action_name)) = rewards::pending_action(conn, &event.pending_id).await? else {
        return Err(Problem::not_found("unknown-pending-action", "Unknown pending action")
            .with_detail("No pending action has this id, or it was settled before."));
    };
    let mut body = ActionEventResult {
        event: event.id.clone(),
        pending_id: event.pending_id.clone(),
        customer: customer_id.clone(),
        status: ActionStatus::Rejected,
        points: None,
        balance: None,
        refusal: None,
    };
    if event.kind == ActionEventType::Confirmed {
        let action: Action = serde_json::from_value(Value::String(action_name))
            .map_err(|error| Problem::internal(format!("stored action: {error}")))?;
        let policy = Policy::from(&program.earning);
        let mut account = Account::open(conn, &customer_id, Known::default(), now).await?;
        match award_action(&program.actions, action, &account.past_actions(), now) {
            Ok(award) => {
                let request = Request::Earn { order: None, rule: award.rule, points: award.points };
                let key = format!("confirmed:{}", event.pending_id);
                let applied = account.write(conn, &policy, &key, now, request).await?;
                crate::events::changes::record_changes(conn, program, &account, now).await?;
                body.status = ActionStatus::Confirmed;
                body.points = Some(award.points);
                body.balance = Some(BalanceView::from(applied.balance));
            }
            Err(refusal) => body.refusal = Some(refusal),
        }
    }
    let status = match body.status {
        ActionStatus::Confirmed => "confirmed",
        ActionStatus::Rejected => "rejected",
    };
    rewards::settle_pending_action(conn, &event.pending_id, status).await?;
    let text = crate::views::text(&body);
    webhook_events::record_webhook(conn, &event.id, "action", &event.pending_id, now.unix(), &text).await?;
    Ok((text, false))
}
