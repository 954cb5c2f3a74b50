// Report periods as whole UTC days ("YYYY-MM-DD", both ends included), the
// presets the picker offers, and the checks before asking the host.

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date of `ms` since the epoch, as "YYYY-MM-DD" in UTC. */
export function isoDate(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Milliseconds of the start of `date` ("YYYY-MM-DD"), or NaN when it is no date. */
export function dateStart(date) {
  const found = DATE.exec(String(date ?? ""));
  if (!found) return Number.NaN;
  const [, year, month, day] = found.map(Number);
  const ms = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-31 over into March: such a date does not exist.
  return isoDate(ms) === date ? ms : Number.NaN;
}

export const PRESETS = ["last30Days", "thisYear", "last12Months"];
export const DEFAULT_PRESET = "last12Months";

/** The period of `preset` ending on `today`. */
export function presetPeriod(preset, today) {
  const end = dateStart(today);
  const now = new Date(end);
  switch (preset) {
    case "last30Days":
      return { from: isoDate(end - 29 * DAY), to: today };
    case "thisYear":
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    default:
      // This month and the eleven before it, so each of twelve months is whole but the last.
      return { from: isoDate(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)), to: today };
  }
}

/** Problems with a typed period, by field: `{ from?: key, to?: key }` (translation keys). */
export function periodErrors({ from, to }) {
  const errors = {};
  if (!from) errors.from = "reports.period.required";
  else if (Number.isNaN(dateStart(from))) errors.from = "reports.period.invalid";
  if (!to) errors.to = "reports.period.required";
  else if (Number.isNaN(dateStart(to))) errors.to = "reports.period.invalid";
  if (!errors.from && !errors.to && from > to) errors.to = "reports.period.beforeFrom";
  return errors;
}
