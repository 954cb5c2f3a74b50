// Customer identity without backend code: on a Shopify storefront treu gets the
// signed-in customer's token through the app proxy (same origin), on WooCommerce
// from the plugin's nonce-protected REST route. The pages are served by the
// real host (www/e2e/storefronts/); on Shopify's, the theme's hand-written tag
// or the app embed block rendered from its Liquid (app-embed.mjs). Shopify's
// app proxy is played by a route handler that signs the forwarded query as
// Shopify does and passes it to the host's real GET /v1/platforms/shopify/proxy/token;
// WordPress's REST route by one that answers a token minted for the host. The
// host then verifies the token on GET /v1/me.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { renderAppEmbed } from "./app-embed.mjs";
import { mintToken, useHostAndBrowser, watchConsole } from "./harness.mjs";

const SHOPIFY_SECRET = "e2e-shopify-client-secret";
const running = useHostAndBrowser({
  seed: true,
  statics: ["/=www/e2e/storefronts", "/treu=dist"],
  env: { TREU_SHOPIFY_SECRET: SHOPIFY_SECRET },
});
const cart = JSON.parse(readFileSync(new URL("../../tests/fixtures/platforms/shopify-cart.json", import.meta.url), "utf8"));
const wooCart = JSON.parse(readFileSync(new URL("../../tests/fixtures/platforms/woocommerce-cart.json", import.meta.url), "utf8"));

/**
 * Shopify's app proxy: the storefront's request to `/apps/treu/…` as Shopify
 * forwards it to the proxy URL, with `shop`, `logged_in_customer_id`,
 * `path_prefix`, `timestamp` and `signature` (hex HMAC-SHA256 of the sorted
 * `key=value` pairs, a repeated key's values joined with `,`), as
 * https://shopify.dev/docs/apps/build/online-store/app-proxies/authenticate-app-proxies describes.
 */
function proxiedUrl(storefrontUrl, customer) {
  const url = new URL(storefrontUrl);
  const subpath = url.pathname.replace(/^(\/[^/]+)?\/apps\/treu/, "");
  const params = new URLSearchParams(url.search);
  params.set("shop", "mug-shop.myshopify.com");
  params.set("logged_in_customer_id", customer ?? "");
  params.set("path_prefix", "/apps/treu");
  params.set("timestamp", String(Math.floor(Date.now() / 1000)));
  const byKey = new Map();
  for (const [key, value] of params) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const message = [...byKey.keys()].sort().map((key) => `${key}=${byKey.get(key).join(",")}`).join("");
  params.set("signature", createHmac("sha256", SHOPIFY_SECRET).update(message).digest("hex"));
  return `${running.host.url}/v1/platforms/shopify/proxy${subpath}?${params}`;
}

/**
 * A browser context on `platform`'s page whose token endpoint answers for
 * `customer` (null: a guest, 401). `tokenRequests` lists each request's
 * headers; `expiresIn` (seconds) replaces the answer's `expiresAt`. With `embed`, the Shopify
 * page carries the app embed block rendered for the current customer instead
 * of the theme's own tag.
 */
async function storefront(platform, { customer, expiresIn, status, embed = false } = {}) {
  const context = await running.browser.newContext();
  const page = await context.newPage();
  const messages = watchConsole(page);
  const tokenRequests = [];
  const shop = { customer, expiresIn, status };
  const answer = async (route) => {
    const headers = route.request().headers();
    tokenRequests.push(headers);
    if (shop.status) return route.fulfill({ status: shop.status, body: "unavailable" });
    if (platform === "shopify") {
      const response = await route.fetch({ url: proxiedUrl(route.request().url(), shop.customer), headers: {} });
      if (response.status() !== 200 || shop.expiresIn === undefined) return route.fulfill({ response });
      // A token about to expire, as a later page view would find it.
      const body = { ...(await response.json()), expiresAt: new Date(Date.now() + shop.expiresIn * 1000).toISOString() };
      return route.fulfill({ response, json: body });
    }
    if (headers["x-wp-nonce"] !== "5f2a9c1e7b") {
      return route.fulfill({ status: 403, json: { code: "rest_cookie_invalid_nonce" } });
    }
    if (!shop.customer) return route.fulfill({ status: 401, json: { title: "Unauthorized" } });
    const token = mintToken(shop.customer, { name: "Ann Lee" });
    const expiresAt = new Date(Date.now() + (shop.expiresIn ?? 3600) * 1000).toISOString();
    return route.fulfill({ json: { token, expiresAt }, headers: { "cache-control": "no-store" } });
  };
  if (platform === "shopify") {
    await context.route(`${running.host.url}/en/apps/treu/token`, answer);
    await context.route(`${running.host.url}/apps/treu/token`, answer);
    await context.route(`${running.host.url}/en/cart.js`, (route) => route.fulfill({ json: cart }));
  } else {
    await context.route(`${running.host.url}/wp-json/treu/v1/customer-token`, answer);
    await context.route(`${running.host.url}/wp-json/wc/store/v1/cart`, (route) => route.fulfill({ json: wooCart }));
  }
  if (embed) {
    await context.route(`${running.host.url}/shopify.html`, async (route) => {
      const response = await route.fetch();
      const block = renderAppEmbed({
        settings: { host_url: `${running.host.url}/` },
        customer: shop.customer ? { id: 4711 } : null,
      });
      const html = (await response.text()).replace(/<script type="module"[\s\S]*?<\/script>/, block);
      await route.fulfill({ response, body: html });
    });
  }
  const visit = async () => {
    await page.goto(`${running.host.url}/${platform}.html`);
    await page.waitForFunction(() => ["member", "guest"].includes(document.querySelector("treu-launcher")?.dataset.state));
    return page.evaluate(() => document.querySelector("treu-launcher").dataset.state);
  };
  return { context, page, messages, tokenRequests, shop, visit };
}

