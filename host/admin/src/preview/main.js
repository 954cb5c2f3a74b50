// The live preview's page (preview.html), inside a frame of the program
// editor. It waits for the editor to say who is looking (a guest, or the
// sample member's token) and which cart, then starts the real storefront
// script against the preview API, which serves the editor's unsaved draft.
import "./preview.css";

const API = "/v1/admin/preview";
const CACHE_PREFIX = "treu:v1:";

/**
 * The storefront caches the program and the member per API base. The demo
 * shop on this origin uses another base, so nothing is shared with it; the
 * preview's own entries are dropped so an earlier draft never paints first.
 */
function forgetPreviewCache() {
  try {
    const base = new URL(API, location.href).href;
    for (let index = localStorage.length - 1; index >= 0; index -= 1) {
      const key = localStorage.key(index);
      if (key?.startsWith(CACHE_PREFIX) && key.includes(base)) localStorage.removeItem(key);
    }
  } catch {
    // Storage off: there is no cache either.
  }
}

function element(name, attributes = {}) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

let latestCart = null;
let started = false;

function start({ token, locale, cart }) {
  if (started) return;
  started = true;
  latestCart = cart;
  forgetPreviewCache();
  document.documentElement.lang = String(locale ?? "en").slice(0, 2);
  const page = element("main", { class: "preview-shop" });
  page.append(
    element("treu-points"),
    element("treu-shipping-bar"),
    element("treu-referral"),
    element("treu-launcher"),
  );
  document.body.append(page);
  const script = element("script", {
    type: "module",
    src: "/admin/treu/treu.js",
    "data-api": API,
    "data-locale": String(locale ?? "en-GB"),
    "data-currency": String(cart?.currency ?? "EUR"),
  });
  if (typeof token === "string" && token) script.dataset.customerToken = token;
  // The script exposes window.treu as soon as it runs; the cart is kept until the engine is up.
  script.addEventListener("load", () => latestCart && window.treu?.setCart(latestCart));
  document.addEventListener("treu:ready", () => latestCart && window.treu?.setCart(latestCart));
  document.head.append(script);
}

addEventListener("message", (event) => {
  if (event.origin !== location.origin || event.source !== parent) return;
  const message = event.data ?? {};
  if (message.type === "treu-preview:start") start(message);
  else if (message.type === "treu-preview:cart" && started) {
    latestCart = message.cart;
    window.treu?.setCart(message.cart);
  } else if (message.type === "treu-preview:refresh" && started) {
    window.treu?.refresh();
  }
});

if (parent !== window) parent.postMessage({ type: "treu-preview:ready" }, location.origin);
