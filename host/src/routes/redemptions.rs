use crate::account::Account;
use crate::extract::{ApiJson, ClientIp, IdempotencyKey};
use crate::idempotency::{self, Reply};
use crate::identity::Member;
use crate::problem::Problem;
use crate::routes::{known, limit, scope_of};
use crate::state::AppState;
use crate::storage::customers::Known;
use crate::storage::rewards::{self, RedemptionRow};
use crate::storage::{to_json, Conn};
use crate::views::rewards::RedemptionResult;
use crate::views::BalanceView;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use treu::engine::cart::Cart;
use treu::engine::error::InputError;
use treu::engine::ledger::{Policy, Request};
use treu::engine::program::Program;
use treu::engine::redemption::redeem;
use treu::engine::time::Timestamp;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RedemptionRequest {
    /// The redemption option's id.
    pub option: String,
    /// For stepped options: how many points; otherwise the option's cost.
    #[serde(default)]
    pub points: Option<i64>,
    /// The cart the discount is for (minimum spend, goods).
    pub cart: Cart,
}

/// `POST /v1/redemptions`: spends points on a reward and issues a discount code.
/// The balance never goes below zero; a code that expires unused gives the points back.
pub async fn post_redemption(
    State(state): State<AppState>,
    Member(claims): Member,
    ip: ClientIp,
    key: IdempotencyKey,
    ApiJson { value: request, raw }: ApiJson<RedemptionRequest>,
) -> Response {
    if let Err(problem) = limit(&state, "redemptions", &ip, &claims) {
        return problem.into_response();
    }
    let scope = scope_of(Some(&claims), &ip);
    let idempotency_key = key.0.clone();
    let app = state.clone();
    // Read before the transaction: on PostgreSQL the look-up takes a pooled
    // connection, and a request must not wait for a second one while it holds one.
    let program = state.program().await;
    idempotency::run(&app, &scope, &key, "POST /v1/redemptions", &raw, |mut transaction| async move {
        let program = program?.program;
        let now = crate::clock::now();
        let known = known(&claims);
        let key = format!("redeem:{idempotency_key}");
        let body = issue(&mut transaction, &program, &claims.sub, known, &request, &key, now).await?;
        Ok((transaction, Reply::created(body)))
    })
    .await
}

/// Spends the member's points on `request`'s reward (ledger key `key`) and
/// issues its discount code; the answer's body. Shared by the API and the demo seed.
pub async fn issue(
    conn: &mut Conn,
    program: &Program,
    customer: &str,
    known: Known<'_>,
    request: &RedemptionRequest,
    key: &str,
    now: Timestamp,
) -> Result<RedemptionResult, Problem> {
    let policy = Policy::from(&program.earning);
    request.cart.clone().validated()?;
    let mut account = Account::open(conn, customer, known, now).await?;
    account.settle(conn, &policy, now).await?;
    // The engine checks the option, the steps and the cart here; whether the
    // balance covers it is the ledger's rule, checked when the points are spent.
    let redemption =
        redeem(program, &request.option, request.points, i64::MAX, &request.cart, now).map_err(body_paths)?;
    let spend = Request::Redeem { option: redemption.option.clone(), points: redemption.points };
    let applied = account.write(conn, &policy, key, now, spend).await?;
    let code = crate::storage::customers::discount_code();
    let row = RedemptionRow {
        code: code.clone(),
        customer_id: customer.to_owned(),
        option_id: redemption.option.clone(),
        points: redemption.points,
        body: to_json(&redemption)?,
        created_at: now.unix(),
        expires_at: redemption.expires_at.map(|at| at.unix()),
        status: "issued".into(),
    };
    rewards::insert_redemption(conn, &row).await?;
    Ok(RedemptionResult { code, redemption, balance: BalanceView::from(applied.balance) })
}

/// The engine names fields `redemption.<field>`; the request body has them at the top.
fn body_paths(mut error: InputError) -> Problem {
    for field in &mut error.errors {
        if let Some(rest) = field.path.strip_prefix("redemption.") {
            field.path = rest.to_owned();
        }
    }
    error.into()
}
