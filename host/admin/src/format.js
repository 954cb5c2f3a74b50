// Numbers for people. Money arrives as integer minor units and is formatted
// from a decimal string, so no float ever holds an amount.

const digitsCache = new Map();

/** How many minor-unit digits `currency` has (EUR 2, JPY 0, …). */
export function minorDigits(currency) {
  if (!digitsCache.has(currency)) {
    let digits = 2;
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
    } catch {
      // Unknown code: two digits, as most currencies.
    }
    digitsCache.set(currency, digits);
  }
  return digitsCache.get(currency);
}

/** `minor` (an integer) as a decimal string in major units: 1999 → "19.99". */
export function minorToDecimal(minor, currency) {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, "0");
  const whole = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return negative ? `-${whole}` : whole;
}

/** `minor` as money in `locale`: 1999, "EUR", "de-DE" → "19,99 €". */
export function formatMoney(minor, currency, locale) {
  if (minor === null || minor === undefined) return "—";
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minorToDecimal(minor, currency));
  } catch {
    return `${minorToDecimal(minor, currency)} ${currency}`;
  }
}

/**
 * A major-unit amount typed by the merchant ("19,99", "19.99", "20") as integer
 * minor units, or null when it is not an amount. Both decimal separators are
 * accepted; thousands separators are not (they are ambiguous between languages).
 */
export function parseMoney(text, currency) {
  const digits = minorDigits(currency);
  const match = /^\s*(-?)(\d+)(?:[.,](\d*))?\s*$/.exec(String(text));
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || 0);
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}

export function formatNumber(value, locale) {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(locale).format(value);
}

/** A rate from the host ({numerator, denominator, basisPoints}) as "45.67 %". */
export function formatRate(rate, locale) {
  if (!rate) return "—";
  const bp = Math.abs(rate.basisPoints);
  const text = `${rate.basisPoints < 0 ? "-" : ""}${Math.trunc(bp / 100)}.${String(bp % 100).padStart(2, "0")}`;
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    `${text}E-2`,
  );
}

/** An ISO instant as a date and time in `locale`. */
export function formatDateTime(iso, locale) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date);
}

/** An ISO instant or date as a date in `locale`. */
export function formatDate(iso, locale) {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}
