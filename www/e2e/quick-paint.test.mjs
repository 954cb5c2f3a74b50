// The quick paint (pkg-template/treu.js, treu_quick.js): a page view that
// does not hold the first paint's module yet paints its widgets from the
// host's quote, downloading only the critical path (scripts/weight.mjs); the
// module, asked for once they show, then draws exactly the same, and the next
// page view paints through it. Each case compares the two paints widget by
// widget: attributes and shadow trees, as a shopper's browser holds them.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { GROUPS } from "../../scripts/weight.mjs";
import { mintToken, ours, treuFile, treuFileRoute, useHostAndBrowser, watchConsole } from "./harness.mjs";

const recorded = (name) =>
  JSON.parse(readFileSync(new URL(`../../tests/fixtures/platforms/${name}`, import.meta.url), "utf8"));

// The e2e program with free shipping in yen and dinars too, so carts in
// currencies without cents show the bar's amounts.
const dir = mkdtempSync(join(tmpdir(), "treu-quick-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const program = JSON.parse(readFileSync(new URL("program.json", import.meta.url), "utf8"));
program.freeShipping.thresholds.push({ currency: "JPY", minimum: 8000 }, { currency: "KWD", minimum: 20000 });
writeFileSync(join(dir, "program.json"), JSON.stringify(program));
const running = useHostAndBrowser({ program: join(dir, "program.json") });

const PAINT = "treu_paint_bg.wasm";
const QUICK = "treu_quick.js";
const LATER = "treu_wasm_bg.wasm";

/** A theme page on `platform` with every widget (the launcher adds itself);
 * `attributes` go on the script tag, `head` into the head, `before` is a
 * script that runs before treu's. */
function themePage(platform, { attributes = 'data-token-url=""', head = "", before = "" } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}
    <script>${before}</script>
    <script type="module" async src="/treu/treu.js" data-api="/" data-platform="${platform}" ${attributes}></script></head>
    <body><treu-shipping-bar></treu-shipping-bar><treu-points></treu-points>
    <treu-points show="balance"></treu-points><treu-referral></treu-referral></body></html>`;
}

/** Every widget as the page holds it: its attributes and its shadow tree. */
const widgets = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("treu-shipping-bar, treu-points, treu-launcher, treu-referral")].map((element) => ({
      tag: element.localName,
      attributes: Object.fromEntries([...element.attributes].map(({ name, value }) => [name, value])),
      shadow: element.shadowRoot?.innerHTML ?? null,
    })),
  );

/**
 * Opens `html` as a shop's page in a fresh browser (a first visit), the
 * platform's cart API answering `answer` at `cartPath`. Returns the widgets
 * as they were when the page asked for the first paint's module, as that
 * module drew them, as the next page view painted them, and which of
 * treu's files each view asked for, in order. The later module is never
 * answered, so both paints show what they show before any member.
 */
async function paintTwice(html, { cartPath, answer } = {}) {
  const context = await running.browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  const messages = watchConsole(page);
  let requested = [];
  page.on("request", (request) => {
    const file = treuFile(request.url());
    if (file.startsWith("treu")) requested.push(file);
  });
  const url = `${running.host.url}/quick`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html", body: html }));
  if (cartPath) await page.route(`${running.host.url}${cartPath}`, (route) => route.fulfill({ json: answer }));
  await page.route(treuFileRoute(LATER), () => {});
  let quick = null;
  let before = null;
  await page.route(treuFileRoute(PAINT), async (route) => {
    if (!quick) {
      quick = await widgets(page);
      before = requested.slice(0, requested.indexOf(PAINT));
    }
    await route.continue();
  });
  await page.goto(url);
  await page.evaluate(() => window.treu.ready);
  // The module drew in the task that made it ready; a frame later all shows.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  const engine = await widgets(page);
  const first = requested;
  requested = [];
  await page.reload();
  await page.evaluate(() => window.treu.ready);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  const next = await widgets(page);
  await context.close();
  return { quick, engine, next, before, first, second: requested, messages };
}

/** The label of the shipping bar in `drawn` widgets. */
const barLabel = (drawn) => /<p [^>]*class="label"[^>]*>([^<]*)<\/p>/.exec(drawn.find((w) => w.tag === "treu-shipping-bar").shadow)?.[1];

/** Asserts what every case shows: the quick paint is the module's paint and
 * the next view's, and came from the critical path alone. */
function assertSamePaints(run) {
  assert.ok(run.quick, "the first paint's module was never asked for");
  assert.deepEqual(run.quick, run.engine, "the module drew differently from the quick paint");
  assert.deepEqual(run.next, run.engine, "the next page view painted differently");
  const beforeModule = new Set(run.before);
  for (const file of GROUPS["critical path"]) assert.ok(beforeModule.has(file), `${file} was not asked for first`);
  for (const file of beforeModule) {
    assert.ok(GROUPS["critical path"].includes(file) || file === "treu_paint.js", `${file} was asked for before the widgets showed`);
  }
  assert.ok(!run.second.includes(QUICK), `the next page view asked for ${QUICK}: ${run.second}`);
  assert.ok(run.second.includes(PAINT), `the next page view did not ask for ${PAINT}: ${run.second}`);
  assert.deepEqual(run.messages, []);
}

/** The queue of the README's stub: `cart` handed over before treu loads. */
const handOver = (cart) =>
  `window.treu = { q: [["setCart", ${JSON.stringify(cart)}]], setCart: (...a) => window.treu.q.push(["setCart", ...a]) };`;

test("a first visit paints a generic page's cart from the host's quote, and the engine's paint is the same", async () => {
  const cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 2, unitPrice: 1250 }] };
  const run = await paintTwice(themePage("generic", { before: handOver(cart) }));
  assertSamePaints(run);
  assert.equal(barLabel(run.quick), "€25.00 to free shipping");
  const points = run.quick.find((w) => w.tag === "treu-points");
  assert.equal(points.attributes["data-state"], "earn");
  const launcher = run.quick.find((w) => w.tag === "treu-launcher");
  assert.equal(launcher.attributes["data-state"], "guest");
});

test("a page without a cart yet, and a cart past the threshold, paint the same both ways", async () => {
  const empty = await paintTwice(themePage("generic"));
  assertSamePaints(empty);
  assert.equal(empty.quick.find((w) => w.tag === "treu-shipping-bar").attributes["data-state"], "pending");
  const cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 5, unitPrice: 1250 }] };
  const full = await paintTwice(themePage("generic", { before: handOver(cart) }));
  assertSamePaints(full);
  assert.equal(full.quick.find((w) => w.tag === "treu-shipping-bar").attributes["data-state"], "qualified");
});

test("shopify: /cart.js in euros and in yen paints the same both ways", async () => {
  const euros = await paintTwice(themePage("shopify"), { cartPath: "/cart.js", answer: recorded("shopify-cart.json") });
  assertSamePaints(euros);
  assert.match(barLabel(euros.quick), /€\d+\.\d\d to free shipping|Free shipping unlocked/);
  // Shopify counts yen in hundredths: ¥1,234.50 each is ¥1,235 (half away from zero), ¥2,470 for two.
  const yen = { currency: "JPY", items: [{ product_id: 7, quantity: 2, final_price: 123450, gift_card: false }] };
  const run = await paintTwice(themePage("shopify"), { cartPath: "/cart.js", answer: yen });
  assertSamePaints(run);
  assert.equal(barLabel(run.quick), "¥5,530 to free shipping");
});

test("woocommerce: the Store API cart in euros and in dinars paints the same both ways", async () => {
  const head = `<link rel="https://api.w.org/" href="/wp-json/">`;
  const path = "/wp-json/wc/store/v1/cart";
  const euros = await paintTwice(themePage("woocommerce", { head }), { cartPath: path, answer: recorded("woocommerce-cart.json") });
  assertSamePaints(euros);
  // A shop set to 2 decimals for dinars: 12.345 KWD is sent as "1235"; the engine counts fils.
  const dinars = {
    items: [{ id: 9, quantity: 1, prices: { price: "1235" } }],
    totals: { currency_code: "KWD", currency_minor_unit: 2 },
  };
  const run = await paintTwice(themePage("woocommerce", { head }), { cartPath: path, answer: dinars });
  assertSamePaints(run);
  assert.match(barLabel(run.quick), /^KWD(&nbsp;| )7\.650 to free shipping$/);
});

test("a signed-in customer's first visit keeps the member's widgets waiting, as the engine's first paint does", async () => {
  const cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 1, unitPrice: 1250 }] };
  const token = mintToken("quick-paint-member");
  const run = await paintTwice(
    themePage("generic", { attributes: `data-customer-token="${token}"`, before: handOver(cart) }),
  );
  assertSamePaints(run);
  assert.equal(run.quick.find((w) => w.tag === "treu-launcher").attributes["data-state"], "pending");
  assert.equal(run.quick.find((w) => w.tag === "treu-referral").attributes["data-state"], "pending");
});

/** A fresh browser's page of `html` at /quick, the host's `POST /v1/quote`
 * answered by `quote(route)` when given. The later module is never
 * answered: what shows is the first paint's, before any member. */
async function firstVisit(html, { quote } = {}) {
  const context = await running.browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  const messages = watchConsole(page);
  await page.route(`${running.host.url}/quick`, (route) => route.fulfill({ contentType: "text/html", body: html }));
  await page.route(treuFileRoute(LATER), () => {});
  if (quote) await page.route(`${running.host.url}/v1/quote`, quote);
  return { context, page, messages };
}

/** Opens /quick, holding the first paint's module back until the quick
 * paint shows; resolves to `release()`, which lets the module come. */
async function quickPaintShown(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route(treuFileRoute(PAINT), async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(`${running.host.url}/quick`);
  await page.waitForFunction(() => performance.getEntriesByName("treu:painted").length > 0);
  return release;
}

test("a cart the page hands over after the quick paint is quoted by the host until the module takes over", async () => {
  const { context, page, messages } = await firstVisit(themePage("generic"));
  const release = await quickPaintShown(page);
  const label = page.locator("treu-shipping-bar").locator(".label");
  assert.equal(await label.textContent(), "");
  // The theme's own script ran late, after treu's quick paint.
  const cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 3, unitPrice: 1250 }] };
  await page.evaluate((cart) => window.treu.setCart(cart), cart);
  await label.filter({ hasText: "€12.50 to free shipping" }).waitFor();
  const quick = await widgets(page);
  release();
  await page.evaluate(() => window.treu.ready);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
  assert.deepEqual(await widgets(page), quick);
  assert.deepEqual(messages, []);
  await context.close();
});

test("when the host's quote fails or never comes, the module paints, quietly", async () => {
  const cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 2, unitPrice: 1250 }] };
  const html = themePage("generic", { before: handOver(cart) });
  for (const quote of [(route) => route.fulfill({ status: 500, body: "" }), () => {}]) {
    const { context, page, messages } = await firstVisit(html, { quote });
    const started = Date.now();
    await page.goto(`${running.host.url}/quick`);
    await page.evaluate(() => window.treu.ready);
    await page.locator("treu-shipping-bar").locator(".label").filter({ hasText: "€25.00 to free shipping" }).waitFor();
    // A request that never answers holds the module up for the quick paint's limit at most.
    assert.ok(Date.now() - started < 10_000);
    assert.deepEqual(ours(messages), []);
    await context.close();
  }
});

test("a widget the page adds before the module takes over is drawn from the host's quote too", async () => {
  const cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 2, unitPrice: 1250 }] };
  const { context, page, messages } = await firstVisit(themePage("generic", { before: handOver(cart) }));
  const release = await quickPaintShown(page);
  await page.evaluate(() => document.body.append(Object.assign(document.createElement("treu-points"), { id: "late" })));
  await page.locator("#late").locator(".text").filter({ hasText: "Earn 25 points as a member" }).waitFor();
  release();
  await page.evaluate(() => window.treu.ready);
  assert.equal(await page.locator("#late").getAttribute("data-points"), "25");
  assert.deepEqual(messages, []);
  await context.close();
});

/** A Shopify theme page whose `/cart.js` answers `carts[0]` in yen until
 * the page posts to `/cart/add.js`, then `carts[1]`; `reads()` counts the
 * cart's reads. Every `treu:quote` the page hears is kept in `window.quotes`. */
async function shopifyFirstVisit(carts) {
  const yen = (quantity) => ({ currency: "JPY", items: [{ product_id: 7, quantity, final_price: 123450, gift_card: false }] });
  const html = themePage("shopify", { before: "window.quotes = []; document.addEventListener('treu:quote', (e) => quotes.push(e.detail));" });
  const visit = await firstVisit(html);
  let reads = 0;
  let answer = yen(carts[0]);
  await visit.page.route(`${running.host.url}/cart.js`, (route) => {
    reads += 1;
    return route.fulfill({ json: answer });
  });
  await visit.page.route(`${running.host.url}/cart/add.js`, (route) => {
    answer = yen(carts[1]);
    return route.fulfill({ json: {} });
  });
  return { ...visit, reads: () => reads };
}

test("shopify: the module starts from the cart the quick paint read, without reading it again", async () => {
  const { context, page, messages, reads } = await shopifyFirstVisit([2]);
  const release = await quickPaintShown(page);
  const label = page.locator("treu-shipping-bar").locator(".label");
  assert.equal(await label.textContent(), "¥5,530 to free shipping");
  release();
  await page.evaluate(() => window.treu.ready);
  // Any read the module would make is asked for in the task that made it ready.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  assert.equal(reads(), 1);
  assert.equal(await label.textContent(), "¥5,530 to free shipping");
  // The page hears the engine's quote of that cart once.
  const quotes = await page.evaluate(() => window.quotes);
  assert.equal(quotes.length, 1);
  assert.equal(quotes[0].freeShipping.eligibleSubtotal, 2470);
  assert.deepEqual(messages, []);
  await context.close();
});

test("shopify: a cart changed after the quick paint read it is read again when the module takes over", async () => {
  const { context, page, messages, reads } = await shopifyFirstVisit([2, 4]);
  const release = await quickPaintShown(page);
  const label = page.locator("treu-shipping-bar").locator(".label");
  assert.equal(await label.textContent(), "¥5,530 to free shipping");
  // The theme adds to the cart before the module came, and a page's analytics
  // script clears the browser's Resource Timing buffer, as some do.
  await page.evaluate(() => fetch("/cart/add.js", { method: "POST" }).then((response) => response.text()));
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((entry) => entry.name.endsWith("/cart/add.js")));
  await page.evaluate(() => performance.clearResourceTimings());
  release();
  await page.evaluate(() => window.treu.ready);
  await label.filter({ hasText: "¥3,060 to free shipping" }).waitFor();
  assert.equal(reads(), 2);
  // The page hears the quote of the cart as it is now, not first the one read before.
  const quotes = await page.evaluate(() => window.quotes);
  assert.deepEqual(quotes.map((quote) => quote.freeShipping.eligibleSubtotal), [4940]);
  assert.deepEqual(messages, []);
  await context.close();
});

test("woocommerce: a classic theme refreshing its cart fragments is no change to read again for", async () => {
  const head = `<link rel="https://api.w.org/" href="/wp-json/">`;
  const { context, page, messages } = await firstVisit(themePage("woocommerce", { head }));
  let reads = 0;
  const cart = { items: [{ id: 9, quantity: 2, prices: { price: "1250" } }], totals: { currency_code: "EUR", currency_minor_unit: 2 } };
  await page.route(`${running.host.url}/wp-json/wc/store/v1/cart`, (route) => {
    reads += 1;
    return route.fulfill({ json: cart });
  });
  await page.route(`${running.host.url}/?wc-ajax=*`, (route) => route.fulfill({ json: { fragments: {} } }));
  const release = await quickPaintShown(page);
  // What WooCommerce's cart-fragments.js asks on a page load: it changes nothing.
  await page.evaluate(() => fetch("/?wc-ajax=get_refreshed_fragments", { method: "POST" }).then((response) => response.text()));
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((entry) => entry.name.includes("get_refreshed_fragments")));
  release();
  await page.evaluate(() => window.treu.ready);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  assert.equal(reads, 1);
  // Adding to the cart the classic way is a change.
  await page.evaluate(() => fetch("/?wc-ajax=add_to_cart", { method: "POST" }).then((response) => response.text()));
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((entry) => entry.name.includes("add_to_cart")));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  assert.equal(reads, 2);
  assert.deepEqual(messages, []);
  await context.close();
});

test("destroy() while the quick paint shows stops treu before the module runs", async () => {
  const { context, page, messages } = await firstVisit(themePage("generic"));
  const asked = [];
  page.on("request", (request) => asked.push(treuFile(request.url())));
  const release = await quickPaintShown(page);
  await page.evaluate(() => window.treu.destroy());
  release();
  // What the module would have done by now: a member's later module, the program again.
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => typeof window.treu), "undefined");
  assert.ok(!asked.includes(LATER), `asked for ${LATER} after destroy()`);
  assert.deepEqual(messages, []);
  await context.close();
});
