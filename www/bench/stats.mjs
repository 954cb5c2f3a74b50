// Small helpers the browser benches share: order statistics and table rows.

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The largest of `values`. */
export function worst(values) {
  return Math.max(...values);
}

/** "met" or "MISSED". */
export function verdict(met) {
  return met ? "met" : "MISSED";
}

/** A table row: a left-aligned label, then right-aligned cells. */
export function row(label, cells, width = 52) {
  return `  ${label.padEnd(width)}${cells.map((cell) => String(cell).padStart(10)).join("")}`;
}
