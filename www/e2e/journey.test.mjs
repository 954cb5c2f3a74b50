// The shopper's whole loop in the demo shop, against the real host (seeded,
// with its demo backend and a movable clock) in headless Chromium: sign up,
// fill the cart under the shipping bar, check out, see the points pending,
// advance the clock until they are available, redeem them for a code, use the
// code at checkout, refund half an order and see the points taken back; a
// friend who follows a member's link and orders earns the member the referral
// reward; a lapsed member comes back with the win-back code.

import assert from "node:assert/strict";
import { test } from "node:test";
import { signIn, useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser({ seed: true, movableClock: true });

/** A fresh browser context on `path`, signed in as a seeded `customer` if given. */
async function visit(path = "/", customer = null) {
  const context = await running.browser.newContext({ viewport: { width: 1100, height: 900 }, reducedMotion: "reduce" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: running.host.url });
  const page = await context.newPage();
  const messages = watchConsole(page);
  if (customer) await signIn(page, running.host.accounts[customer]);
  await page.goto(`${running.host.url}${path}`);
  return { context, page, messages, launcher: page.locator("treu-launcher") };
}

const memberReady = (page) => page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "member");

async function openPanel(page, launcher) {
  await launcher.locator(".button").click();
  await page.getByRole("dialog", { name: "Rewards" }).waitFor();
}

async function closePanel(page) {
  await page.keyboard.press("Escape");
  await page.getByRole("dialog", { name: "Rewards" }).waitFor({ state: "hidden" });
}

/** Puts `quantities` in the demo cart and opens the cart page. */
async function fillCart(page, quantities) {
  await page.evaluate((value) => localStorage.setItem("demo-shop-cart", value), JSON.stringify(quantities));
  await page.goto(running.host.url);
}

/** From the cart page: checkout, an optional discount code, pay; returns the thank-you page's texts. */
async function checkOut(page, code) {
  await page.locator("#checkout").click();
  await page.waitForURL(/\/checkout\.html$/);
  if (code) await page.locator("#discount-code").fill(code);
  await page.locator("#pay").click();
  await page.waitForURL(/\/thank-you\.html\?order=/);
  const order = new URL(page.url()).searchParams.get("order");
  const points = page.locator(".order-points");
  await points.waitFor();
  return {
    order,
    total: await page.locator(".order-total").textContent(),
    detail: await page.locator(".order-detail").textContent(),
    points: Number(await points.getAttribute("data-points")),
    pointsText: await points.textContent(),
  };
}

/** `GET /v1/me` as the page's signed-in customer. */
const me = (page) =>
  page.evaluate(async () => {
    const { token } = JSON.parse(localStorage.getItem("demo-shop-account"));
    const response = await fetch("/v1/me", { headers: { authorization: `Bearer ${token}` } });
    return response.json();
  });

const pointsText = (points) => `${points.toLocaleString("en-IE")} points`;

test("the shop switches to German and to Swiss francs, with the Swiss free-shipping threshold", async () => {
  const { context, page, messages } = await visit("/");
  // Each choice reloads the page; the next is made on the page it loads
  // (`waitForLoadState` would see the page before, already loaded).
  const choose = (id, value) => Promise.all([page.waitForEvent("load"), page.locator(id).selectOption(value)]);
  await choose("#currency", "CHF");
  await choose("#language", "de");
  await page.locator("#products-title").filter({ hasText: "Kaffee & Zubehör" }).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector("script[data-api]").dataset.locale), "de-CH");
  assert.equal(await page.evaluate(() => document.querySelector("script[data-api]").dataset.currency), "CHF");
  await page.locator('[data-add="mug"]').click();
  // CHF 13.50 of CHF 60.00 (the program's CHF threshold): CHF 46.50 to go.
  const label = page.locator("treu-shipping-bar").locator(".label");
  await label.filter({ hasText: /46\.50/ }).waitFor();
  assert.match(await label.textContent(), /CHF/);
  assert.match(await page.locator("#cart-subtotal").textContent(), /^CHF\s13\.50$/);
  assert.deepEqual(messages, []);
  await context.close();
});

