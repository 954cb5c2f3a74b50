//! `GET /v1/me`: the signed-in member's view (built in `views.rs`).

use crate::account::Account;
use crate::identity::{Claims, Member};
use crate::problem::Problem;
use crate::routes::{known, query};
use crate::state::AppState;
use crate::storage::rewards::{RedemptionRow, WIN_BACK};
use crate::storage::{customers, rewards, to_json};
use crate::views::member::MeView;
use crate::views::{checked_page, member_data, member_view, win_back_due, Body, HistoryPage};
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use treu::engine::lifecycle::WinBack;
use treu::engine::time::Timestamp;

/// The member's account. A first visit enrols them (and gives them a referral
/// code), and a token with a new email or name updates it: only then is this a write.
async fn enrolled(state: &AppState, claims: &Claims, now: Timestamp) -> Result<Account, Problem> {
    let existing = Account::find(&mut *state.store.read().await?, &claims.sub).await?;
    let changed = |told: &Option<String>, stored: &Option<String>| told.is_some() && told != stored;
    match existing {
        Some(account)
            if !changed(&claims.email, &account.customer.email) && !changed(&claims.name, &account.customer.name) =>
        {
            Ok(account)
        }
        _ => {
            let mut transaction = state.store.write().await?;
            let account = Account::open(&mut transaction, &claims.sub, known(claims), now).await?;
            transaction.commit().await?;
            Ok(account)
        }
    }
}

/// The discount code of the win-back offer for a member lapsed since
/// `last_order`: one per absence, issued on the first visit that finds them
/// lapsed and valid for the offer's `validDays`.
async fn win_back_code(
    state: &AppState,
    customer: &str,
    offer: &WinBack,
    last_order: Timestamp,
    now: Timestamp,
) -> Result<Option<RedemptionRow>, Problem> {
    let existing =
        rewards::latest_since(&mut *state.store.read().await?, customer, WIN_BACK, last_order.unix()).await?;
    if existing.is_some() {
        return Ok(existing);
    }
    let mut transaction = state.store.write().await?;
    // Another request may have issued it meanwhile: check again under the write lock.
    if let Some(code) = rewards::latest_since(&mut transaction, customer, WIN_BACK, last_order.unix()).await? {
        return Ok(Some(code));
    }
    let row = RedemptionRow {
        code: customers::discount_code(),
        customer_id: customer.to_owned(),
        option_id: WIN_BACK.into(),
        points: 0,
        body: to_json(&offer.discount)?,
        created_at: now.unix(),
        expires_at: Some(now.plus_days(offer.valid_days).unix()),
        status: "issued".into(),
    };
    rewards::insert_redemption(&mut transaction, &row).await?;
    transaction.commit().await?;
    Ok(Some(row))
}

/// `GET /v1/me`: balance, tier, referral code, lifecycle stage and win-back
/// offer (with its code, issued on the first visit of a lapsed member), codes
/// to use, the history (newest first, paged), the ways to earn with what is
/// done, and the member as the engine's quote reads them, so the browser's
/// previews are the host's numbers for this member.
pub async fn get_me(
    State(state): State<AppState>,
    Member(claims): Member,
    page: Result<Query<HistoryPage>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Problem> {
    let page = checked_page(query(page)?)?;
    let stored = state.program().await?;
    let now = crate::clock::now();
    let account = enrolled(&state, &claims, now).await?;
    let code = match win_back_due(&stored.program, &account, now) {
        Some((offer, last_order)) => win_back_code(&state, &claims.sub, offer, last_order, now).await?,
        None => None,
    };
    let data = member_data(&mut *state.store.read().await?, account, code).await?;
    let view: MeView = member_view(&stored.program, stored.version, &state.settings.shop_url, &data, &page, now);
    Ok(Body(view).into_response())
}
