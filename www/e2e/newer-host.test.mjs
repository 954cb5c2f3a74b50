// A page whose storefront is older than its host: the host's program and the
// member's `quoteCustomer` carry fields this storefront does not know. The
// storefront reads them leniently and the widgets work as usual; the npm
// engine entry (`validateProgram`, `quote`) stays strict and names the field.

import assert from "node:assert/strict";
import { test } from "node:test";
import { signIn, useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser({ seed: true });

/** Adds fields a newer host might send to `GET /v1/program` and `GET /v1/me`. */
async function newerHost(page) {
  await page.route("**/v1/program", async (route) => {
    const response = await route.fetch();
    const program = await response.json();
    program.loyaltyCardDesign = { color: "gold" };
    program.freeShipping.celebration = "confetti";
    program.redemptions[0].giftWrap = true;
    await route.fulfill({ response, json: program });
  });
  await page.route("**/v1/me?**", async (route) => {
    const response = await route.fetch();
    const me = await response.json();
    me.quoteCustomer.favouriteColour = "teal";
    me.newerThing = [1, 2, 3];
    await route.fulfill({ response, json: me });
  });
}

test("a newer host's extra fields are read: the widgets paint and nothing is reported", async () => {
  const context = await running.browser.newContext();
  const page = await context.newPage();
  const messages = watchConsole(page);
  await signIn(page, running.host.accounts["demo-ann"]);
  await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 2 })));
  await page.addInitScript(() => {
    window.treuErrors = [];
    document.addEventListener("treu:error", (event) => window.treuErrors.push(event.detail.message));
  });
  await newerHost(page);
  await page.goto(running.host.url);
  await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "member");
  await page.locator("treu-points").locator(".text").filter({ hasText: "This order earns" }).waitFor();
  await page.waitForFunction(() => ["progress", "qualified"].includes(document.querySelector("treu-shipping-bar")?.dataset.state));
  // The next page view paints from what this one cached.
  await page.reload();
  await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "member");
  assert.deepEqual(await page.evaluate(() => window.treuErrors), []);
  assert.deepEqual(messages, []);

  // The engine entry is strict: a theme developer's typo is named with its path.
  const rejected = await page.evaluate(async () => {
    const { validateProgram } = await import(document.querySelector("script[data-api][src$='treu.js']").src);
    const program = await (await fetch("/v1/program")).json();
    return validateProgram(program).then(
      () => "accepted",
      (error) => error.errors.map((problem) => problem.path),
    );
  });
  assert.ok(Array.isArray(rejected) && rejected.length > 0, JSON.stringify(rejected));
  for (const path of rejected) {
    assert.match(path, /^program\.(loyaltyCardDesign|freeShipping\.celebration|redemptions\[0\]\.giftWrap)$/);
  }
  await context.close();
});