test("a lapsed member comes back with the win-back code", async () => {
  const { context, page, messages, launcher } = await visit("/", "demo-bo");
  await launcher.locator(".button-label").filter({ hasText: "Welcome back!" }).waitFor();
  await openPanel(page, launcher);
  const code = await launcher.locator(".win-back .code").textContent();
  await closePanel(page);
  await fillCart(page, { "espresso-beans": 2 });
  const placed = await checkOut(page, code);
  // 15 % off €49.80 is €7.47; under €50 of goods, shipping is €4.90.
  assert.equal(placed.detail, "Goods €49.80, discount −€7.47, shipping €4.90.");
  assert.equal(placed.total, `Order ${placed.order}: €47.23 paid.`);
  assert.ok(placed.points > 0, placed.pointsText);
  const after = await me(page);
  assert.notEqual(after.stage, "lapsed");
  assert.equal(after.winBack, null);
  await page.goto(running.host.url);
  await memberReady(page);
  await launcher.locator(".button-label").filter({ hasText: /points$/ }).waitFor();
  assert.equal(await launcher.getAttribute("data-offer"), null, "no win-back offer for a customer who is back");
  assert.deepEqual(messages, []);
  await context.close();
});

test("a friend who follows a member's link and orders earns the member the referral reward", async () => {
  const ann = await visit("/thank-you.html", "demo-ann");
  const link = await ann.page.locator("treu-referral").locator(".referral-link").inputValue();
  const total = (balance) => balance.available + balance.pending;
  const before = total((await me(ann.page)).balance);
  // Copying the link is reported as a share (once a day).
  const shared = ann.page.waitForResponse((response) => response.url().endsWith("/v1/referrals/shares"));
  await ann.page.locator("treu-referral").locator(".copy").click();
  const share = await shared;
  assert.equal(share.status(), 201);
  assert.deepEqual(await share.json(), { recorded: true, channel: "copy" });

  // The friend arrives as a guest through the link, creates an account and is welcomed with a code.
  const friend = await visit(new URL(link).pathname + new URL(link).search);
  await friend.page.getByRole("button", { name: "Create account" }).click();
  const dialog = friend.page.getByRole("dialog", { name: "Create an account" });
  await dialog.getByLabel("Name").fill("Fay Friend");
  await dialog.getByLabel("Email").fill("fay.friend@example.com");
  await dialog.getByRole("button", { name: "Create account" }).click();
  await memberReady(friend.page);
  const welcome = friend.launcher.locator(".notice[data-kind='code'] .code");
  await welcome.waitFor({ state: "attached" });
  const code = await welcome.textContent();

  // Her first order, with the welcome code (€10 off from €40), converts the referral.
  await fillCart(friend.page, { grinder: 1 });
  const placed = await checkOut(friend.page, code);
  assert.equal(placed.detail, "Goods €89.00, discount −€10.00, shipping €0.00.");
  const after = (await me(ann.page)).balance;
  assert.equal(total(after) - before, 500, `the referral reward: ${JSON.stringify(after)}`);
  await ann.page.goto(running.host.url);
  await memberReady(ann.page);
  await openPanel(ann.page, ann.launcher);
  await ann.launcher.locator(".pending").filter({ hasText: `+${after.pending.toLocaleString("en-IE")} pending` }).waitFor();
  await ann.launcher.locator(".referral-friends").waitFor();
  assert.deepEqual([...ann.messages, ...friend.messages], []);
  await ann.context.close();
  await friend.context.close();
});

