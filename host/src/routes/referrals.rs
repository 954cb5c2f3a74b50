use crate::account::Account;
use crate::customers::party;
use crate::extract::{ApiJson, ClientIp, IdempotencyKey};
use crate::idempotency::{self, Reply};
use crate::identity::Member;
use crate::problem::Problem;
use crate::routes::{known, limit, scope_of};
use crate::state::AppState;
use crate::storage::customers;
use crate::storage::customers::Known;
use crate::storage::rewards::{self, RedemptionRow};
use crate::storage::{to_json, Conn};
use crate::views::rewards::ReferralClaimResult;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use treu::engine::program::Program;
use treu::engine::referral::{check_claim, ReferralClaim, ReferralCode, ReferralRefusal};
use treu::engine::time::Timestamp;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClaimRequest {
    /// The advocate's code as the friend typed or followed it.
    pub code: String,
}

/// `POST /v1/referrals/claim`: a friend arriving with an advocate's code.
/// The engine's fraud rules run now and again when the friend's first order is paid.
pub async fn post_claim(
    State(state): State<AppState>,
    Member(claims): Member,
    ip: ClientIp,
    key: IdempotencyKey,
    ApiJson { value: request, raw }: ApiJson<ClaimRequest>,
) -> Response {
    if let Err(problem) = limit(&state, "referrals", &ip, &claims) {
        return problem.into_response();
    }
    let scope = scope_of(Some(&claims), &ip);
    let app = state.clone();
    // Read before the transaction: on PostgreSQL the look-up takes a pooled
    // connection, and a request must not wait for a second one while it holds one.
    let program = state.program().await;
    idempotency::run(&app, &scope, &key, "POST /v1/referrals/claim", &raw, |mut transaction| async move {
        let program = program?.program;
        let body =
            claim(&mut transaction, &program, &claims.sub, known(&claims), &request.code, crate::clock::now()).await?;
        Ok((transaction, Reply::created(body)))
    })
    .await
}

/// Records `friend_id`'s claim of an advocate's `code` after the engine's fraud
/// rules, and issues the friend's welcome code; the answer's body. Shared by
/// the API and the demo seed.
pub async fn claim(
    conn: &mut Conn,
    program: &Program,
    friend_id: &str,
    known: Known<'_>,
    code: &str,
    now: Timestamp,
) -> Result<ReferralClaimResult, Problem> {
    let rules = program.referral.as_ref().ok_or_else(|| {
        Problem::not_found("referrals-off", "No referral program").with_detail("This shop's program has no referrals.")
    })?;
    let code = ReferralCode::parse(code)?;
    let advocate = customers::by_referral_code(conn, code.as_str()).await?.ok_or_else(|| {
        Problem::not_found("unknown-referral-code", "Unknown referral code")
            .with_detail("No member has this code; check it with the friend who shared it.")
    })?;
    let friend = Account::open(conn, friend_id, known, now).await?;
    if let Some(existing) = customers::referral_of(conn, friend_id).await? {
        return Err(Problem::new(StatusCode::CONFLICT, "already-referred", "Already referred")
            .with_detail("This customer has claimed a referral code before; only the first counts.")
            .with("sameAdvocate", existing.advocate_id == advocate.id));
    }
    let claim = ReferralClaim {
        advocate: party(&advocate),
        friend: party(&friend.customer),
        claimed_at: now,
        ordered_at: now,
        friend_earlier_orders: friend.past_orders().len() as i64,
        advocate_rewards_today: 0,
    };
    check_claim(rules, &claim).map_err(refused)?;
    customers::insert_referral(conn, friend_id, &advocate.id, now.unix()).await?;
    let expires_at = now.plus_days(rules.attribution_days);
    let welcome = crate::storage::customers::discount_code();
    rewards::insert_redemption(
        conn,
        &RedemptionRow {
            code: welcome.clone(),
            customer_id: friend_id.to_owned(),
            option_id: "referral-welcome".into(),
            points: 0,
            body: to_json(&rules.friend_discount)?,
            created_at: now.unix(),
            expires_at: Some(expires_at.unix()),
            status: "issued".into(),
        },
    )
    .await?;
    Ok(ReferralClaimResult {
        status: "claimed",
        discount_code: welcome,
        discount: rules.friend_discount.clone(),
        expires_at,
        attribution_days: rules.attribution_days,
    })
}

/// The problem document for a referral the fraud rules refuse.
pub fn refused(refusal: ReferralRefusal) -> Problem {
    let detail = match refusal {
        ReferralRefusal::SelfReferral { .. } => "A customer cannot refer themselves.",
        ReferralRefusal::NotFirstOrder => "Referrals are for new customers: this customer has ordered before.",
        ReferralRefusal::OutsideAttributionWindow => "The order came outside the referral's attribution window.",
        ReferralRefusal::RateLimited => "This advocate has received the most referral rewards for today.",
    };
    Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "referral-refused", "Referral refused")
        .with_detail(detail)
        .with("refusal", serde_json::to_value(refusal).unwrap_or_default())
}
