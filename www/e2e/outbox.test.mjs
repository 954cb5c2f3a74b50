// The outbox: an action reported while the API is down is kept in
// localStorage and delivered exactly once when the API comes back, from the
// same page or from the next one after a navigation.
//
// As in a real shop, the storefront and the treu API are two origins: a
// treu-host serving the demo shop, and another one as the API (with CORS),
// which is stopped and started again on the same port and SQLite file.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, mintToken, ours, startHost, watchConsole, writeUncappedNewsletterProgram } from "./harness.mjs";

const SECRET = "outbox-e2e-shop-secret";
const dir = mkdtempSync(join(tmpdir(), "treu-outbox-"));
const running = {};

// Newsletter sign-ups earn every time, so a second delivery would show as a second earn.
const programPath = writeUncappedNewsletterProgram(dir);

/** Starts the API on `port` (0: a free one) with the test's database. */
async function startApi(port = 0) {
  const api = await startHost({
    program: programPath,
    statics: [],
    port,
    dir,
    env: { TREU_SHOP_SECRET: SECRET, TREU_ALLOWED_ORIGINS: running.shop.url },
  });
  running.api = api;
  return api;
}

before(async () => {
  running.shop = await startHost({ env: { TREU_SHOP_SECRET: SECRET } });
  await startApi();
  running.port = Number(new URL(running.api.url).port);
  running.browser = await launchBrowser();
});

after(async () => {
  await running.browser?.close();
  await running.api?.stop();
  await running.shop?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A browser profile. Both origins are on loopback here, which Chromium's
 * Local Network Access guards with a permission (a real shop and its API are
 * public origins); the shopper has granted it. */
function newContext() {
  return running.browser.newContext({ permissions: ["local-network-access"] });
}

/** A page of the demo shop with treu signed in as `token`, talking to the API. */
async function openShop(context, token) {
  const page = await context.newPage();
  const messages = watchConsole(page);
  await page.route(`${running.shop.url}/`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      'data-api="/"',
      `data-api="${running.api.url}" data-customer-token="${token}"`,
    );
    await route.fulfill({ response, body: html });
  });
  await page.goto(running.shop.url);
  await page.waitForFunction(() => window.treu?.ready);
  await page.evaluate(() => window.treu.ready);
  return { page, messages };
}

/** The outbox's entries in the page's localStorage. */
function queued(page) {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith("treu:v1:outbox:"))
      .map((key) => JSON.parse(localStorage.getItem(key))),
  );
}

/** Waits until the queued entry has failed `attempts` times and waits for its backoff. */
function failedAttempts(page, attempts) {
  return page.waitForFunction(
    (attempts) =>
      Object.keys(localStorage).some((key) => {
        if (!key.startsWith("treu:v1:outbox:")) return false;
        const entry = JSON.parse(localStorage.getItem(key));
        return entry.attempts >= attempts && entry.notBefore > Date.now();
      }),
    attempts,
  );
}

/** The member's ledger as the host has it. */
async function ledger(token) {
  const response = await fetch(`${running.api.url}/v1/me?limit=100`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200);
  const me = await response.json();
  return { balance: me.balance.available, earns: me.history.entries.filter((entry) => entry.type === "earn") };
}

