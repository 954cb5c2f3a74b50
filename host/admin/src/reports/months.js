// Month labels ("YYYY-MM" from the host) in the merchant's language.

function monthStart(month) {
  const [year, number] = String(month).split("-").map(Number);
  return Date.UTC(year, number - 1, 1);
}

/** "2026-03" → "March 2026" / "März 2026". */
export function monthName(month, locale) {
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(monthStart(month));
}

/** "2026-03" → "Mar 26" / "März 26", for a chart's axis. */
export function monthShort(month, locale) {
  return new Intl.DateTimeFormat(locale, { month: "short", year: "2-digit", timeZone: "UTC" }).format(monthStart(month));
}
