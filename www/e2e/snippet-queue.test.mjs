// The generic platform's cart snippet, pasted as README.md and the npm
// package's README show it: it works whether it comes before or after treu's
// async module tag, or after treu has loaded, because treu replays the calls
// queued before it loaded, in order.

import assert from "node:assert/strict";
import { test } from "node:test";
import { useHostAndBrowser, watchConsole } from "./harness.mjs";
import { snippet } from "./snippets.mjs";

const running = useHostAndBrowser({ program: "www/e2e/program.json", statics: ["/treu=dist"] });

const SNIPPETS = {
  "README.md": snippet("README.md", "html", "this.q.push"),
  "pkg-template/README.md": snippet("pkg-template/README.md", "html", "this.q.push"),
};

const tag = () =>
  `<script type="module" async src="/treu/treu.js" data-api="${running.host.url}" data-locale="en-IE" data-currency="EUR" data-launcher="off"></script>`;

/** A page of the host's origin whose body is `body`; resolves to its shipping bar's label. */
async function open(body) {
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  await page.route(`${running.host.url}/shop.html`, (route) =>
    route.fulfill({ contentType: "text/html", body: `<!doctype html><html lang="en-IE"><body><treu-shipping-bar></treu-shipping-bar>${body}</body></html>` }),
  );
  await page.goto(`${running.host.url}/shop.html`);
  return { page, messages, label: page.locator("treu-shipping-bar").locator(".label") };
}

for (const [file, code] of Object.entries(SNIPPETS)) {
  for (const [where, body] of [
    ["before the module tag", () => code + tag()],
    ["after the module tag", () => tag() + code],
  ]) {
    test(`${file}'s cart snippet ${where} shows its cart`, async () => {
      const { page, messages, label } = await open(body());
      // 2 × €24.90 against a €50.00 threshold.
      await label.filter({ hasText: "€0.20 to free shipping" }).waitFor();
      assert.equal(await page.evaluate(() => typeof window.treu.ready?.then), "function", "window.treu is the handle");
      assert.deepEqual(messages, []);
      await page.close();
    });
  }
}

test("the snippet run after treu has loaded calls the handle directly", async () => {
  const { page, messages, label } = await open(tag());
  await page.waitForFunction(() => window.treu?.ready);
  await page.evaluate(() => window.treu.ready);
  await page.addScriptTag({ content: /<script>([\s\S]*)<\/script>/.exec(SNIPPETS["README.md"])[1] });
  await label.filter({ hasText: "€0.20 to free shipping" }).waitFor();
  assert.deepEqual(messages, []);
  await page.close();
});

test("a plain array queue is replayed in order, and a stub kept in a variable forwards later calls", async () => {
  const cart = (quantity) => ({ currency: "EUR", lines: [{ productId: "mug", quantity, unitPrice: 1000 }] });
  const queued = `<script>
    window.treu = [["setCart", ${JSON.stringify(cart(1))}], ["setCart", ${JSON.stringify(cart(2))}]];
    window.kept = window.treu;
  </script>`;
  const { page, messages, label } = await open(queued + tag());
  // The later call wins: 2 × €10.00 leaves €30.00.
  await label.filter({ hasText: "€30.00 to free shipping" }).waitFor();
  await page.evaluate((cart) => window.kept.push(["setCart", cart]), cart(4));
  await label.filter({ hasText: "€10.00 to free shipping" }).waitFor();
  assert.deepEqual(messages, []);
  await page.close();
});

test("an unknown queued method is reported as treu:error, and the rest still runs", async () => {
  const { page, label } = await open(
    `<script>
      window.errors = [];
      document.addEventListener("treu:error", (event) => window.errors.push(event.detail.message));
      window.treu = { q: [["explode"], ["setCart", { currency: "EUR", lines: [{ productId: "mug", quantity: 3, unitPrice: 1000 }] }]] };
    </script>` + tag(),
  );
  await label.filter({ hasText: "€20.00 to free shipping" }).waitFor();
  assert.match((await page.evaluate(() => window.errors))[0], /"explode" is not one of setCart/);
  await page.close();
});
