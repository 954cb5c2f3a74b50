// Client faults in Chromium against the real host, through a loopback proxy
// that fails on purpose (fault-proxy.mjs): 500s, the connection dropped after
// the host acted, an answer slower than the storefront's request timeout, the
// API unreachable, navigation with a redemption queued, and two tabs. Each
// time: no uncaught error on the page, the widgets keep the cached member
// view, and every queued action and redemption is in the host's ledger
// exactly once when the API answers again. (outbox.test.mjs covers a host
// that is stopped and started again.)
//
// As in a real shop, the storefront and the API are two origins: a host
// serving the demo shop, and another as the API (with CORS) behind the proxy.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startFaultProxy } from "./fault-proxy.mjs";
import {
  launchBrowser,
  mintToken,
  ours,
  sendOrderWebhook,
  startHost,
  treuFileRoute,
  watchConsole,
  writeUncappedNewsletterProgram,
} from "./harness.mjs";

const SECRET = "faults-e2e-shop-secret";
const dir = mkdtempSync(join(tmpdir(), "treu-faults-"));
const running = {};

// Newsletter sign-ups earn every time, so a second delivery would show as a second earn.
const programPath = writeUncappedNewsletterProgram(dir);

before(async () => {
  running.shop = await startHost({ env: { TREU_SHOP_SECRET: SECRET } });
  running.api = await startHost({
    program: programPath,
    statics: [],
    dir,
    env: { TREU_SHOP_SECRET: SECRET, TREU_ALLOWED_ORIGINS: running.shop.url, TREU_RATE_LIMIT: "0" },
  });
  running.proxy = await startFaultProxy(running.api.url);
  running.browser = await launchBrowser();
});

after(async () => {
  await running.browser?.close();
  await running.proxy?.stop();
  await running.api?.stop();
  await running.shop?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A member with 1,000 points from a paid order, and their token. */
let members = 0;
async function member() {
  members += 1;
  const id = `faults-${members}`;
  const order = {
    id: `order-${id}`,
    customerId: id,
    total: 100_000,
    placedAt: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, "Z"),
    cart: { currency: "EUR", lines: [{ productId: "beans", quantity: 1, unitPrice: 100_000 }] },
  };
  const paid = await sendOrderWebhook(running.api.url, { id: `paid-${id}`, type: "order.paid", order }, { secret: SECRET });
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  return mintToken(id, { secret: SECRET, name: `Member ${members}` });
}

/** A browser profile; both origins are loopback, which the shopper has allowed (Local Network Access). */
function newContext() {
  return running.browser.newContext({ permissions: ["local-network-access"] });
}

/**
 * A page of the demo shop signed in as `token`, its API behind the proxy; `path`
 * below the shop. With `holdLater` (a promise), the storefront's later module
 * (the member's session) is answered only once it resolves.
 */
async function openShop(context, token, path = "/", { holdLater } = {}) {
  const page = await context.newPage();
  const messages = watchConsole(page);
  if (holdLater) {
    await page.route(treuFileRoute("treu_wasm_bg.wasm"), async (route) => {
      await holdLater;
      await route.continue();
    });
  }
  await page.route(
    (url) => url.origin === running.shop.url && (url.pathname === "/" || url.pathname.endsWith(".html")),
    async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        'data-api="/"',
        `data-api="${running.proxy.url}" data-customer-token="${token}"`,
      );
      await route.fulfill({ response, body: html });
    },
  );
  await page.goto(`${running.shop.url}${path}`);
  await page.waitForFunction(() => window.treu?.ready);
  await page.evaluate(() => window.treu.ready);
  return { page, messages };
}

/** The member's ledger as the host has it (asked directly, not through the proxy). */
async function ledger(token) {
  const response = await fetch(`${running.api.url}/v1/me?limit=100`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  const { history } = await response.json();
  return {
    newsletters: history.entries.filter((entry) => entry.type === "earn" && entry.change.rule === "action:newsletter").length,
    redemptions: history.entries.filter((entry) => entry.type === "redeem").length,
  };
}

/** Entries still in the outbox of the page's origin. */
const queued = (page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("treu:v1:outbox:")).length);

