// treu's quick paint: the widgets of a page view that does not hold the first
// paint's Wasm module yet (a shopper's first visit, or the first after a new
// release) paint from the host's quote of the cart (`POST /v1/quote`, as a
// guest, as the first paint quotes before any member is read) while that
// module has not been asked for; it then takes over and draws the same
// (www/e2e/quick-paint.test.mjs compares the two, widget by widget, on every
// platform). This module words nothing and draws nothing: it asks the host
// for the quote (`view`), works out from it the facts the first paint's
// Wasm gives the renderer before any member
// (src/web/{shipping_bar,points,launcher,referral}.rs: `of` for the bar and
// the points line, `LauncherFacts::closed`, `ReferralPromptFacts::before_member`),
// and reads the platforms' carts as src/web/platform.rs does, exactly: money
// is whole minor units, rescaled with BigInt, never a float.
//
// Anything it cannot read makes it give up (a thrown Error): the loader then
// paints through the Wasm, which names the problem as it always does.

/** ISO 4217 codes whose minor unit is not 1/100, with their exponent; every
 * other code has 2. src/engine/money.rs's `CODES_WITH_OTHER_EXPONENTS`
 * (www/node/quick.test.mjs holds the two equal). */
const EXPONENTS = {
  BHD: 3, BIF: 0, CLF: 4, CLP: 0, DJF: 0, GNF: 0, IQD: 3, ISK: 0, JOD: 3, JPY: 0, KMF: 0, KRW: 0, KWD: 3,
  LYD: 3, OMR: 3, PYG: 0, RWF: 0, TND: 3, UGX: 0, UYI: 0, UYW: 4, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

/** Decimal places of `code`'s minor unit. */
export const exponent = (code) => EXPONENTS[code] ?? 2;

/** `value` when it is a whole number JS holds exactly; else throws naming `path`. */
function whole(value, path) {
  if (!Number.isSafeInteger(value)) throw new TypeError(`${path}: must be a whole number`);
  return value;
}

/** `minor` units of `currency` as the exact decimal the renderer formats
 * ("4.01", "1500", "-0.050"), as money.rs's `to_decimal_string`. */
export function decimal(minor, currency) {
  const digits = exponent(currency);
  const magnitude = String(whole(minor, "amount")).replace("-", "").padStart(digits + 1, "0");
  const text = digits ? `${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}` : magnitude;
  return minor < 0 ? `-${text}` : text;
}

/** `amount` counted with `from` decimals, counted with `to` instead, rounding
 * half away from zero when decimals are dropped (platform.rs's `rescale`). */
export function rescale(amount, from, to, path) {
  // The engine's i64 holds 10^18 at most.
  if (Math.abs(to - from) > 18) throw new RangeError(`${path}: is too large`);
  const value = BigInt(amount);
  let rescaled;
  if (to >= from) {
    rescaled = value * 10n ** BigInt(to - from);
  } else {
    const factor = 10n ** BigInt(from - to);
    const half = factor / 2n;
    rescaled = (value >= 0n ? value + half : value - half) / factor;
  }
  // i64 in the engine; whole JSON numbers a browser reads exactly here.
  if (rescaled > BigInt(Number.MAX_SAFE_INTEGER) || rescaled < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${path}: is too large`);
  }
  return Number(rescaled);
}

/** `value` when it is a string; else throws naming `path`. */
function text(value, path) {
  if (typeof value !== "string") throw new TypeError(`${path}: must be a string`);
  return value;
}

/** `value` when it is an array; else throws naming `path`. */
function list(value, path) {
  if (!Array.isArray(value)) throw new TypeError(`${path}: must be an array`);
  return value;
}

/** The lines of a Shopify Ajax API `GET /cart.js` answer: Shopify counts
 * every currency in hundredths, JPY included; `final_price` is the unit
 * price after line-level discounts. */
function shopifyCart(cart) {
  const currency = text(cart?.currency, "shopifyCart.currency");
  const lines = list(cart.items, "shopifyCart.items").map((item, index) => {
    const path = `shopifyCart.items[${index}]`;
    const giftCard = item?.gift_card ?? false;
    if (typeof giftCard !== "boolean") throw new TypeError(`${path}.gift_card: must be true or false`);
    return {
      productId: String(whole(item.product_id, `${path}.product_id`)),
      quantity: whole(item.quantity, `${path}.quantity`),
      unitPrice: rescale(whole(item.final_price, `${path}.final_price`), 2, exponent(currency), `${path}.final_price`),
      giftCard,
    };
  });
  return { currency, lines };
}

/** The lines of a WooCommerce Store API `GET /wc/store/v1/cart` answer:
 * prices are strings of minor units in the shop's configured decimals. */
function wooCart(cart) {
  const totals = cart?.totals;
  const currency = text(totals?.currency_code, "wooCart.totals.currency_code");
  const decimals = whole(totals.currency_minor_unit, "wooCart.totals.currency_minor_unit");
  if (decimals < 0 || decimals > 255) throw new RangeError("wooCart.totals.currency_minor_unit: must be from 0 to 255");
  const lines = list(cart.items, "wooCart.items").map((item, index) => {
    const path = `wooCart.items[${index}]`;
    const price = text(item?.prices?.price, `${path}.prices.price`);
    if (!/^[+-]?\d+$/.test(price)) throw new TypeError(`${path}.prices.price: "${price}" is not a whole number of minor units`);
    return {
      productId: String(whole(item.id, `${path}.id`)),
      quantity: whole(item.quantity, `${path}.quantity`),
      unitPrice: rescale(price, decimals, exponent(currency), `${path}.prices.price`),
      giftCard: false,
    };
  });
  return { currency, lines };
}

/** The treu cart of a platform's cart answer (`data-platform`'s `shopify`
 * or `woocommerce`), as the first paint's `setPlatformCart` reads it. */
export function platformCart(platform, answer) {
  if (platform === "shopify") return shopifyCart(answer);
  if (platform === "woocommerce") return wooCart(answer);
  throw new TypeError(`platformCart: no cart API for the platform "${platform}"`);
}

/** The host's quote of `cart` for a guest (`POST {api}/v1/quote`). */
export async function postQuote(api, cart) {
  const url = `${api.replace(/\/+$/, "")}/v1/quote`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ cart }),
  });
  if (!response.ok) throw new Error(`POST ${url}: HTTP ${response.status}`);
  return response.json();
}

/**
 * What the quick paint draws from (`facts`' second argument): the host's
 * quote of `cart` (`null` before the page has one), whether `token` (a
 * promise of the customer token) names a signed-in customer, as paint.rs
 * reads `customerToken`, and the page's locale, as shared.rs's `locale_of`
 * reads it (`en` when none).
 */
export async function view(api, cart, token, locale) {
  const [quote, customerToken] = await Promise.all([cart ? postQuote(api, cart) : null, token]);
  return {
    quote,
    signedIn: typeof customerToken === "string" && customerToken.trim() !== "",
    locale: (typeof locale === "string" && locale) || "en",
  };
}

/** Whether the theme's `trigger` lets the referral prompt in `host` show now (referral.rs's `triggered`). */
function triggered(host) {
  const trigger = host.getAttribute("trigger");
  if (trigger === "manual") return host.hasAttribute("open");
  if (trigger === "order") {
    const shopifyCheckout = typeof globalThis.Shopify?.checkout === "object" && globalThis.Shopify.checkout !== null;
    const wooOrderReceived = document.body?.classList.contains("woocommerce-order-received") ?? false;
    return host.hasAttribute("order") || shopifyCheckout || wooOrderReceived;
  }
  return true;
}

/**
 * The facts of the widget `host` for a page whose program the host sent and
 * whose cart it quoted (`quote`, `null` before the page has a cart): what the
 * first paint's Wasm gives the renderer before any member is read.
 * `signedIn`: a customer token was given (their widgets wait for the member).
 * `null` for an element that is no widget.
 */
export function facts(host, { quote, signedIn, locale }) {
  switch (host.localName) {
    case "treu-shipping-bar": {
      const shipping = quote?.freeShipping;
      if (!quote || !shipping) return { state: quote ? "none" : "pending", locale, remaining: null, progress: null };
      const max = whole(shipping.threshold, "quote.freeShipping.threshold");
      return {
        state: shipping.qualified ? "qualified" : "progress",
        locale,
        remaining: { value: decimal(shipping.remaining, quote.currency), currency: quote.currency },
        progress: {
          max,
          now: Math.min(Math.max(whole(shipping.eligibleSubtotal, "quote.freeShipping.eligibleSubtotal"), 0), max),
          permille: whole(shipping.progressPermille, "quote.freeShipping.progressPermille"),
        },
      };
    }
    case "treu-points": {
      const offer = quote?.offers?.[0];
      const points = quote && host.getAttribute("show") !== "balance" ? whole(quote.earn.total, "quote.earn.total") : null;
      return {
        state: points === null ? "pending" : points <= 0 ? "none" : "earn",
        locale,
        points,
        member: signedIn,
        offer: offer?.id ?? null,
        offerName: offer?.name ?? null,
      };
    }
    case "treu-launcher": {
      const state = signedIn ? "pending" : "guest";
      return { state, locale, balance: null, offer: state !== "pending" && quote?.winBack != null, panel: null };
    }
    case "treu-referral":
      return { state: signedIn && triggered(host) ? "pending" : "none", locale, revision: 0, referral: null };
    default:
      return null;
  }
}
