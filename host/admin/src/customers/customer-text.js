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

/**
 * One ledger entry as `{ seq, at, kind, points, change }`, with `points` the
 * signed change to the balance. The engine stores what changed in `change`
 * (`{type, points, …}`, points as a magnitude for spending, reversals and
 * expiry); an entry already flattened (`kind`, signed `points`) is taken as is.
 */
export function readEntry(entry) {
  const change = entry.change ?? entry;
  const kind = entry.kind ?? change.type ?? "unknown";
  let points = Number(change.points ?? entry.points ?? 0);
  if (entry.change && ["redeem", "reverse", "expire"].includes(kind)) points = -points;
  if (!entry.change && typeof entry.delta === "number") points = entry.delta;
  return { seq: entry.seq, at: entry.at, kind, points, change };
}
