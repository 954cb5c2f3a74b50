// The READMEs' runnable snippets in Chromium against the seeded demo host, as
// they are printed: the merchant's script tag (README.md), the theme
// developer's init/setCart/events/redeem and the quote/validateProgram preview
// (pkg-template/README.md). Only the addresses (the shop's API, where the
// package is served), the token a shop backend signs and the names a snippet
// leaves to the theme are filled in.

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

/** Serves `body` as a page of the host's origin and opens it. */
async function openPage(body) {
  const page = await running.browser.newPage();
  const messages = watchConsole(page);
  await page.route(`${running.host.url}/snippet.html`, (route) => route.fulfill({ contentType: "text/html", body }));
  await page.goto(`${running.host.url}/snippet.html`);
  return { page, messages };
}

test("README.md's merchant script tag runs: a member's balance shows in <treu-points show=\"balance\">", async () => {
  // Only the addresses and the token a shop backend would sign are filled in.
  const tag = snippet("README.md", "html", "data-api=")
    .replace("https://assets.example/treu/treu.js", "/treu/treu.js")
    .replace("https://shop.example/apps/treu", running.host.url)
    .replace(/data-customer-token="[^"]*"/, `data-customer-token="${running.host.accounts["demo-ann"].token}"`);
  const { page, messages } = await openPage(
    `<!doctype html><html lang="de-DE"><head>${tag}</head><body><treu-points show="balance"></treu-points></body></html>`,
  );
  const shown = () => document.querySelector("treu-points")?.shadowRoot?.querySelector(".text")?.textContent ?? "";
  await page.waitForFunction(
    () => /\d/.test(document.querySelector("treu-points")?.shadowRoot?.querySelector(".text")?.textContent ?? ""),
  );
  const text = await page.evaluate(shown);
  assert.match(text, /Punkte/, text);
  assert.deepEqual(messages.filter((m) => !m.startsWith("log:")), []);
  await page.close();
});

test("pkg-template/README.md's quote and validateProgram snippet runs in Chromium and prints what its comments say", async () => {
  const code = snippet("pkg-template/README.md", "js", "await quote(").replace('from "treu"', 'from "/treu/treu.js"');
  const { page, messages } = await openPage(
    `<!doctype html><html><body><script type="module">${code}\nwindow.done = true;</script></body></html>`,
  );
  await page.waitForFunction(() => window.done);
  assert.deepEqual(messages, ["log: 49", "log: program.redemptions[0].points"]);
  await page.close();
});
