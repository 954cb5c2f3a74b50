//! `GET/POST /v1/admin/clock`: the host's clock, moved forward only by a host
//! started with `--movable-clock` (the demo and tests).

use crate::admin_session::Admin;
use crate::extract::ApiJson;
use crate::problem::Problem;
use crate::state::AppState;
use crate::views::admin::ClockView;
use crate::views::Body;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use treu::engine::error::InputError;

/// How far to move: days or seconds, forward only.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Advance {
    #[serde(default)]
    advance_days: Option<i64>,
    #[serde(default)]
    advance_seconds: Option<i64>,
}

/// The clock as the API shows it.
pub fn view() -> ClockView {
    ClockView { now: crate::clock::now(), offset_seconds: crate::clock::offset(), movable: crate::clock::movable() }
}

/// `GET /v1/admin/clock`.
pub async fn get_clock(_admin: Admin) -> Body<ClockView> {
    Body(view())
}

/// `POST /v1/admin/clock`.
pub async fn post_clock(
    State(state): State<AppState>,
    _admin: Admin,
    ApiJson { value, .. }: ApiJson<Advance>,
) -> Result<Body<ClockView>, Problem> {
    advance(&state, &value).await.map(Body)
}

/// Moves the clock forward by `request` (shared with the demo shop's clock panel).
pub async fn advance(state: &AppState, request: &Advance) -> Result<ClockView, Problem> {
    if !crate::clock::movable() {
        return Err(Problem::new(StatusCode::FORBIDDEN, "clock-fixed", "The clock is fixed")
            .with_detail("This host keeps real time; only a host started with --movable-clock can move its clock."));
    }
    let seconds = seconds(request)?;
    crate::clock::advance(&state.store, seconds).await?;
    tracing::info!(seconds, now = %crate::clock::now(), "clock moved forward");
    // Time-driven events of the new date exist when the answer arrives.
    if let Err(error) = crate::events::delivery::scan_now(&state.store).await {
        tracing::warn!(%error, "cannot scan for time-driven events after moving the clock");
    }
    // And the mails due at the new time have gone (or are logged as waiting).
    if let Err(error) = crate::mail::worker::run(&state.store, crate::clock::now().unix()).await {
        tracing::warn!(%error, "cannot send mail after moving the clock");
    }
    Ok(view())
}

fn seconds(request: &Advance) -> Result<i64, Problem> {
    let max = crate::clock::MAX_ADVANCE_SECONDS;
    let mut errors = InputError::default();
    let seconds = match (request.advance_days, request.advance_seconds) {
        (Some(days), None) => {
            errors.require((1..=max / 86_400).contains(&days), || "advanceDays".into(), "must be from 1 to 3650");
            days.saturating_mul(86_400)
        }
        (None, Some(seconds)) => {
            errors.require((1..=max).contains(&seconds), || "advanceSeconds".into(), "must be from 1 to 315360000");
            seconds
        }
        _ => {
            errors.push("body", "give exactly one of advanceDays or advanceSeconds");
            0
        }
    };
    errors.or_ok(seconds).map_err(Problem::from)
}
