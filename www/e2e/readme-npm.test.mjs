// The npm README's theme snippet, run in Chromium against the seeded demo host
// as the package README shows it: only the shop's API URL and the package's
// location (a bundler resolves "treu"; the page imports the built file) are
// replaced, and the names the snippet leaves to the theme are defined.

import assert from "node:assert/strict";
import { test } from "node:test";
import { useHostAndBrowser, watchConsole } from "./harness.mjs";
import { snippet } from "./snippets.mjs";

const running = useHostAndBrowser({ seed: true, statics: ["/treu=dist"] });

test("pkg-template/README.md's npm snippet runs: init, setCart, events, redeem", async () => {
  const code = snippet("pkg-template/README.md", "js", "import { init } from \"treu\"")
    .replace('from "treu"', 'from "/treu/treu.js"')
    .replace("https://shop.example/apps/treu", running.host.url);
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  const module = `
    const customerToken = ${JSON.stringify(running.host.accounts["demo-ann"].token)};
    const badges = [];
    const updateHeaderBadge = (points) => badges.push(points);
    ${code}
    window.result = { code, badges };`;
  await page.route(`${running.host.url}/theme.html`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="de-DE"><body><treu-points></treu-points><script type="module">${module}</script></body></html>`,
    }),
  );
  await page.goto(`${running.host.url}/theme.html`);
  await page.waitForFunction(() => window.result);
  const result = await page.evaluate(() => window.result);
  assert.match(result.code, /^TREU-/);
  // The redemption's answer carries the new balance: treu:points-changed gave it to the badge.
  await page.waitForFunction(() => window.result.badges.length > 0);
  const badges = await page.evaluate(() => window.result.badges);
  assert.ok(badges.every(Number.isInteger), JSON.stringify(badges));
  assert.deepEqual(messages.filter((m) => !m.startsWith("log:")), []);
  await page.close();
});
