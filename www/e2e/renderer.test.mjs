// The widgets' renderer (pkg-template/treu_widgets.js) on the demo cart page:
// it updates a widget in place rather than rebuilding it, and a widget it
// cannot draw is reported as `treu:error` while the others paint and nothing
// is thrown into the page.

import assert from "node:assert/strict";
import { test } from "node:test";
import { useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser();

test("a cart change updates the shipping bar's own elements in place", async () => {
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  await page.goto(running.host.url);
  const label = page.locator("treu-shipping-bar").locator(".label");
  await label.filter({ hasText: "€50.00 to free shipping" }).waitFor();
  await page.evaluate(() => {
    const root = document.querySelector("treu-shipping-bar").shadowRoot;
    window.treuBarParts = [".label", ".track", ".fill"].map((selector) => root.querySelector(selector));
  });
  await page.click('[data-add="mug"]');
  await label.filter({ hasText: "€37.50 to free shipping" }).waitFor();
  const same = await page.evaluate(() => {
    const root = document.querySelector("treu-shipping-bar").shadowRoot;
    return [".label", ".track", ".fill"].map((selector, i) => root.querySelector(selector) === window.treuBarParts[i]);
  });
  assert.deepEqual(same, [true, true, true], "the label, track and fill are the ones first drawn");
  const fill = await page.evaluate(() =>
    document.querySelector("treu-shipping-bar").shadowRoot.querySelector(".fill").style.getPropertyValue("--treu-progress"),
  );
  assert.equal(fill, "0.250");
  assert.deepEqual(messages, []);
});

test("a widget the renderer cannot draw is reported as treu:error and the others paint", async () => {
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  // Another script on the page took <treu-points> first, with a closed shadow
  // root: treu cannot attach its own.
  await page.addInitScript(() => {
    window.treuErrors = [];
    document.addEventListener("treu:error", (event) => window.treuErrors.push(event.detail.message));
    new MutationObserver((_, observer) => {
      const points = document.querySelector("treu-points");
      if (!points) return;
      points.attachShadow({ mode: "closed" });
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(running.host.url);
  await page.locator("treu-shipping-bar").locator(".label").filter({ hasText: "€50.00 to free shipping" }).waitFor();
  await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "guest");
  await page.waitForFunction(() => window.treuErrors.length > 0);
  const errors = await page.evaluate(() => window.treuErrors);
  assert.match(errors[0], /shadow/i, errors[0]);
  // Later cart changes still reach the widgets that could be drawn.
  await page.click('[data-add="mug"]');
  await page.locator("treu-shipping-bar").locator(".label").filter({ hasText: "€37.50 to free shipping" }).waitFor();
  assert.deepEqual(
    messages.filter((message) => message.startsWith("pageerror")),
    [],
    "nothing was thrown into the page",
  );
});
