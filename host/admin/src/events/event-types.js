// The outbound event types, in the order the host lists them, and their names
// in the merchant's language.

export const EVENT_TYPES = [
  "points.earned",
  "points.expiring",
  "reward.available",
  "code.expiring",
  "tier.changed",
  "customer.lapsed",
  "customer.wonBack",
  "referral.rewarded",
];

/** The merchant's name for `type`, or the type itself for one this dashboard does not know. */
export function typeName(t, type) {
  const key = `events.type.${type}`;
  return t.has(key) ? t(key) : type;
}
