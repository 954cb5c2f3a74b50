// Personalised offers in the demo shop, in Chromium against the real host
// with the demo customers seeded: a customer who bought coffee beans lately
// (Cy) is in the "beans-buyers" segment and sees the double-points-on-beans
// offer beside the points line, and the line counts it; a customer whose beans
// were bought long ago (Bo) sees neither. The engine decides membership from
// the order history the host sends in `GET /v1/me`.

import assert from "node:assert/strict";
import { test } from "node:test";
import { signIn, useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser({ seed: true });

/** A fresh context signed in as `customer`, with one bag of espresso beans in the cart. */
async function visit(customer, locale = "en-IE") {
  const context = await running.browser.newContext({ viewport: { width: 1100, height: 900 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const messages = watchConsole(page);
  await signIn(page, running.host.accounts[customer]);
  await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ "espresso-beans": 1 })));
  if (locale !== "en-IE") {
    await page.route(`${running.host.url}/`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('data-locale="en-IE"', `data-locale="${locale}"`);
      await route.fulfill({ response, body: html });
    });
  }
  const quotes = [];
  await page.exposeFunction("recordQuote", (detail) => quotes.push(detail));
  await page.addInitScript(() => document.addEventListener("treu:quote", (event) => window.recordQuote(event.detail)));
  await page.goto(`${running.host.url}/`);
  return { context, page, messages, quotes, points: page.locator("treu-points").first() };
}

test("a customer who bought beans sees the beans offer, and the cart line counts it", async () => {
  const { context, page, messages, quotes, points } = await visit("demo-cy");
  // €24.90 of espresso beans: base 24, the coffee multiplier +24, the offer +24.
  await points.locator(".text").filter({ hasText: "This order earns 72 points" }).waitFor();
  assert.equal(await points.locator(".offer").textContent(), "For you: Double points on beans again");
  assert.equal(await points.getAttribute("data-offer"), "beans-double");
  // The `treu:quote` detail lists the offer with what this cart earns from it.
  const quote = quotes.findLast((detail) => detail.earn.total === 72);
  assert.ok(quote, `a quote of 72 points among ${quotes.length}`);
  assert.deepEqual(quote.offers.map((entry) => [entry.id, entry.points]), [["beans-double", 24]]);
  // On one row: the offer never makes the line taller.
  const [line, title] = await Promise.all([points.locator(".text").boundingBox(), points.locator(".offer").boundingBox()]);
  assert.ok(Math.abs(line.y - title.y) < line.height, `same row: ${JSON.stringify({ line, title })}`);
  assert.deepEqual(messages, []);
  await context.close();
});

test("a customer who did not buy beans lately sees no offer and earns without it", async () => {
  const { context, page, messages, points } = await visit("demo-bo");
  await points.locator(".text").filter({ hasText: "This order earns 48 points" }).waitFor();
  assert.equal(await points.locator(".offer").textContent(), "");
  assert.equal(await points.getAttribute("data-offer"), null);
  assert.equal(await points.locator(".offer").isVisible(), false);
  assert.deepEqual(messages, []);
  await context.close();
});

test("the offer is introduced in German on a German page", async () => {
  const { context, points } = await visit("demo-cy", "de-DE");
  await points.locator(".offer").filter({ hasText: "Für dich: Double points on beans again" }).waitFor();
  await context.close();
});
