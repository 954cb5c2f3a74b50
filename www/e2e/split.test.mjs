// The storefront's two Wasm modules (pkg-template/treu.js): the first paint's
// (treu_paint_bg.wasm) paints the widgets alone; the later module
// (treu_wasm_bg.wasm: the member's sync, redemptions, the outbox) is
// fetched only after that, once the page is idle or on the shopper's first
// interaction. A panel opened, or a command issued, before it arrives is
// served once it does.

import assert from "node:assert/strict";
import { test } from "node:test";
import { GROUPS, measure } from "../../scripts/weight.mjs";
import { treuFile, treuFileRoute, useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser({ program: "www/e2e/program.json" });
const LATER = "treu_wasm_bg.wasm";
const PAINT = "treu_paint_bg.wasm";
const PANEL = "treu_panel.js";

/**
 * The demo page with two mugs in the cart, the later module held back until
 * `release()`. `neverIdle` makes the page never idle, so only an interaction
 * can ask for the later module. `requested` lists treu's files in the order
 * the page asked for them; `asked` resolves once the later module is asked
 * for, and `shownWhenAsked` is then the shipping bar's text at that moment.
 * `listen` runs in the page before any of its scripts; `missing` answers the
 * later module with a 404.
 */
async function demo({ neverIdle = false, listen, missing = false } = {}) {
  const page = await running.browser.newPage({ reducedMotion: "reduce" });
  if (neverIdle) await page.addInitScript(() => (window.requestIdleCallback = () => 0));
  if (listen) await page.addInitScript(listen);
  const state = { page, requested: [], shownWhenAsked: undefined, messages: watchConsole(page) };
  page.on("request", (request) => {
    const file = treuFile(request.url());
    if (file.startsWith("treu")) state.requested.push(file);
  });
  let release, asked;
  const released = new Promise((resolve) => (release = resolve));
  state.release = release;
  state.asked = new Promise((resolve) => (asked = resolve));
  await page.route(treuFileRoute(LATER), async (route) => {
    state.shownWhenAsked = await page.evaluate(
      () => document.querySelector("treu-shipping-bar")?.shadowRoot?.querySelector(".label")?.textContent ?? "",
    );
    asked();
    if (missing) return route.fulfill({ status: 404, body: "" });
    await released;
    await route.continue();
  });
  await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 2 })));
  // The same cart handed over before treu loads, as a theme does (the
  // README's queue): the widgets paint with it however late the demo's own
  // script runs, so "painted" means the bar's text.
  await page.addInitScript(() => {
    const cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 2, unitPrice: 1250 }] };
    window.treu = { q: [["setCart", cart]], setCart: (...args) => window.treu.q.push(["setCart", ...args]) };
  });
  await page.goto(running.host.url);
  return state;
}

const BAR = "€25.00 to free shipping";

test("the later module is fetched at idle, after the widgets painted; a panel opened before it arrives opens and fills", async () => {
  const split = await demo();
  const { page, requested, release, messages } = split;
  await page.locator("treu-shipping-bar .label").filter({ hasText: BAR }).waitFor();
  await split.asked;
  assert.match(split.shownWhenAsked, new RegExp(BAR), "the bar was painted before");
  assert.ok(requested.indexOf("treu_paint_bg.wasm") < requested.indexOf(LATER));

  // Opened while the later module is held back: the dialog opens at once.
  const launcher = page.locator("treu-launcher");
  await launcher.locator(".button").filter({ hasText: "Rewards" }).click();
  await page.getByRole("dialog", { name: "Rewards" }).waitFor();
  assert.equal(await launcher.locator(".rate").count(), 0, "the panel's content comes with the later module");
  // A command issued now waits for the later module rather than failing.
  const redeemed = page.evaluate(() => window.treu.redeem("five-off").then(() => "redeemed", (error) => error.message));

  release();
  assert.equal(await launcher.locator(".rate").textContent(), "Earn 1 point for every €1.00 you spend.");
  assert.equal(await redeemed, "redeem: no customer is signed in", "served by the later module");
  assert.equal(await page.getByRole("dialog", { name: "Rewards" }).isVisible(), true, "the panel stayed open");
  assert.equal(requested.filter((file) => file === LATER).length, 1);
  assert.deepEqual(messages, []);
  await page.close();
});

