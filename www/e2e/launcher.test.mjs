// <treu-launcher> as a shopper uses it: keyboard only, in English and German.
// Screenshots of each widget state land in target/screenshots/ as build artifacts.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { before, test } from "node:test";
import { useHostAndBrowser, watchConsole } from "./harness.mjs";

const screenshots = new URL("../../target/screenshots/", import.meta.url);
before(() => mkdirSync(screenshots, { recursive: true }));
const running = useHostAndBrowser({ program: "www/e2e/program.json" });

/** The demo page in `locale`, with two mugs in the cart. */
async function demo(locale) {
  // Reduced motion: the panel appears without its animation, so screenshots are final.
  const page = await running.browser.newPage({ viewport: { width: 1100, height: 760 }, reducedMotion: "reduce" });
  await page.route(`${running.host.url}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('data-locale="en-IE"', `data-locale="${locale}"`);
    await route.fulfill({ response, body: html });
  });
  await page.goto(running.host.url);
  await page.evaluate(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 2 })));
  await page.reload();
  return page;
}

const focusedClass = (page) =>
  page.locator("treu-launcher").evaluate((el) => el.shadowRoot.activeElement?.className ?? null);

test("keyboard only: open, tab around inside, escape back to the button", async () => {
  const page = await demo("en-IE");
  const messages = watchConsole(page);
  const launcher = page.locator("treu-launcher");
  const button = launcher.locator(".button");
  await button.filter({ hasText: "Rewards" }).waitFor();
  await page.screenshot({ path: new URL("en-cart.png", screenshots).pathname });

  await button.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Rewards" });
  await dialog.waitFor();
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.equal(await focusedClass(page), "close");
  assert.equal(await launcher.locator(".rate").textContent(), "Earn 1 point for every €1.00 you spend.");
  assert.deepEqual(await launcher.locator(".redeem .item-label").allTextContents(), ["€5 off your order", "Free shipping"]);
  await page.screenshot({ path: new URL("en-launcher.png", screenshots).pathname });

  await page.keyboard.press("Tab");
  assert.equal(await focusedClass(page), "join");
  await page.keyboard.press("Tab");
  assert.equal(await focusedClass(page), "sign-in");
  await page.keyboard.press("Tab");
  assert.equal(await focusedClass(page), "close", "Tab wraps inside the dialog");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await focusedClass(page), "sign-in", "Shift+Tab wraps back");

  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.equal(await focusedClass(page), "button", "focus returns to the button");
  assert.deepEqual(messages, []);
  await page.close();
});

test("German shoppers get the launcher, the bar and the points line in German", async () => {
  const page = await demo("de-DE");
  const launcher = page.locator("treu-launcher");
  await launcher.locator(".button").filter({ hasText: "Prämien" }).waitFor();
  await page.locator("treu-shipping-bar").locator(".label").filter({ hasText: "Noch 25,00 € bis versandkostenfrei" }).waitFor();
  await page.locator("treu-points").locator(".text").filter({ hasText: "Als Mitglied 25 Punkte sammeln" }).waitFor();
  await page.screenshot({ path: new URL("de-cart.png", screenshots).pathname });
  await launcher.locator(".button").click();
  await page.getByRole("dialog", { name: "Prämien" }).waitFor();
  const rate = await launcher.locator(".rate").textContent();
  assert.equal(rate.replaceAll("\u00a0", " "), "Sammle 1 Punkt pro 1,00 € Einkaufswert.");
  assert.deepEqual(await launcher.locator(".earn .item-label").allTextContents(), [
    "Kundenkonto anlegen",
    "Newsletter abonnieren",
    "Bewertung schreiben",
  ]);
  await page.screenshot({ path: new URL("de-launcher.png", screenshots).pathname });

  await page.evaluate(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ grinder: 1 })));
  await page.reload();
  await page.locator("treu-shipping-bar").locator(".label").filter({ hasText: "Kostenloser Versand freigeschaltet" }).waitFor();
  await page.screenshot({ path: new URL("de-qualified.png", screenshots).pathname });
  await page.close();
});
