//! The next incentive: the one nudge the widget shows, such as "€4.01 more for
//! free shipping" or "€12.00 more to reach Gold".

use super::actions::Action;
use super::cart::Cart;
use super::customer::Customer;
use super::earning::Earn;
use super::money::divide_wide;
use super::program::Program;
use super::redemption::Redemptions;
use super::shipping::FreeShippingProgress;
use super::tiers::{TierBasis, TierLevel, TierStatus};
use super::time::Timestamp;
use serde::Serialize;

/// The single most useful next step for the shopper.
///
/// Every candidate is measured by how much more the shopper would have to put
/// in this cart to get it (`spendNeeded`, minor units of the cart), and the
/// smallest wins; on a tie, the order below decides. Points goals are turned
/// into spend at the base rate with the member's tier rate (an estimate: other
/// multipliers only make it come sooner). A guest with nothing else to aim for
/// is invited to join when signing up earns points.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum NextIncentive {
    /// Spend `spendNeeded` more and the order ships free.
    FreeShipping { spend_needed: i64 },
    /// Spend `spendNeeded` more for a running campaign's `points` bonus.
    CampaignBonus { campaign: String, name: String, points: i64, spend_needed: i64 },
    /// After this order, `pointsShort` more points unlock the reward `option`.
    Reward { option: String, name: String, points_short: i64, spend_needed: i64 },
    /// Spend `spendNeeded` more (now or on later orders this period) to reach `tier`.
    Tier { tier: String, name: String, spend_needed: i64 },
    /// Join the program and earn `points` for signing up.
    Join { points: i64 },
}

/// What the quote knows when it picks the next incentive.
pub struct Standing<'a> {
    pub program: &'a Program,
    pub cart: &'a Cart,
    pub customer: Option<&'a Customer>,
    pub now: Timestamp,
    pub earn: &'a Earn,
    pub tier_level: Option<&'a TierLevel>,
    /// The ids of the segments the member is in.
    pub segments: &'a [&'a str],
    pub free_shipping: Option<&'a FreeShippingProgress>,
    pub tier: Option<&'a TierStatus>,
    pub redemptions: &'a Redemptions,
}

/// Picks the next incentive (see [`NextIncentive`]).
pub fn next_incentive(standing: &Standing<'_>) -> Option<NextIncentive> {
    let Standing { program, cart, customer, now, earn, .. } = *standing;
    let mut best: Option<NextIncentive> = None;
    let mut offer = |candidate: NextIncentive, spend_needed: i64| {
        let current = best.as_ref().map_or(i64::MAX, spend_needed_of);
        if spend_needed > 0 && spend_needed < current {
            best = Some(candidate);
        }
    };
    if let Some(progress) = standing.free_shipping.filter(|progress| !progress.qualified) {
        offer(NextIncentive::FreeShipping { spend_needed: progress.remaining }, progress.remaining);
    }
    if cart.currency == program.currency {
        let tier_id = standing.tier_level.map(|level| level.id.as_str());
        for campaign in
            program.campaigns.iter().filter(|c| c.bonus_points > 0 && c.is_active(now, tier_id, standing.segments))
        {
            let spend_needed = campaign.minimum_spend - earn.eligible_spend;
            let candidate = NextIncentive::CampaignBonus {
                campaign: campaign.id.clone(),
                name: campaign.name.clone(),
                points: campaign.bonus_points,
                spend_needed,
            };
            offer(candidate, spend_needed);
        }
    }
    let spend_for_points = |points: i64| -> Option<i64> {
        let rate = program.earning.rate_for(cart.currency).filter(|rate| rate.points > 0)?;
        let percent = standing.tier_level.map_or(100, |level| level.earn_percent);
        let numerator = i128::from(points) * i128::from(rate.per) * 100;
        let denominator = i128::from(rate.points) * i128::from(percent);
        i64::try_from(divide_wide(numerator + denominator - 1, denominator)).ok()
    };
    if let Some(next) = customer.and(standing.redemptions.next.as_ref()) {
        let points_short = next.points_short - earn.total;
        if let Some(spend_needed) = spend_for_points(points_short).filter(|_| points_short > 0) {
            let candidate =
                NextIncentive::Reward { option: next.id.clone(), name: next.name.clone(), points_short, spend_needed };
            offer(candidate, spend_needed);
        }
    }
    if let Some((status, next)) = standing.tier.and_then(|status| Some((status, status.next.as_ref()?))) {
        let remaining = status.remaining - status.cart_adds;
        let spend_needed = match status.basis {
            TierBasis::Spend if cart.currency == program.currency => Some(remaining),
            TierBasis::Spend => None,
            TierBasis::PointsEarned => spend_for_points(remaining),
        };
        if let Some(spend_needed) = spend_needed.filter(|_| remaining > 0) {
            offer(NextIncentive::Tier { tier: next.id.clone(), name: next.name.clone(), spend_needed }, spend_needed);
        }
    }
    if best.is_none() && customer.is_none() {
        let signup = program.actions.iter().find(|rule| rule.action == Action::Signup);
        best = signup.map(|rule| NextIncentive::Join { points: rule.points });
    }
    best
}

fn spend_needed_of(incentive: &NextIncentive) -> i64 {
    match incentive {
        NextIncentive::FreeShipping { spend_needed }
        | NextIncentive::CampaignBonus { spend_needed, .. }
        | NextIncentive::Reward { spend_needed, .. }
        | NextIncentive::Tier { spend_needed, .. } => *spend_needed,
        NextIncentive::Join { .. } => i64::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_is_tagged_camel_case() {
        let incentive = NextIncentive::Reward {
            option: "5-off".into(),
            name: "€5 off".into(),
            points_short: 120,
            spend_needed: 12000,
        };
        assert_eq!(
            serde_json::to_string(&incentive).unwrap(),
            r#"{"kind":"reward","option":"5-off","name":"€5 off","pointsShort":120,"spendNeeded":12000}"#
        );
    }
}