test("without an idle moment, the later module waits for the first interaction", async () => {
  const { page, requested, release, messages } = await demo({ neverIdle: true });
  release();
  await page.locator("treu-shipping-bar .label").filter({ hasText: BAR }).waitFor();
  await page.evaluate(() => window.treu.ready);
  // A task after the first paint and the program's sync: still not asked for.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
  assert.equal(requested.includes(LATER), false, `asked for: ${requested.join(", ")}`);
  assert.equal(await page.locator("treu-launcher .rate").count(), 0);

  // The panel's renderer is not on the first paint's path either.
  assert.equal(requested.includes(PANEL), false, `asked for: ${requested.join(", ")}`);

  await page.locator("treu-launcher .button").click();
  assert.equal(
    await page.locator("treu-launcher .rate").textContent(),
    "Earn 1 point for every €1.00 you spend.",
  );
  assert.ok(requested.includes(LATER));
  assert.equal(requested.filter((file) => file === PANEL).length, 1);
  assert.deepEqual(messages, []);
  await page.close();
});

test("listeners of the first paint's events call back into window.treu before the later module arrives", async () => {
  const { page, release, messages } = await demo({
    listen: () => {
      const seen = (window.treuSeen = {});
      const answers = (window.treuAnswers = []);
      for (const name of ["ready", "quote", "error"]) {
        document.addEventListener(`treu:${name}`, () => {
          const count = (seen[name] = (seen[name] ?? 0) + 1);
          if (count > 3) return;
          // A quote listener's setCart sends the next quote at once, inside this one.
          window.treu.setCart({ currency: "EUR", lines: [{ productId: "mug", quantity: count + 1, unitPrice: 1250 }] });
          if (count > 1) return;
          window.treu.refresh();
          window.treu.redeem("five-off").catch((error) => answers.push(error.message));
          window.treu.action("newsletter").catch((error) => answers.push(error.message));
        });
      }
    },
  });
  await page.waitForFunction(() => window.treuSeen.ready && window.treuSeen.quote);
  await page.evaluate(() => window.treu.setCart({ currency: "EUR", lines: "not a list" }));
  await page.waitForFunction(() => window.treuSeen.error);
  assert.deepEqual(await page.evaluate(() => window.treuAnswers), [], "redeem and action wait for the later module");
  release();
  await page.waitForFunction(() => window.treuAnswers.length === 6);
  const answers = await page.evaluate(() => window.treuAnswers.sort());
  assert.deepEqual([...new Set(answers)], [
    "action: only a signed-in customer can report actions",
    "redeem: no customer is signed in",
  ]);
  await page.locator("treu-shipping-bar .label").filter({ hasText: "free shipping" }).waitFor();
  assert.deepEqual(messages.filter((message) => /^(error|pageerror)/.test(message)), []);
  await page.close();
});

test("when the later module cannot be loaded, the first paint stays and redeem says why", async () => {
  const split = await demo({ missing: true });
  const { page, messages } = split;
  await split.asked;
  const answer = await page.evaluate(() => window.treu.redeem("five-off").then(() => "redeemed", (error) => error.message));
  assert.equal(answer, "treu: the member's part could not be loaded");
  await page.locator("treu-shipping-bar .label").filter({ hasText: BAR }).waitFor();
  assert.equal(await page.locator("treu-launcher").getAttribute("data-state"), "guest");
  const warnings = messages.filter((message) => message.startsWith("warning: treu:"));
  assert.equal(warnings.length, 1, messages.join("\n"));
  assert.deepEqual(messages.filter((message) => message.startsWith("pageerror")), []);
  await page.close();
});

test("a page idle while its program is on its way asks for the later module only after the widgets painted", async () => {
  const page = await running.browser.newPage({ reducedMotion: "reduce" });
  const messages = watchConsole(page);
  const requested = [];
  page.on("request", (request) => {
    const file = treuFile(request.url());
    if (file.startsWith("treu")) requested.push(file);
  });
  let release, asked;
  const released = new Promise((resolve) => (release = resolve));
  const programAsked = new Promise((resolve) => (asked = resolve));
  await page.route("**/v1/program", async (route) => {
    asked();
    await released;
    await route.continue();
  });
  let shownWhenAsked;
  const laterAsked = new Promise((resolve) =>
    page.route(treuFileRoute(LATER), async (route) => {
      shownWhenAsked = await page.evaluate(
        () => document.querySelector("treu-shipping-bar")?.shadowRoot?.querySelector(".label")?.textContent ?? "",
      );
      resolve();
      await route.continue();
    }),
  );
  await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 2 })));
  await page.goto(running.host.url);
  await programAsked;
  // An idle period passes while the program is held back (idle callbacks run
  // in the order they were asked for, so any treu asked for has run).
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  assert.equal(requested.includes(LATER), false, `asked for: ${requested.join(", ")}`);

  release();
  // Then at idle, once, after the bar painted.
  await laterAsked;
  assert.match(shownWhenAsked, new RegExp(BAR));
  assert.equal(requested.filter((file) => file === LATER).length, 1);
  assert.deepEqual(messages, []);
  await page.close();
});