test("sign up, order, points pending, clock advanced, redeemed, code used at checkout, half refunded", async () => {
  const { context, page, messages, launcher } = await visit("/");
  await page.getByRole("button", { name: "Create account" }).click();
  const dialog = page.getByRole("dialog", { name: "Create an account" });
  await dialog.getByLabel("Name").fill("Nora North");
  await dialog.getByLabel("Email").fill("nora@example.com");
  await dialog.getByRole("button", { name: "Create account" }).click();
  await memberReady(page);

  // The cart under the shipping bar: €273.90 of espresso beans ships free.
  await fillCart(page, { "espresso-beans": 11 });
  await page.locator("treu-shipping-bar").locator(".label").filter({ hasText: "Free shipping unlocked" }).waitFor();
  const first = await checkOut(page);
  assert.equal(first.total, `Order ${first.order}: €273.90 paid.`);
  assert.ok(first.points >= 500, `double points on coffee: ${first.points}`);
  assert.match(first.pointsText, /pending until the return window closes/);

  // Pending in the widget until the clock passes the 14-day return window.
  await page.goto(running.host.url);
  await memberReady(page);
  await openPanel(page, launcher);
  await launcher.locator(".pending").filter({ hasText: `+${first.points} pending` }).waitFor();
  assert.equal(await launcher.locator(".balance").textContent(), pointsText(0));
  await closePanel(page);
  const clock = page.locator(".demo-clock");
  const offset = Number(await clock.getAttribute("data-offset"));
  await clock.getByRole("button", { name: "Advance 14 days" }).click();
  await page.locator(`.demo-clock[data-offset="${offset + 14 * 86400}"]`).waitFor();
  await launcher.locator(".button-label").filter({ hasText: pointsText(first.points) }).waitFor();

  // Redeem €5 off on the next cart and use the code at checkout.
  await fillCart(page, { mug: 2 });
  await memberReady(page);
  await openPanel(page, launcher);
  await launcher.getByRole("button", { name: "Redeem €5 off for 500 points" }).click();
  const code = await launcher.locator(".notice[data-kind='code'] .code").textContent();
  await closePanel(page);
  const second = await checkOut(page, code);
  assert.equal(second.detail, "Goods €25.00, discount −€5.00, shipping €4.90.");
  assert.equal(second.total, `Order ${second.order}: €24.90 paid.`);
  const afterCheckout = await me(page);
  assert.ok(!afterCheckout.discountCodes.some((listed) => listed.code === code), "the code is used");

  // A used code is refused at checkout, with the field named.
  await fillCart(page, { mug: 2 });
  await page.locator("#checkout").click();
  await page.locator("#discount-code").fill(code);
  await page.locator("#pay").click();
  await page.locator("#checkout-error").filter({ hasText: "discountCode: was used on an earlier order" }).waitFor();

  // Refund half of the first order: its points are taken back, and the widget shows it.
  const before = (await me(page)).balance.available;
  await page.goto(`${running.host.url}/orders.html`);
  const order = page.locator(`[data-order="${first.order}"]`);
  await order.getByRole("button", { name: /^Refund half/ }).click();
  const message = page.locator("#orders-message").filter({ hasText: /^Refunded €136\.95; \d+ points taken back\.$/ });
  await message.waitFor();
  const reversed = Number((await message.textContent()).match(/; (\d+) points/)[1]);
  assert.ok([Math.floor(first.points / 2), Math.ceil(first.points / 2)].includes(reversed), `half of ${first.points}: ${reversed}`);
  await page.locator(`[data-order="${first.order}"][data-status="partiallyRefunded"]`).waitFor();
  const after = (await me(page)).balance.available;
  assert.ok(after < before, `${after} after ${before}`);
  await memberReady(page);
  await launcher.locator(".button-label").filter({ hasText: pointsText(after) }).waitFor();
  // The one error the browser logs is the refused code's 422, which the page shows by the field.
  assert.deepEqual(messages.filter((message) => !message.includes("status of 422")), []);
  assert.equal(messages.length, 1, messages.join("\n"));
  await context.close();
});