test("an action queued while the API is down is delivered once when it comes back", async () => {
  const token = mintToken("outbox-ann", { secret: SECRET });
  const context = await newContext();
  const { page, messages } = await openShop(context, token);
  await page.evaluate(() =>
    document.addEventListener("treu:points-changed", (event) => (window.pointsChanged = event.detail)),
  );

  await running.api.stop();
  await page.evaluate(() => {
    window.answer = null;
    window.treu.action("newsletter").then(
      (answer) => (window.answer = answer),
      (error) => (window.answer = { error: error.message }),
    );
  });
  await failedAttempts(page, 1);
  const [entry, ...others] = await queued(page);
  assert.deepEqual(others, []);
  assert.equal(entry.path, "/v1/actions");
  assert.equal(entry.body, '{"action":"newsletter"}');
  assert.equal(entry.customer, "outbox-ann");
  assert.match(entry.key, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(entry.notBefore > entry.createdAt, "a failed send waits for its backoff");
  assert.equal(await page.evaluate(() => window.answer), null, "the promise waits while the API is down");

  await startApi(running.port);
  await page.waitForFunction(() => window.answer !== null, null, { timeout: 30_000 });
  const answer = await page.evaluate(() => window.answer);
  assert.equal(answer.status, "awarded", JSON.stringify(answer));
  assert.equal(answer.points, 50);
  assert.equal(answer.balance.available, 50);
  assert.deepEqual(await page.evaluate(() => window.pointsChanged), {
    balance: answer.balance,
    cause: "action",
    fromOtherTab: false,
  });
  assert.deepEqual(await queued(page), []);

  const { balance, earns } = await ledger(token);
  assert.equal(earns.length, 1, JSON.stringify(earns));
  assert.equal(balance, 50);
  assert.deepEqual(ours(messages), []);
  await context.close();
});

test("an action queued on one page is delivered once from the next page after a navigation", async () => {
  const token = mintToken("outbox-bo", { secret: SECRET });
  const context = await newContext();
  const { page, messages } = await openShop(context, token);

  await running.api.stop();
  await page.evaluate(() => void window.treu.action("newsletter", "footer form"));
  await failedAttempts(page, 1);
  const [entry] = await queued(page);
  assert.equal(entry.body, '{"action":"newsletter","reference":"footer form"}');

  // The shopper moves on while the API is still down: the page is gone, the entry is not.
  await page.addInitScript(() => {
    document.addEventListener("treu:points-changed", (event) => (window.pointsChanged = event.detail));
  });
  await page.goto(`${running.shop.url}/`);
  await page.evaluate(() => window.treu.ready);
  await failedAttempts(page, entry.attempts + 1);
  assert.deepEqual(
    (await queued(page)).map((queuedEntry) => queuedEntry.key),
    [entry.key],
    "the same entry, with its key",
  );

  await startApi(running.port);
  await page.waitForFunction(() => window.pointsChanged, null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => window.pointsChanged.balance.available), 50);
  assert.deepEqual(await queued(page), []);
  const { balance, earns } = await ledger(token);
  assert.equal(earns.length, 1, JSON.stringify(earns));
  assert.equal(balance, 50);
  // The second page loaded with the API down: the loader's one warning, nothing else.
  const lines = ours(messages);
  assert.equal(lines.filter((m) => m.startsWith("warning: treu:")).length, 1, lines.join("\n"));
  assert.deepEqual(lines.filter((m) => !m.startsWith("warning: treu:")), []);
  await context.close();
});

test("two tabs: an action queued in one is delivered once and both tabs hear of it", async () => {
  const token = mintToken("outbox-cy", { secret: SECRET });
  const context = await newContext();
  await context.addInitScript(() => {
    window.pointsChanged = [];
    document.addEventListener("treu:points-changed", (event) => window.pointsChanged.push(event.detail));
  });
  const first = await openShop(context, token);
  const second = await openShop(context, token);
  const answered = [];
  for (const { page } of [first, second]) {
    page.on("response", (response) => {
      if (response.request().method() === "POST" && response.url().endsWith("/v1/actions")) {
        answered.push(`${response.status()} ${response.headers()["idempotent-replayed"] ?? "first"}`);
      }
    });
  }

  await running.api.stop();
  await first.page.evaluate(() => {
    window.answer = null;
    window.treu.action("newsletter").then((answer) => (window.answer = answer));
  });
  await failedAttempts(first.page, 2);
  await startApi(running.port);

  await first.page.waitForFunction(() => window.answer !== null, null, { timeout: 30_000 });
  assert.equal(await first.page.evaluate(() => window.answer.balance.available), 50);
  for (const { page } of [first, second]) {
    await page.waitForFunction(() => window.pointsChanged.length > 0, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.pointsChanged[0].balance.available), 50);
    assert.deepEqual(await queued(page), []);
  }
  const senders = await Promise.all(
    [first, second].map(({ page }) => page.evaluate(() => window.pointsChanged.map((detail) => detail.fromOtherTab))),
  );
  assert.deepEqual(senders.flat().sort(), [false, true], "one tab delivered, the other heard of it");
  assert.deepEqual(answered, ["201 first"], "one POST answered, and only once");
  const { earns } = await ledger(token);
  assert.equal(earns.length, 1, JSON.stringify(earns));
  for (const { messages } of [first, second]) assert.deepEqual(ours(messages), []);
  await context.close();
});
