// Every payload of xss-payloads.json in every text a merchant types (reward,
// tier, campaign and multiplier names and ids, product ids, the win-back
// offer's name, the dashboard author's name) and every text the API returns
// (customer id, name and e-mail, order refs, adjustment reasons, rewards in
// the history), rendered by every widget and every dashboard page, stays
// text: no payload runs (`window.__xss` is never called), no element carries
// an `on…` attribute or a script made from data, every link is http(s), and
// the payload shows as the text it is. The program is saved through the
// admin API, the data written as a shop writes it (xss.mjs).

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, startHost } from "./harness.mjs";
import {
  ADMIN_TOKEN,
  PAYLOADS,
  SHOP_SECRET,
  inspect,
  openSession,
  programWith,
  saveProgram,
  tokenOf,
  watchPayloads,
  writeCustomer,
} from "./xss.mjs";

const running = {};

before(async () => {
  // Every customer redeems from this one client: the per-IP rate limit is off.
  running.host = await startHost({ adminToken: ADMIN_TOKEN, env: { TREU_SHOP_SECRET: SHOP_SECRET, TREU_RATE_LIMIT: "0" } });
  running.browser = await launchBrowser();
  await saveProgram(running.host.url, programWith(PAYLOADS[0].text));
  for (const [i, payload] of PAYLOADS.entries()) await writeCustomer(running.host.url, payload.text, i);
});

after(async () => {
  await running.browser?.close();
  await running.host?.stop();
});

/** A browser context that records payloads that run and uncaught errors. */
async function newPage() {
  const context = await running.browser.newContext({ viewport: { width: 1100, height: 900 }, reducedMotion: "reduce" });
  const ran = await watchPayloads(context);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, ran, errors };
}

/** The text of `element`'s shadow root (the widget's own rendering). */
const shadowText = (locator) => locator.evaluate((element) => element.shadowRoot?.textContent ?? "");

/** Asserts that nothing on `page` is unsafe; returns the text it shows. */
async function assertInert(page, where) {
  const { unsafe, text } = await inspect(page);
  assert.deepEqual(unsafe, [], `${where}: ${unsafe.join("\n")}`);
  return text;
}

/**
 * As `assertInert`, scrolling the editable area's scrolled box (or the page)
 * from top to bottom: a code editor renders only the lines in view.
 */
async function inspectScrolling(page, where) {
  let text = "";
  for (;;) {
    text += await assertInert(page, where);
    const moved = await page.evaluate(() => {
      const scrolls = (element) =>
        element.scrollHeight > element.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(element).overflowY);
      let scroller = document.querySelector("main [contenteditable=true]");
      while (scroller && !scrolls(scroller)) scroller = scroller.parentElement;
      scroller ??= document.scrollingElement;
      const before = scroller.scrollTop;
      scroller.scrollTop += Math.max(1, Math.floor(scroller.clientHeight * 0.8));
      return scroller.scrollTop > before;
    });
    if (!moved) return text;
    // Lines scrolled into view are drawn in the next frames.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
}

test("every payload stays text in every widget", async () => {
  let tried = 0;
  for (const [i, { text }] of PAYLOADS.entries()) {
    // This payload also names the win-back offer, which this lapsed member sees.
    await saveProgram(running.host.url, programWith(text));
    const { context, page, ran, errors } = await newPage();
    const account = JSON.stringify({ id: text, name: text, about: "xss", token: tokenOf(text) });
    await page.addInitScript((account) => {
      localStorage.setItem("demo-shop-account", account);
      localStorage.setItem("demo-shop-cart", JSON.stringify({ mug: 2 }));
    }, account);
    await page.goto(running.host.url);
    const launcher = page.locator("treu-launcher");
    await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "member");
    await launcher.locator("button").first().click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByText(text).first().waitFor();
    await page.locator("treu-points").getByText(/\d/).first().waitFor();
    await assertInert(page, `payload ${i + 1}, panel`);
    // Every tab of the panel, if it has tabs.
    const tabs = dialog.getByRole("tab");
    for (let tab = 0; tab < (await tabs.count()); tab++) {
      await tabs.nth(tab).click();
      await assertInert(page, `payload ${i + 1}, panel tab ${tab + 1}`);
    }
    const shown = await shadowText(launcher);
    assert.ok(shown.includes(text), `payload ${i + 1} shows as text in the panel`);

    await page.goto(`${running.host.url}/thank-you.html`);
    await page.locator("treu-referral").locator("input").first().waitFor();
    await assertInert(page, `payload ${i + 1}, thank-you page`);

    assert.deepEqual(ran, [], `payload ${i + 1} ran`);
    assert.deepEqual(errors, [], `payload ${i + 1}: uncaught errors`);
    await context.close();
    // Merchant texts (reward, tier, campaign, multiplier: id and name; product
    // ids; the win-back offer) and API texts (customer id, name, e-mail, order
    // ref, the reward in the history), on two pages with all four widgets.
    tried += 13;
  }
  console.log(`xss: ${PAYLOADS.length} payloads × 13 texts = ${tried} tried in the storefront's four widgets`);
});

