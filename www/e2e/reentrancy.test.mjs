// A theme's listener for any treu event may call back into treu: every event
// of CONTRACT.md (`treu:ready`, `treu:quote`, `treu:points-changed`,
// `treu:redeemed`, `treu:error`) gets a listener that calls `setCart`,
// `refresh`, `action`, `redeem` and the package's `quote()`, and the page keeps
// working afterwards. `treu:points-changed` is sent both by a member refresh
// (a balance that changed since the cached page view) and by the outbox.

import assert from "node:assert/strict";
import { test } from "node:test";
import { sendOrderWebhook, signIn, useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser({ seed: true });
const EVENTS = ["ready", "quote", "points-changed", "redeemed", "error"];

/** Installed before any page script: each event's listener calls back into treu
 * synchronously, the first time with everything, later times with `setCart`. */
function callBack(events) {
  const seen = (window.treuSeen = {});
  const errors = (window.treuErrors = []);
  document.addEventListener("treu:error", (event) => errors.push(event.detail.message));
  const causes = (window.treuCauses = []);
  document.addEventListener("treu:points-changed", (event) => causes.push(event.detail.cause));
  const cart = (mugs) => ({ currency: "EUR", lines: [{ productId: "mug", quantity: mugs + 4, unitPrice: 1250 }] });
  const program = fetch("/v1/program").then((response) => response.json());
  const script = () => document.querySelector("script[data-api][src$='treu.js']")?.src;
  for (const name of events) {
    document.addEventListener(`treu:${name}`, () => {
      const first = !seen[name];
      seen[name] = (seen[name] ?? 0) + 1;
      const treu = window.treu;
      if (!treu?.setCart || seen[name] > 5) return;
      treu.setCart(cart(seen[name]));
      if (!first) return;
      treu.refresh();
      treu.action("review").catch(() => {});
      treu.redeem("5-off").catch(() => {});
      program.then((p) => import(script()).then((m) => m.quote(p, cart(2)))).then(
        (quote) => (window.treuQuoted = quote.currency),
        (error) => (window.treuQuoted = String(error)),
      );
    });
  }
}

test("listeners of every treu event call back into window.treu and the page keeps working", async () => {
  const context = await running.browser.newContext();
  const account = running.host.accounts["demo-ann"];
  const open = async () => {
    const page = await context.newPage();
    const messages = watchConsole(page);
    await signIn(page, account);
    // The demo page sets its own cart too: one that every reward can be used on.
    await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 6 })));
    await page.addInitScript(callBack, EVENTS);
    await page.goto(running.host.url);
    await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "member");
    return { page, messages };
  };
  const first = await open();
  await first.page.waitForFunction(() => window.treuSeen["points-changed"] && window.treuSeen.redeemed);
  // Closed, so nothing of it refreshes the cached member after the order below.
  await first.page.close();

  // An order paid since that page view: the next one paints the cached
  // balance, then `GET /v1/me` brings the new one as `treu:points-changed`.
  const reply = await sendOrderWebhook(running.host.url, {
    id: "evt-paid-reentrancy",
    type: "order.paid",
    order: {
      id: "o-reentrancy",
      customerId: "demo-ann",
      total: 4000,
      placedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      cart: { currency: "EUR", lines: [{ productId: "mug", quantity: 1, unitPrice: 4000 }] },
    },
  });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  const { page, messages } = await open();
  await page.waitForFunction(() => window.treuCauses.includes("other") && window.treuSeen.ready && window.treuSeen.quote);
  await page.evaluate(() => window.treu.setCart({ currency: "EUR", lines: "not a list" }));
  await page.waitForFunction(() => window.treuSeen.error);
  // Errors are the refused cart and the host's answers (a redemption queued
  // by the first page view may be refused on this one): no call back failed.
  const errors = await page.evaluate(() => window.treuErrors);
  assert.ok(errors.some((message) => message.startsWith("cart.lines")), JSON.stringify(errors));
  assert.deepEqual(errors.filter((message) => !/^(cart\.lines|POST \/v1\/)/.test(message)), []);
  await page.waitForFunction(() => window.treuQuoted === "EUR");

  // Still working: a new cart is quoted and shown.
  const quote = await page.evaluate(
    () =>
      new Promise((resolve) => {
        document.addEventListener("treu:quote", (event) => resolve(event.detail), { once: true });
        window.treu.setCart({ currency: "EUR", lines: [{ productId: "mug", quantity: 40, unitPrice: 1250 }] });
      }),
  );
  assert.equal(quote.currency, "EUR");
  assert.ok(quote.earn.total > 0, JSON.stringify(quote.earn));
  await page.waitForFunction(() => document.querySelector("treu-shipping-bar")?.dataset.state === "qualified");
  assert.deepEqual(
    messages.filter((message) => /^(error|pageerror)/.test(message) && !/HTTP 4\d\d|Failed to load resource/.test(message)),
    [],
  );
  await context.close();
});
