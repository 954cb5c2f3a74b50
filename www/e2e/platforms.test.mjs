// data-platform="shopify" and "woocommerce": treu reads the platform's own
// cart API and follows the theme's cart changes without a page reload. The
// platform itself is played by a small in-test stand-in that answers with the
// documented response shapes (recorded under tests/fixtures/platforms/).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { useHostAndBrowser, watchConsole } from "./harness.mjs";

const recorded = (name) =>
  JSON.parse(readFileSync(new URL(`../../tests/fixtures/platforms/${name}`, import.meta.url), "utf8"));

const running = useHostAndBrowser({ program: "www/e2e/program.json" });

/** A theme page on `platform` whose buttons change the cart the way themes do (fetch to the cart API),
 * as rendered for a guest (an empty data-token-url: no customer token to fetch). */
function themePage(platform, head = "") {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}
    <script type="module" async src="/treu/treu.js" data-api="/" data-platform="${platform}" data-token-url=""></script></head>
    <body><treu-shipping-bar></treu-shipping-bar><treu-points></treu-points>
    <button id="add">Add</button>
    <script>
      document.getElementById("add").addEventListener("click", () => {
        const url = ${platform === "shopify" ? '"/cart/add.js"' : '"/wp-json/wc/store/v1/cart/add-item"'};
        fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      });
    </script></body></html>`;
}

test("shopify: reads /cart.js and follows /cart/add.js", async () => {
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  const cart = recorded("shopify-cart.json");
  cart.items = cart.items.slice(0, 1); // two mugs at €10.00 after the line discount
  await page.route(`${running.host.url}/shop`, (route) => route.fulfill({ contentType: "text/html", body: themePage("shopify") }));
  await page.route(`${running.host.url}/cart.js`, (route) => route.fulfill({ json: cart }));
  await page.route(`${running.host.url}/cart/add.js`, (route) => {
    cart.items[0] = { ...cart.items[0], quantity: cart.items[0].quantity + 1 };
    return route.fulfill({ json: cart.items[0] });
  });
  await page.goto(`${running.host.url}/shop`);
  const label = page.locator("treu-shipping-bar").locator(".label");
  await label.filter({ hasText: "€30.00 to free shipping" }).waitFor();
  await page.click("#add");
  await label.filter({ hasText: "€20.00 to free shipping" }).waitFor();
  await page.locator("treu-points").locator(".text").filter({ hasText: "30 points" }).waitFor();
  assert.deepEqual(messages, []);
  await page.close();
});

test("woocommerce: finds the Store API through the REST link and follows add-item", async () => {
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  const cart = recorded("woocommerce-cart.json");
  const head = `<link rel="https://api.w.org/" href="${running.host.url}/wp-json/">`;
  await page.route(`${running.host.url}/shop`, (route) =>
    route.fulfill({ contentType: "text/html", body: themePage("woocommerce", head) }),
  );
  await page.route(`${running.host.url}/wp-json/wc/store/v1/cart`, (route) => route.fulfill({ json: cart }));
  await page.route(`${running.host.url}/wp-json/wc/store/v1/cart/add-item`, (route) => {
    cart.items[1] = { ...cart.items[1], quantity: cart.items[1].quantity + 1 };
    return route.fulfill({ json: cart });
  });
  await page.goto(`${running.host.url}/shop`);
  const label = page.locator("treu-shipping-bar").locator(".label");
  // 2 × €10.00 + 1 × €24.90 = €44.90 → €5.10 to go.
  await label.filter({ hasText: "€5.10 to free shipping" }).waitFor();
  await page.click("#add");
  await label.filter({ hasText: "Free shipping unlocked" }).waitFor();
  assert.deepEqual(messages, []);
  await page.close();
});
