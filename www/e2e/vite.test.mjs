// The npm package in a bundler: www/vite-example imports `treu` from pkg/,
// Vite bundles it (the Wasm file becomes a hashed asset), and the built page
// works against the real host.

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { before, test } from "node:test";
import { useHostAndBrowser, watchConsole } from "./harness.mjs";

const built = new URL("../vite-example/dist/index.html", import.meta.url);
before(() => assert.ok(existsSync(built), "www/vite-example is built first (./x test does it)"));
const running = useHostAndBrowser({ program: "www/e2e/program.json", statics: ["/=www/vite-example/dist"] });

test("a Vite build of a theme that imports treu renders and follows its cart", async () => {
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  await page.goto(running.host.url);
  const label = page.locator("treu-shipping-bar").locator(".label");
  await label.filter({ hasText: "€50.00 to free shipping" }).waitFor();
  await page.click("#add");
  await label.filter({ hasText: "€37.50 to free shipping" }).waitFor();
  await page.waitForFunction(() => document.body.dataset.remaining === "3750");
  await page.locator("treu-points").locator(".text").filter({ hasText: "Earn 12 points as a member" }).waitFor();
  // The theme's custom property reached the shadow DOM.
  const accent = await page.locator("treu-shipping-bar").locator(".fill").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(accent, "rgb(91, 42, 134)");
  assert.deepEqual(messages, []);
  await page.close();
});
