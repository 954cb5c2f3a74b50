// The thin slice, as a shopper tries it: the demo cart page with the merchant's
// script tag, the real host serving the program from SQLite, and the shipping
// bar following the cart as items are added and removed.

import assert from "node:assert/strict";
import { after, test } from "node:test";
import { useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser();

after(() => assert.equal(running.exitCode, 0, "treu-host exits cleanly on SIGTERM"));

test("the shipping bar follows the cart to free shipping and back", async () => {
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  await page.goto(running.host.url);
  const bar = page.getByRole("progressbar");
  const label = page.locator("treu-shipping-bar").locator(".label");

  // Empty cart: the whole threshold (€50.00 in the demo program) remains.
  await assert.doesNotReject(label.filter({ hasText: "€50.00 to free shipping" }).waitFor());
  assert.equal(await bar.getAttribute("aria-valuemin"), "0");
  assert.equal(await bar.getAttribute("aria-valuemax"), "5000");
  assert.equal(await bar.getAttribute("aria-valuenow"), "0");

  // Two mugs (2 × €12.50): €25.00 counts, €25.00 remains.
  await page.click('[data-add="mug"]');
  await page.click('[data-add="mug"]');
  await label.filter({ hasText: "€25.00 to free shipping" }).waitFor();
  assert.equal(await bar.getAttribute("aria-valuenow"), "2500");

  // Gift wrap is excluded and gift cards never count: still €25.00 to go.
  await page.click('[data-add="gift-wrap"]');
  await page.click('[data-add="gift-card"]');
  await page.waitForFunction(() => document.querySelector("#cart-lines").children.length === 3);
  assert.equal(await label.textContent(), "€25.00 to free shipping");
  assert.equal(await bar.getAttribute("aria-valuenow"), "2500");

  // Espresso beans (€24.90): €0.10 short.
  await page.click('[data-add="espresso-beans"]');
  await label.filter({ hasText: "€0.10 to free shipping" }).waitFor();
  assert.equal(await bar.getAttribute("aria-valuenow"), "4990");

  // Filter roast pushes it over: qualified, bar full, value capped at the threshold.
  await page.click('[data-add="filter-beans"]');
  await label.filter({ hasText: "Free shipping unlocked" }).waitFor();
  assert.equal(await bar.getAttribute("aria-valuenow"), "5000");
  assert.equal(await page.locator("treu-shipping-bar").getAttribute("data-state"), "qualified");

  // Removing the filter roast drops back below the threshold.
  await page.click('[data-remove="filter-beans"]');
  await label.filter({ hasText: "€0.10 to free shipping" }).waitFor();

  assert.deepEqual(messages.filter((m) => !m.startsWith("debug")), [], "no console noise, no page errors");
  await page.close();
});

test("German shoppers read German, with German money formatting", async () => {
  const page = await running.browser.newPage();
  await page.goto(running.host.url);
  // Switch the merchant's tag to de-DE before treu starts.
  await page.route("**/", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('data-locale="en-IE"', 'data-locale="de-DE"');
    await route.fulfill({ response, body: html });
  });
  await page.evaluate(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 1 })));
  await page.reload();
  const label = page.locator("treu-shipping-bar").locator(".label");
  await label.filter({ hasText: "Noch 37,50 € bis versandkostenfrei" }).waitFor();
  await page.close();
});

test("the host serves the program from its database", async () => {
  const response = await fetch(`${running.host.url}/v1/program`);
  assert.equal(response.status, 200);
  const program = await response.json();
  assert.equal(program.version, 1);
  assert.deepEqual(program.freeShipping.thresholds[0], { currency: "EUR", minimum: 5000 });
});

test("the module's quote() is the engine, with errors that name each field", async () => {
  const page = await running.browser.newPage();
  await page.goto(running.host.url);
  const result = await page.evaluate(async () => {
    const { quote, validateProgram } = await import("/treu/treu.js");
    const program = {
      version: 1,
      currency: "EUR",
      earning: { rates: [{ currency: "EUR", points: 1, per: 100 }] },
      freeShipping: { thresholds: [{ currency: "EUR", minimum: 5000 }] },
    };
    const cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 1, unitPrice: 4599 }] };
    const quoted = await quote(program, cart, null, "2026-06-01T12:00:00Z");
    const invalid = await quote(program, { currency: "EUR", lines: [{ productId: "", quantity: 0, unitPrice: 1 }] })
      .catch((error) => ({ name: error.name, errors: error.errors }));
    const badProgram = await validateProgram({ version: 2, currency: "EUR" }).catch((error) => error.errors);
    // The program read for one call is reused only while it is the same program.
    program.earning.rates[0].points = 2;
    const doubled = await quote(program, cart, null, "2026-06-01T12:00:00Z");
    program.earning.rates[0].points = 1;
    const again = await quote(program, cart, null, "2026-06-01T12:00:00Z");
    const broken = await quote({ ...program, currency: "EURO" }, cart).catch((error) => error.errors);
    return { quoted, invalid, badProgram, doubled, again, broken };
  });
  assert.equal(result.quoted.earn.total, 45, "1 point per €1.00 of €45.99");
  assert.equal(result.quoted.freeShipping.remaining, 401);
  assert.deepEqual(result.quoted.nextIncentive, { kind: "freeShipping", spendNeeded: 401 });
  assert.equal(result.invalid.name, "TreuInputError");
  assert.deepEqual(result.invalid.errors.map((e) => e.path), ["cart.lines[0].productId", "cart.lines[0].quantity"]);
  assert.deepEqual(result.badProgram.map((e) => e.path), ["program.version"]);
  assert.equal(result.doubled.earn.total, 91, "2 points per €1.00 of €45.99, rounded down");
  assert.equal(result.again.earn.total, 45);
  assert.deepEqual(result.broken.map((e) => e.path), ["program.currency"]);
  await page.close();
});
