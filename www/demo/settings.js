// What the shopper chose (account, language, currency) and what follows from
// it: the shop's texts, the catalogue's prices, money formatting, and calls to
// the demo shop's backend with the signed-in customer's token.

import catalogue from "./catalogue.json" with { type: "json" };
import { TEXTS } from "./texts.js";

export const CART_KEY = "demo-shop-cart";
export const ACCOUNT_KEY = "demo-shop-account";
export const LANGUAGE_KEY = "demo-shop-language";
export const CURRENCY_KEY = "demo-shop-currency";
export const LAST_ORDER_KEY = "demo-shop-last-order";
export const CURRENCIES = ["EUR", "CHF"];

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export const language = () => (stored(LANGUAGE_KEY) === "de" ? "de" : "en");
export const currency = () => (CURRENCIES.includes(stored(CURRENCY_KEY)) ? stored(CURRENCY_KEY) : "EUR");
export const texts = () => TEXTS[language()];
/** The locale of the shop's formatting (treu's tag gets the same, see account.js). */
export const locale = () => (language() === "de" ? (currency() === "CHF" ? "de-CH" : "de-DE") : "en-IE");

export function account() {
  try {
    const saved = JSON.parse(stored(ACCOUNT_KEY) ?? "null");
    return typeof saved?.token === "string" ? saved : null;
  } catch {
    return null;
  }
}

/** Minor units as money, without floating point: Intl formats the decimal string. */
export function formatMoney(minor, code = currency()) {
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const text = `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  return new Intl.NumberFormat(locale(), { style: "currency", currency: code }).format(text);
}

export const formatDate = (iso) =>
  new Intl.DateTimeFormat(locale(), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(iso));

/** The catalogue in the chosen currency and language. */
export function products() {
  const code = currency();
  return catalogue.map((product) => ({
    id: product.id,
    name: product.name[language()] ?? product.name.en,
    price: product.prices[code],
    giftCard: product.giftCard === true,
  }));
}

/** `fetch` of the demo backend as the signed-in customer; resolves to { ok, status, body }. */
export async function demoApi(path, { method = "GET", body } = {}) {
  const headers = { accept: "application/json" };
  const signedIn = account();
  if (signedIn) headers.authorization = `Bearer ${signedIn.token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, body: answer };
}

/** The reason of a problem document, for a message next to the field it names. */
export function problemText(body) {
  const first = body?.errors?.[0];
  if (first) return `${first.path}: ${first.reason}`;
  return body?.detail ?? body?.title ?? "Something went wrong.";
}

/** Creates `tag` with `text` (always as text) and optional attributes. */
export function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}
