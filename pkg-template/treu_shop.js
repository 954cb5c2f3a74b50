// What the loader (treu.js) asks the shop and treu's API for before any
// Wasm runs, and what it keeps in this browser between page views: the
// program, the platform's cart and the requests that change it, the
// signed-in customer's token, the referral code a shopper arrived with and
// which first paint's module this browser holds. dist/ joins this file into
// treu.js (scripts/pack.mjs); from pkg/, a bundler does.

/** `GET url` and its JSON body. Rejects with an Error saying what failed
 * (network, HTTP status, a body that is not JSON), as the later module's own
 * requests do; an HTTP failure's `status` is a property of the error. */
export async function getJson(url) {
  const failed = (what) => new Error(`GET ${url}: ${what}`);
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw failed(error?.message || "the request failed");
  }
  if (!response.ok) throw Object.assign(failed(`HTTP ${response.status}`), { status: response.status });
  return response.json().catch(() => {
    throw failed("the body is not JSON");
  });
}

/** The program of the shop's treu API at `api` (an absolute URL), as the host sends it. */
export const fetchProgram = (api) => getJson(`${api.replace(/\/+$/, "")}/v1/program`);

/**
 * Keeps the referral code of a link the shopper arrived with
 * (`?treu_ref=CODE`) until a signed-in page view within the program's
 * attribution window claims it (the later module: src/web/member_sync.rs
 * reads it from the same key), from the loader's first moment on, so a
 * shopper who leaves at once keeps it too.
 */
export function rememberReferral(api) {
  try {
    const code = new URLSearchParams(location.search).get("treu_ref")?.replace(/[^A-Za-z0-9-]/g, "").slice(0, 40);
    if (!code) return;
    const key = `treu:v1:referral:${api.replace(/\/+$/, "")}`;
    localStorage.setItem(key, JSON.stringify({ code, arrivedAt: Date.now() }));
  } catch {}
}

/** Where this browser keeps the URL of the first paint's module it last ran. */
const PAINT_HELD = "treu:v1:paint";

/** Whether the first paint's module at `url` ran on an earlier page view of
 * this browser, so the HTTP cache likely holds it: then the widgets paint
 * through it at once; else they paint from the host's quote first (the quick
 * paint) and the module is asked for after. */
export function paintHeld(url) {
  try {
    return localStorage.getItem(PAINT_HELD) === url;
  } catch {
    return false;
  }
}

export function rememberPaint(url) {
  try {
    localStorage.setItem(PAINT_HELD, url);
  } catch {}
}

/** Where each platform's cart lives, and which requests change it. */
export const PLATFORMS = {
  shopify: {
    cartUrl: () => new URL(`${globalThis.Shopify?.routes?.root ?? "/"}cart.js`, location.href).href,
    changes: /\/cart\/(add|change|update|clear)(\.js)?(\?|$)/,
  },
  woocommerce: {
    cartUrl: () => {
      const root = document.querySelector('link[rel="https://api.w.org/"]')?.href ?? "/wp-json/";
      return new URL("wc/store/v1/cart", new URL(root, location.href)).href;
    },
    // Classic themes' cart-fragments.js asks `wc-ajax=get_refreshed_fragments`
    // on page loads; WooCommerce's `WC_AJAX::get_refreshed_fragments`
    // (includes/class-wc-ajax.php) only renders the mini cart, so it is no change.
    changes: /\/wc\/store(\/v1)?\/(cart\/|batch)|[?&]wc-ajax=(?!get_refreshed_fragments)/,
  },
};

/** Calls `changed()` whenever a request that changes the cart of `platform`
 * ended, seen through the Resource Timing API (any theme code, fetch or XHR,
 * without patching anything). Returns a function that stops, first handing
 * over what the browser observed but did not deliver yet. */
function onCartChange(platform, changed) {
  const check = (entries) => entries.some((entry) => platform.changes.test(entry.name)) && changed();
  const observer = new PerformanceObserver((list) => check(list.getEntries()));
  observer.observe({ type: "resource" });
  return () => {
    check(observer.takeRecords());
    observer.disconnect();
  };
}

/** Notes from now on whether the cart of the page's platform `name` changed.
 * Returns a function that stops noting and says so. */
export function watchPlatformCart(name) {
  let changed = false;
  const stop = onCartChange(PLATFORMS[name], () => (changed = true));
  return () => (stop(), changed);
}

/** Follows the platform's cart for `paint`: reads it now (unless `read` is
 * false: `paint` holds it, unchanged since it was asked for) and again after
 * every request that changes it, coalesced; each quote goes to `onQuote`,
 * each failure to `onError`. Returns a function that stops following,
 * answers in flight included. */
export function followPlatformCart(name, paint, { onQuote, onError, read }) {
  const platform = PLATFORMS[name];
  if (!platform) return () => {};
  const url = platform.cartUrl();
  let timer = 0;
  let following = true;
  const pull = () =>
    getJson(url)
      .then((cart) => {
        if (!following) return;
        const quote = paint.setPlatformCart(cart);
        if (quote) onQuote(quote);
      })
      .catch((error) => following && onError(error));
  const stopWatching = onCartChange(platform, () => {
    clearTimeout(timer);
    timer = setTimeout(pull, 150);
  });
  if (read) pull();
  return () => {
    following = false;
    stopWatching();
    clearTimeout(timer);
  };
}

const TOKEN_CACHE = "treu:customer-token";

/** Where a platform's page gets the signed-in customer's token without a
 * backend of the merchant's: Shopify's app proxy (same origin, so Shopify adds
 * the signed `logged_in_customer_id`). An empty `tokenUrl` means "a guest". */
export function tokenUrlOf(options) {
  if (options.tokenUrl !== undefined) return options.tokenUrl || undefined;
  if (options.platform === "shopify") return `${globalThis.Shopify?.routes?.root ?? "/"}apps/treu/token`;
  return undefined;
}

/**
 * The signed-in customer's token from `url` (`{ token, expiresAt }`), kept in
 * sessionStorage until a minute before it expires; `undefined` for a guest
 * (401/403). The cache is keyed by URL and nonce, and WordPress nonces are per
 * user, so another customer of the same browser never gets it; a guest's page
 * view forgets it.
 */
export async function fetchCustomerToken(url, nonce) {
  const key = `${url} ${nonce ?? ""}`;
  let cached;
  try {
    cached = JSON.parse(sessionStorage.getItem(TOKEN_CACHE));
  } catch {}
  if (cached?.key === key && Date.parse(cached.expiresAt) - Date.now() > 60_000) return cached.token;
  const forget = () => {
    try {
      sessionStorage.removeItem(TOKEN_CACHE);
    } catch {}
  };
  forget();
  if (!url) return undefined;
  const response = await fetch(new URL(url, document.baseURI), {
    headers: nonce ? { "X-WP-Nonce": nonce } : {},
    credentials: "same-origin",
    cache: "no-store",
  });
  if (response.status === 401 || response.status === 403) return undefined;
  const { token, expiresAt } = response.ok ? await response.json() : {};
  if (typeof token !== "string" || !token) throw new Error(`GET ${url}: no customer token (HTTP ${response.status})`);
  try {
    sessionStorage.setItem(TOKEN_CACHE, JSON.stringify({ key, token, expiresAt }));
  } catch {}
  return token;
}
