//! `POST /v1/referrals/shares`: a member copied or shared their referral link.
//! The storefront reports it through its outbox; the host keeps one row per
//! member and day, which the reports count as "shared".

use crate::extract::{ApiJson, ClientIp, IdempotencyKey};
use crate::idempotency::{self, Reply};
use crate::identity::Member;
use crate::routes::{known, limit, scope_of};
use crate::state::AppState;
use crate::storage::customers;
use crate::storage::shares;
use crate::views::rewards::ReferralShareResult;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// How the link left the shop.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
pub enum Channel {
    /// Copied to the clipboard.
    Copy,
    /// Handed to the system share sheet.
    Share,
}

impl Channel {
    fn name(self) -> &'static str {
        match self {
            Channel::Copy => "copy",
            Channel::Share => "share",
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShareRequest {
    pub channel: Channel,
}

/// Records the share (the first of the member's day); 201 either way, with
/// `recorded: false` for a later share that day.
pub async fn post_share(
    State(state): State<AppState>,
    Member(claims): Member,
    ip: ClientIp,
    key: IdempotencyKey,
    ApiJson { value: request, raw }: ApiJson<ShareRequest>,
) -> Response {
    if let Err(problem) = limit(&state, "shares", &ip, &claims) {
        return problem.into_response();
    }
    let scope = scope_of(Some(&claims), &ip);
    let app = state.clone();
    idempotency::run(&app, &scope, &key, "POST /v1/referrals/shares", &raw, |mut transaction| async move {
        let now = crate::clock::now();
        customers::ensure(&mut transaction, &claims.sub, known(&claims), now.unix()).await?;
        let day_start = now.date().start().unix();
        let recorded =
            shares::record(&mut transaction, &claims.sub, request.channel.name(), now.unix(), day_start).await?;
        Ok((transaction, Reply::created(ReferralShareResult { recorded, channel: request.channel.name() })))
    })
    .await
}