test("the program is fetched while the first paint's module is on its way, and cached for the next page view", async () => {
  const page = await running.browser.newPage({ reducedMotion: "reduce" });
  const messages = watchConsole(page);
  let programAsked;
  const asked = new Promise((resolve) => (programAsked = resolve));
  page.on("request", (request) => new URL(request.url()).pathname.endsWith("/v1/program") && programAsked(true));
  // The module is held until the program is asked for (or five seconds pass,
  // which only a loader that waits for the module before fetching needs).
  let askedFirst;
  await page.route(treuFileRoute(PAINT), async (route) => {
    askedFirst = await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 5000, false))]);
    await route.continue();
  });
  await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 2 })));
  await page.goto(running.host.url);
  await page.locator("treu-shipping-bar .label").filter({ hasText: BAR }).waitFor();
  assert.equal(askedFirst, true, "the program was asked for before the module arrived");
  const cached = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith("treu:v1:program:"))
      .map((key) => JSON.parse(localStorage.getItem(key))),
  );
  assert.equal(cached.length, 1, "one program cached");
  assert.equal(JSON.stringify(cached[0]).includes("five-off"), true);
  assert.deepEqual(messages, []);
  await page.close();
});

test("the next page view asks for the program again, and the host sends none the browser holds", async () => {
  const page = await running.browser.newPage({ reducedMotion: "reduce" });
  const messages = watchConsole(page);
  await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 2 })));
  const laterModule = () =>
    page.waitForFunction(() => performance.getEntriesByType("resource").some((entry) => entry.name.includes("/treu_wasm_bg.")));
  await page.goto(running.host.url);
  await laterModule();
  const held = [];
  page.on("request", async (request) => {
    if (new URL(request.url()).pathname.endsWith("/v1/program")) held.push((await request.allHeaders())["if-none-match"]);
  });
  await page.reload();
  await page.locator("treu-shipping-bar .label").filter({ hasText: BAR }).waitFor();
  await laterModule();
  // The loader's request and the later module's sync. A revalidated answer's
  // transfer is its headers alone: Resource Timing's transferSize is below
  // the body's encodedBodySize (a body sent would add to it).
  const programs = await page.waitForFunction(() => {
    const entries = performance.getEntriesByType("resource").filter((entry) => entry.name.endsWith("/v1/program"));
    return entries.length >= 2 && entries.map(({ transferSize, encodedBodySize }) => ({ transferSize, encodedBodySize }));
  });
  for (const { transferSize, encodedBodySize } of await programs.jsonValue()) {
    assert.ok(transferSize > 0 && transferSize < encodedBodySize, `transferred ${transferSize} bytes of a ${encodedBodySize}-byte program`);
  }
  assert.ok(held.length >= 2 && held.every((tag) => /^W\/"program-\d+-[0-9a-f]{16}"$/.test(tag ?? "")), `If-None-Match: ${held}`);
  assert.deepEqual(messages, []);
  await page.close();
});

test("a page downloads each of treu's files as dist/ holds it compressed, and nothing outside the storefront", async () => {
  const sizes = measure();
  const page = await running.browser.newPage({ reducedMotion: "reduce" });
  const messages = watchConsole(page);
  await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 2 })));
  await page.goto(running.host.url);
  await page.locator("treu-shipping-bar .label").filter({ hasText: BAR }).waitFor();
  // The later module and the panel's renderer come at idle.
  await page.waitForFunction(
    (files) => files.every((file) => performance.getEntriesByType("resource").some((entry) => entry.name.includes(file))),
    ["/treu_wasm_bg.", "/treu_panel."],
  );
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((entry) => new URL(entry.name).pathname.startsWith("/treu/"))
      .map(({ name, encodedBodySize, decodedBodySize }) => ({ name, encodedBodySize, decodedBodySize })),
  );
  const downloaded = Object.fromEntries(entries.map((entry) => [treuFile(entry.name), entry]));
  assert.deepEqual(Object.keys(downloaded).sort(), [...GROUPS["whole storefront"]].sort());
  // Chromium accepts brotli: each file came as its .br copy, which is what
  // scripts/weight.mjs counts, and unpacked to the file itself.
  for (const [file, { encodedBodySize, decodedBodySize }] of Object.entries(downloaded)) {
    assert.deepEqual({ file, encodedBodySize, decodedBodySize }, { file, encodedBodySize: sizes[file].brotli, decodedBodySize: sizes[file].raw });
  }
  assert.deepEqual(messages, []);
  await page.close();
});
