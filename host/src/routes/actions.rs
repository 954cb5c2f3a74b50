use crate::account::Account;
use crate::extract::{ApiJson, ClientIp, IdempotencyKey};
use crate::idempotency::{self, Reply};
use crate::identity::Member;
use crate::problem::Problem;
use crate::routes::{known, limit, scope_of};
use crate::state::AppState;
use crate::storage::rewards;
use crate::views::rewards::{ActionOutcome, ActionResult};
use crate::views::BalanceView;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use treu::engine::actions::{award_action, serde_name, Action, ActionRefusal};
use treu::engine::ledger::{Policy, Request};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionRequest {
    pub action: Action,
    /// What the action was about (the review's product, the shared URL), for the platform to check.
    #[serde(default)]
    pub reference: Option<String>,
}

/// Actions the storefront can only report: they earn once the platform
/// confirms them (`POST /v1/webhooks/actions`), e.g. that a review was published.
pub fn needs_proof(action: Action) -> bool {
    matches!(action, Action::Review | Action::PhotoReview)
}

/// `POST /v1/actions`: newsletter, review, share …; the engine's caps decide
/// whether it earns; actions that need proof land as pending.
pub async fn post_action(
    State(state): State<AppState>,
    Member(claims): Member,
    ip: ClientIp,
    key: IdempotencyKey,
    ApiJson { value: request, raw }: ApiJson<ActionRequest>,
) -> Response {
    if let Err(problem) = limit(&state, "actions", &ip, &claims) {
        return axum::response::IntoResponse::into_response(problem);
    }
    if request.action == Action::Referral {
        let problem =
            Problem::invalid("action", "referral points are awarded when a referred friend's first order is paid");
        return axum::response::IntoResponse::into_response(problem);
    }
    if request.reference.as_ref().is_some_and(|reference| reference.len() > 500) {
        return axum::response::IntoResponse::into_response(Problem::invalid(
            "reference",
            "must be at most 500 characters",
        ));
    }
    let scope = scope_of(Some(&claims), &ip);
    let idempotency_key = key.0.clone();
    let app = state.clone();
    // Read before the transaction: on PostgreSQL the look-up takes a pooled
    // connection, and a request must not wait for a second one while it holds one.
    let program = state.program().await;
    idempotency::run(&app, &scope, &key, "POST /v1/actions", &raw, |mut transaction| async move {
        let program = program?.program;
        let policy = Policy::from(&program.earning);
        let now = crate::clock::now();
        let mut account = Account::open(&mut transaction, &claims.sub, known(&claims), now).await?;
        account.settle(&mut transaction, &policy, now).await?;
        let award = award_action(&program.actions, request.action, &account.past_actions(), now).map_err(refusal)?;
        let name = serde_name(request.action);
        if needs_proof(request.action) {
            let id = format!("{}:{idempotency_key}", claims.sub);
            rewards::insert_pending_action(
                &mut transaction,
                &id,
                &claims.sub,
                name,
                request.reference.as_deref(),
                now.unix(),
            )
            .await?;
            let body = ActionResult {
                status: ActionOutcome::Pending,
                action: name,
                points: award.points,
                pending_id: Some(id),
                points_pending: None,
                available_at: None,
                balance: BalanceView::from(account.ledger.balance(now)),
            };
            return Ok((transaction, Reply::with(StatusCode::ACCEPTED, body)));
        }
        let request = Request::Earn { order: None, rule: award.rule, points: award.points };
        let applied =
            account.write(&mut transaction, &policy, &format!("action:{idempotency_key}"), now, request).await?;
        crate::events::changes::record_changes(&mut transaction, &program, &account, now).await?;
        // Action points wait out the return window like an order's: the answer
        // says so, since "awarded" alone reads as spendable now.
        let available_at = now.plus_days(policy.return_window_days);
        let body = ActionResult {
            status: ActionOutcome::Awarded,
            action: name,
            points: award.points,
            pending_id: None,
            points_pending: Some(available_at > now),
            available_at: Some(available_at),
            balance: BalanceView::from(applied.balance),
        };
        Ok((transaction, Reply::created(body)))
    })
    .await
}

/// The problem document for an action that earns nothing.
pub fn refusal(refusal: ActionRefusal) -> Problem {
    match refusal {
        ActionRefusal::NotInProgram => {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "action-not-in-program", "Action not in program")
                .with_detail("The program gives no points for this action.")
        }
        ActionRefusal::CapReached { cap, limit } => {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "action-cap-reached", "Action cap reached")
                .with_detail(format!(
                    "This action earns at most {limit} time(s) {}.",
                    match cap {
                        treu::engine::actions::Cap::Once => "ever",
                        treu::engine::actions::Cap::PerDay => "per day",
                        treu::engine::actions::Cap::PerYear => "per year",
                        treu::engine::actions::Cap::Unlimited => "",
                    }
                ))
                .with("cap", serde_json::to_value(cap).unwrap_or_default())
                .with("limit", limit)
        }
    }
}