/** Starts `treu.action("newsletter")` and `treu.redeem(option)` on the page; their outcomes land in `window.outcomes`. */
function send(page, { action = true, redeem = null } = {}) {
  return page.evaluate(
    ({ action, redeem }) => {
      window.outcomes = {};
      const settle = (name, promise) =>
        promise.then(
          (answer) => (window.outcomes[name] = { ok: answer }),
          (error) => (window.outcomes[name] = { error: String(error?.message ?? error) }),
        );
      if (action) settle("action", window.treu.action("newsletter"));
      if (redeem) settle("redeem", window.treu.redeem(redeem));
    },
    { action, redeem },
  );
}

/** Waits for the outcomes `send` started; rejects if one failed. */
async function outcomes(page, names) {
  await page.waitForFunction((names) => names.every((name) => window.outcomes?.[name]), names, { timeout: 90_000 });
  const result = await page.evaluate(() => window.outcomes);
  for (const name of names) assert.ok(result[name].ok, `${name}: ${JSON.stringify(result[name])}`);
  return result;
}

/** The requests to `request` the proxy saw, for the assertions on retries. */
const seen = (request) => running.proxy.log.filter((entry) => entry.request === request);

test("500s, from the host's proxy and after the host acted: an action and a redemption are recorded once", async () => {
  const token = await member();
  const context = await newContext();
  const { page, messages } = await openShop(context, token);
  const before = running.proxy.log.length;
  running.proxy.plan("POST", "/v1/actions", ["500", "500-after"]);
  running.proxy.plan("POST", "/v1/redemptions", ["500-after"]);
  await send(page, { redeem: "free-shipping" });
  const result = await outcomes(page, ["action", "redeem"]);
  assert.equal(result.action.ok.status, "awarded");
  assert.match(result.redeem.ok.code, /^TREU-/);
  assert.deepEqual(running.proxy.pending(), []);
  // Every send of an entry carried its one key; the host replayed what it had done.
  const actions = running.proxy.log.slice(before).filter((entry) => entry.request === "POST /v1/actions");
  assert.equal(new Set(actions.map((entry) => entry.key)).size, 1, JSON.stringify(actions));
  assert.ok(actions.at(-1).replayed, "the last send got the host's first answer");
  assert.deepEqual(await ledger(token), { newsletters: 1, redemptions: 1 });
  assert.equal(await queued(page), 0);
  assert.deepEqual(ours(messages), []);
  await context.close();
});

test("the connection dropped after the host acted: the retry gets the first answer, recorded once", async () => {
  const token = await member();
  const context = await newContext();
  const { page, messages } = await openShop(context, token);
  running.proxy.plan("POST", "/v1/actions", ["reset-after"]);
  running.proxy.plan("POST", "/v1/redemptions", ["reset-after"]);
  await send(page, { redeem: "free-shipping" });
  await outcomes(page, ["action", "redeem"]);
  assert.deepEqual(running.proxy.pending(), []);
  assert.ok(seen("POST /v1/redemptions").at(-1).replayed);
  assert.deepEqual(await ledger(token), { newsletters: 1, redemptions: 1 });
  assert.deepEqual(ours(messages), []);
  await context.close();
});

test("an answer slower than the storefront's request timeout is given up and sent again, recorded once", async () => {
  const token = await member();
  const context = await newContext();
  const { page, messages } = await openShop(context, token);
  running.proxy.plan("POST", "/v1/actions", ["stall-after"]);
  await send(page);
  await outcomes(page, ["action"]);
  running.proxy.release();
  const sends = seen("POST /v1/actions").slice(-2);
  assert.deepEqual(
    sends.map((entry) => [entry.fault, entry.replayed]),
    [
      ["stall-after", false],
      ["pass", true],
    ],
  );
  assert.equal(sends[0].key, sends[1].key);
  assert.deepEqual(await ledger(token), { newsletters: 1, redemptions: 0 });
  assert.deepEqual(ours(messages), []);
  await context.close();
});