test("every payload stays text on every dashboard page", async () => {
  const url = running.host.url;
  // A version saved by a merchant named after each payload; the win-back
  // offer of the last one is named by the last payload.
  for (const { text } of PAYLOADS) await saveProgram(url, programWith(text), await openSession(url, text));
  const { context, page, ran, errors } = await newPage();
  await page.goto(`${url}/admin/sign-in`);
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByLabel(/Your name/).fill(PAYLOADS[0].text);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((where) => !where.pathname.endsWith("/sign-in"));
  let tried = 0;

  for (const [i, { text }] of PAYLOADS.entries()) {
    // Found by the search (the payload in the search field and in the list)…
    await page.goto(`${url}/admin/customers?q=${encodeURIComponent(text)}`);
    await page.locator("main table").getByText(text).first().waitFor();
    const found = await assertInert(page, `payload ${i + 1}, customer search`);
    assert.ok(found.includes(text), `payload ${i + 1} shows as text in the search results`);
    // …and opened.
    await page.goto(`${url}/admin/customers/${encodeURIComponent(text)}`);
    await page.locator("main").getByText(text).first().waitFor();
    await page.locator("main table").last().waitFor();
    const shown = await assertInert(page, `payload ${i + 1}, customer page`);
    assert.ok(shown.includes(text), `payload ${i + 1} shows as text on the customer page`);
    // Search: the query, id, name, e-mail; the page: id, name, e-mail,
    // order, refund, adjustment reason, reward.
    tried += 4 + 7;
  }

  await page.goto(`${url}/admin/customers`);
  await page.locator("main table").first().waitFor();
  const list = await assertInert(page, "customers list");
  const listed = PAYLOADS.filter(({ text }) => list.includes(text));
  assert.ok(listed.length >= 50, `the list shows the latest customers' names as text (${listed.length})`);

  await page.goto(`${url}/admin/reports`);
  await page.locator("main table").first().waitFor();
  await assertInert(page, "reports");

  await page.goto(`${url}/admin/program`);
  await page.locator("main form, main [role=tabpanel]").first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll("main input").length > 0);
  const form = await assertInert(page, "program form and preview");
  for (const [i, { text }] of PAYLOADS.entries()) assert.ok(form.includes(text), `payload ${i + 1} in the program form`);
  await page.getByRole("tab", { name: "JSON" }).click();
  await page.locator("main [contenteditable=true]").first().waitFor();
  const json = await inspectScrolling(page, "program JSON");
  for (const [i, { text }] of PAYLOADS.entries()) {
    assert.ok(json.includes(JSON.stringify(text).slice(1, -1)), `payload ${i + 1} in the program JSON: ${json.slice(json.indexOf(`__xss(${i + 1})`) - 80, json.indexOf(`__xss(${i + 1})`) + 40)}`);
  }
  // Merchant texts in the form, the JSON view and the two preview frames.
  tried += PAYLOADS.length * 11 * 3;

  await page.goto(`${url}/admin/program/versions`);
  await page.locator("tr[data-version]").first().waitFor();
  await page.locator("main").getByText(PAYLOADS.at(-1).text).first().waitFor();
  const history = await assertInert(page, "versions and their difference");
  for (const [i, { text }] of PAYLOADS.entries()) assert.ok(history.includes(text), `payload ${i + 1} as an author`);
  tried += PAYLOADS.length;

  assert.deepEqual(ran, [], "payloads ran");
  assert.deepEqual(errors, [], "uncaught errors");
  await context.close();
  console.log(`xss: ${PAYLOADS.length} payloads, ${tried} payload × place combinations tried on the dashboard`);
});
