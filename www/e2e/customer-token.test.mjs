// Customer identity without backend code: on a Shopify storefront treu gets the
// signed-in customer's token through the app proxy (same origin), on WooCommerce
// from the plugin's nonce-protected REST route. The pages are served by the
// real host (www/e2e/storefronts/); the platform's side of the token request
// (Shopify's app proxy, WordPress's REST API) is played by a route handler that
// answers a token signed for the host, which the host then verifies on GET /v1/me.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { mintToken, useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser({ seed: true, statics: ["/=www/e2e/storefronts", "/treu=dist"] });
const cart = JSON.parse(readFileSync(new URL("../../tests/fixtures/platforms/shopify-cart.json", import.meta.url), "utf8"));
const wooCart = JSON.parse(readFileSync(new URL("../../tests/fixtures/platforms/woocommerce-cart.json", import.meta.url), "utf8"));

/**
 * A browser context on `platform`'s page whose token endpoint answers for
 * `customer` (null: a guest, 401). `tokenRequests` lists each request's
 * headers; `expiresIn` sets the answer's `expiresAt`.
 */
async function storefront(platform, { customer, expiresIn = 3600, status } = {}) {
  const context = await running.browser.newContext();
  const page = await context.newPage();
  const messages = watchConsole(page);
  const tokenRequests = [];
  const shop = { customer, expiresIn, status };
  const answer = (route) => {
    const headers = route.request().headers();
    tokenRequests.push(headers);
    if (shop.status) return route.fulfill({ status: shop.status, body: "unavailable" });
    if (platform === "woocommerce" && headers["x-wp-nonce"] !== "5f2a9c1e7b") {
      return route.fulfill({ status: 403, json: { code: "rest_cookie_invalid_nonce" } });
    }
    if (!shop.customer) return route.fulfill({ status: 401, json: { title: "Unauthorized" } });
    const token = mintToken(shop.customer, { name: "Ann Lee" });
    const expiresAt = new Date(Date.now() + shop.expiresIn * 1000).toISOString();
    return route.fulfill({ json: { token, expiresAt }, headers: { "cache-control": "no-store" } });
  };
  if (platform === "shopify") {
    await context.route(`${running.host.url}/en/apps/treu/token`, answer);
    await context.route(`${running.host.url}/en/cart.js`, (route) => route.fulfill({ json: cart }));
  } else {
    await context.route(`${running.host.url}/wp-json/treu/v1/customer-token`, answer);
    await context.route(`${running.host.url}/wp-json/wc/store/v1/cart`, (route) => route.fulfill({ json: wooCart }));
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

test("shopify: a page rendered for a guest (empty data-token-url) asks nothing and forgets the cached token", async () => {
  const { context, page, messages, tokenRequests, visit } = await storefront("shopify", { customer: "demo-ann" });
  assert.equal(await visit(), "member");
  assert.notEqual(await page.evaluate(() => sessionStorage.getItem("treu:customer-token")), null);
  // The app embed renders data-token-url="" when no customer is signed in.
  await page.route(`${running.host.url}/shopify.html`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('data-platform="shopify"', 'data-platform="shopify" data-token-url=""');
    await route.fulfill({ response, body: html });
  });
  assert.equal(await visit(), "guest");
  assert.equal(tokenRequests.length, 1);
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