test("with the API unreachable, answering 500 or not answering, the widgets show the cached member view", async () => {
  const token = await member();
  const context = await newContext();
  const { page, messages } = await openShop(context, token);
  await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "member");
  const launcherLabel = () => page.locator("treu-launcher").locator("button").first().textContent();
  const label = await launcherLabel();
  assert.match(label, /1,000/, "the member's balance");

  const cached = async (why) => {
    await page.reload();
    await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "member");
    assert.equal(await launcherLabel(), label, why);
  };
  running.proxy.down = true;
  await cached("API unreachable");
  running.proxy.down = false;
  running.proxy.plan("GET", "/v1/program", ["500"]);
  running.proxy.plan("GET", "/v1/me", ["500"]);
  await cached("API answering 500");
  running.proxy.plan("GET", "/v1/program", ["stall"]);
  running.proxy.plan("GET", "/v1/me", ["stall"]);
  await cached("API not answering");
  running.proxy.release();
  await page.evaluate(() => window.treu.ready);
  assert.equal(await launcherLabel(), label, "the same once the API answers");
  assert.deepEqual(running.proxy.pending(), []);
  // The loader warns once per page view it could not refresh; nothing else.
  const lines = ours(messages);
  assert.deepEqual(lines.filter((m) => !m.startsWith("warning: treu:")), [], lines.join("\n"));
  await context.close();
});

test("a redemption queued while the API is unreachable is delivered once from the next page", async () => {
  const token = await member();
  const context = await newContext();
  const { page, messages } = await openShop(context, token);
  running.proxy.down = true;
  await send(page, { action: false, redeem: "free-shipping" });
  await page.waitForFunction(() =>
    Object.keys(localStorage).some((key) => key.startsWith("treu:v1:outbox:") && JSON.parse(localStorage.getItem(key)).attempts >= 1),
  );
  // The shopper goes on to another page while the API is still unreachable.
  await page.goto(`${running.shop.url}/thank-you.html`);
  await page.waitForFunction(() => window.treu?.ready);
  running.proxy.down = false;
  await page.waitForFunction(
    () => !Object.keys(localStorage).some((key) => key.startsWith("treu:v1:outbox:")),
    null,
    { timeout: 90_000 },
  );
  assert.deepEqual(await ledger(token), { newsletters: 0, redemptions: 1 });
  const lines = ours(messages);
  assert.deepEqual(lines.filter((m) => !m.startsWith("warning: treu:")), [], lines.join("\n"));
  await context.close();
});

test("a tab whose later module has not arrived yet hears what another tab did", async () => {
  const token = await member();
  const context = await newContext();
  await context.addInitScript(() => {
    window.pointsChanged = [];
    document.addEventListener("treu:points-changed", (event) => window.pointsChanged.push(event.detail));
  });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const second = await openShop(context, token, "/", { holdLater: held });
  const first = await openShop(context, token);
  await send(first.page);
  const { action } = await outcomes(first.page, ["action"]);
  await second.page.waitForFunction(() => window.pointsChanged.length > 0, null, { timeout: 30_000 });
  assert.deepEqual(await second.page.evaluate(() => window.pointsChanged), [
    { balance: action.ok.balance, cause: "action", fromOtherTab: true },
  ]);

  // The later module arrives, loads the member the first tab changed and
  // shows their balance; the change is not announced a second time.
  release();
  const label = `${action.ok.balance.available.toLocaleString("en-IE")} points`;
  await second.page.locator("treu-launcher .button-label").filter({ hasText: label }).waitFor({ timeout: 30_000 });
  assert.deepEqual(
    (await second.page.evaluate(() => window.pointsChanged)).map(({ balance }) => balance.available),
    [action.ok.balance.available],
  );
  assert.deepEqual(ours(first.messages), []);
  assert.deepEqual(ours(second.messages), []);
  await context.close();
});

test("two tabs while connections drop after the host acted: recorded once, both tabs hear of it", async () => {
  const token = await member();
  const context = await newContext();
  await context.addInitScript(() => {
    window.pointsChanged = [];
    document.addEventListener("treu:points-changed", (event) => window.pointsChanged.push(event.detail));
  });
  const first = await openShop(context, token);
  const second = await openShop(context, token);
  running.proxy.plan("POST", "/v1/actions", ["reset-after", "reset-after"]);
  await send(first.page);
  await outcomes(first.page, ["action"]);
  for (const { page } of [first, second]) {
    await page.waitForFunction(() => window.pointsChanged.length > 0, null, { timeout: 30_000 });
    assert.equal(await queued(page), 0);
  }
  assert.deepEqual(running.proxy.pending(), []);
  assert.deepEqual(await ledger(token), { newsletters: 1, redemptions: 0 });
  for (const { messages } of [first, second]) assert.deepEqual(ours(messages), []);
  await context.close();
});