/** Console messages but Chromium's own line for a non-2xx response, which no page can silence. */
const besidesNetwork = (messages) => messages.filter((message) => !message.startsWith("error: Failed to load resource"));

/** The balance the host reports for `customer` (GET /v1/me with a token of theirs). */
async function balanceOf(customer) {
  const response = await fetch(`${running.host.url}/v1/me`, { headers: { authorization: `Bearer ${mintToken(customer)}` } });
  assert.equal(response.status, 200);
  return (await response.json()).balance.available;
}

test("shopify: a signed-in customer's token comes through the app proxy under Shopify.routes.root", async () => {
  const { context, page, messages, tokenRequests, visit } = await storefront("shopify", { customer: "demo-ann" });
  assert.equal(await visit(), "member");
  const balance = (await balanceOf("demo-ann")).toLocaleString("en");
  await page.locator("treu-points").locator(".text").filter({ hasText: `${balance} points` }).waitFor();
  assert.equal(tokenRequests.length, 1);
  assert.equal(tokenRequests[0].authorization, undefined, "the proxy request carries no token of its own");
  assert.deepEqual(messages, []);
  await context.close();
});

test("shopify: the token is reused across page views until shortly before it expires", async () => {
  const { context, page, messages, tokenRequests, shop, visit } = await storefront("shopify", { customer: "demo-ann" });
  assert.equal(await visit(), "member");
  assert.equal(await visit(), "member");
  assert.equal(tokenRequests.length, 1, "the second page view used the cached token");
  // A token that expires within the minute is fetched again on the next view.
  shop.expiresIn = 30;
  await page.evaluate(() => sessionStorage.clear());
  assert.equal(await visit(), "member");
  assert.equal(await visit(), "member");
  assert.equal(tokenRequests.length, 3, "a token about to expire is not reused");
  assert.deepEqual(messages, []);
  await context.close();
});

test("shopify: a guest (401 from the proxy) sees the guest view, quietly", async () => {
  const { context, messages, tokenRequests, visit } = await storefront("shopify", { customer: null });
  assert.equal(await visit(), "guest");
  assert.equal(await visit(), "guest");
  assert.equal(tokenRequests.length, 2, "a guest's answer is not cached");
  assert.deepEqual(besidesNetwork(messages), []);
  await context.close();
});

test("shopify app embed: a signed-in customer's page names the proxy path and becomes the member's", async () => {
  const { context, page, messages, tokenRequests, visit } = await storefront("shopify", { customer: "demo-ann", embed: true });
  assert.equal(await visit(), "member");
  const script = page.locator("script[data-platform=shopify]");
  assert.equal(await script.getAttribute("data-token-url"), "/apps/treu/token");
  assert.equal(await script.getAttribute("data-api"), running.host.url);
  assert.equal(tokenRequests.length, 1);
  assert.deepEqual(messages, []);
  await context.close();
});

test("shopify app embed: a guest's page asks nothing, and signing out forgets the kept token", async () => {
  const { context, page, messages, tokenRequests, shop, visit } = await storefront("shopify", { customer: "demo-ann", embed: true });
  assert.equal(await visit(), "member");
  assert.notEqual(await page.evaluate(() => sessionStorage.getItem("treu:customer-token")), null);
  shop.customer = null; // signed out: Shopify renders the block without a customer
  assert.equal(await visit(), "guest");
  assert.equal(await page.locator("script[data-platform=shopify]").getAttribute("data-token-url"), "");
  assert.equal(tokenRequests.length, 1, "no token request for a guest's page");
  assert.equal(await page.evaluate(() => sessionStorage.getItem("treu:customer-token")), null);
  assert.deepEqual(messages, []);
  await context.close();
});

test("shopify: a failing proxy leaves the shopper a guest and reports treu:error, never a page error", async () => {
  const { context, page, messages, visit } = await storefront("shopify", { status: 502 });
  const errors = [];
  await page.exposeFunction("recordTreuError", (detail) => errors.push(detail.message));
  await page.addInitScript(() =>
    document.addEventListener("treu:error", (event) => window.recordTreuError(event.detail)),
  );
  assert.equal(await visit(), "guest");
  assert.deepEqual(errors, ["GET /en/apps/treu/token: no customer token (HTTP 502)"]);
  assert.deepEqual(besidesNetwork(messages), []);
  await context.close();
});

test("woocommerce: the token comes from the plugin's REST route with the user's wp_rest nonce", async () => {
  const { context, page, messages, tokenRequests, visit } = await storefront("woocommerce", { customer: "demo-ann" });
  assert.equal(await visit(), "member");
  assert.equal(tokenRequests[0]["x-wp-nonce"], "5f2a9c1e7b");
  const balance = (await balanceOf("demo-ann")).toLocaleString("en");
  await page.locator("treu-points").locator(".text").filter({ hasText: `${balance} points` }).waitFor();
  assert.deepEqual(messages, []);
  await context.close();
});
