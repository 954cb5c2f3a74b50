// How a customer and their ledger entries read, shared by the list and the page.

/** A customer's name, else their email, else their id. */
export function customerLabel(customer) {
  return customer.name || customer.email || customer.id;
}

/** The tier's name from the list (`{id, name}`) or the page (a tier status with `current`). */
export function tierName(tier) {
  if (!tier) return null;
  if ("current" in tier) return tier.current?.name || tier.current?.id || null;
  return tier.name || tier.id || null;
}

const SPENDING = new Set(["redeem", "reverse", "expire"]);

/**
 * One ledger entry as `{ seq, at, kind, points, change }`, with `points` the
 * signed change to the balance. The host sends the entry's `type` and signed
 * `points` beside the engine's `change` (`{type, points, …}`, whose points are
 * a magnitude for spending, reversals and expiry).
 */
export function readEntry(entry) {
  const change = entry.change ?? {};
  const kind = entry.type ?? change.type ?? "unknown";
  const magnitude = Number(change.points ?? 0);
  const points = typeof entry.points === "number" ? entry.points : SPENDING.has(kind) ? -magnitude : magnitude;
  return { seq: entry.seq, at: entry.at, kind, points, change };
}
