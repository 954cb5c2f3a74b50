// The merchant dashboard at /admin, end to end: the real host (with an admin
// token) and its embedded dashboard in headless Chromium. Orders arrive as
// signed webhooks; the test computes the report's figures from them itself.
// Needs `./x build` (the dashboard is embedded into treu-host at compile time)
// and `cargo build -p treu-host`.

import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser, mintToken, sendOrderWebhook, startHost, watchConsole } from "./harness.mjs";
import { ADMIN_TOKEN, CUSTOMERS, GUEST_ORDERS, MEMBER_ORDERS, REFUNDS, expectedReport } from "./dashboard-orders.mjs";

const context = {};
const screenshots = new URL("../../target/screenshots/", import.meta.url).pathname;

// One hook, so the orders are posted once the host is up (root hooks of
// node:test do not wait for each other).
before(async () => {
  context.host = await startHost({ adminToken: ADMIN_TOKEN });
  context.browser = await launchBrowser();
  const { url } = context.host;
  // Members enrol as a storefront visit does (GET /v1/me with their token), with their names.
  for (const [id, name] of Object.entries(CUSTOMERS)) {
    const response = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${mintToken(id, { name })}` } });
    assert.equal(response.status, 200, await response.text());
  }
  for (const order of MEMBER_ORDERS) {
    const reply = await sendOrderWebhook(url, {
      id: `evt-paid-${order.id}`,
      type: "order.paid",
      order: { id: order.id, customerId: order.customer, total: order.total, placedAt: order.placedAt, cart: cart(order.total) },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  }
  for (const order of GUEST_ORDERS) {
    const reply = await sendOrderWebhook(url, {
      id: `evt-paid-${order.id}`,
      type: "order.paid",
      order: { id: order.id, guest: true, total: order.total, placedAt: order.placedAt, cart: cart(order.total) },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.guest, true);
  }
  for (const refund of REFUNDS) {
    const reply = await sendOrderWebhook(url, {
      id: `evt-refund-${refund.order}-${refund.id}`,
      type: "order.partiallyRefunded",
      order: { id: refund.order, total: refund.total },
      refund: { id: refund.id, amount: refund.amount },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  }
});

after(async () => {
  await context.browser?.close();
  await context.host?.stop();
});

function cart(total) {
  return { currency: "EUR", lines: [{ productId: "mug", quantity: 1, unitPrice: total }] };
}

/**
 * What the page logged that it should not have: console errors and warnings
 * and uncaught errors. Chromium logs every 4xx answer as "Failed to load
 * resource"; the dashboard expects some (401 before signing in).
 */
function problems(page) {
  return page.messages.filter((message) => /^(error|warning|pageerror)/.test(message) && !message.includes("Failed to load resource"));
}

/** A fresh browser context (no cookies) in English, at `width` px. */
async function newPage({ width = 1280, locale = "en-GB" } = {}) {
  const browserContext = await context.browser.newContext({ locale, viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await browserContext.newPage();
  page.messages = watchConsole(page);
  return page;
}

async function signIn(page, { token = ADMIN_TOKEN, name = "Mara Merchant" } = {}) {
  await page.getByLabel("Admin token").fill(token);
  await page.getByLabel(/Your name/).fill(name);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Opens `path` below /admin and signs in on the way. */
async function openSignedIn(page, path) {
  await page.goto(`${context.host.url}/admin${path}`);
  await page.waitForURL(/\/admin\/sign-in\?next=/);
  await signIn(page);
  await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
}

/** Every row of `table` (header included) as arrays of the cells' texts. */
function tableCells(table) {
  return table.evaluate((element) =>
    [...element.querySelectorAll("tr")].map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent.trim())),
  );
}

/** RFC 4180 CSV into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else field += char;
  }
  assert.equal(field + row.join(""), "", "the CSV ends with CRLF");
  return rows;
}

test("a wrong token is refused with a clear message, and the token field says so", async () => {
  const page = await newPage();
  await page.goto(`${context.host.url}/admin/reports`);
  await page.waitForURL(/\/admin\/sign-in\?next=%2Freports$/);
  await signIn(page, { token: "not-the-token" });
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.equal(await alert.textContent(), "This admin token is not correct. Check TREU_ADMIN_TOKEN on the host and try again.");
  assert.equal(await page.getByLabel("Admin token").getAttribute("aria-invalid"), "true");
  // Still signed out: the host gave no session.
  assert.equal(await page.evaluate(async () => (await fetch("/v1/admin/session")).status), 401);
  await page.context().close();
});

test("a dashboard page without a session leads to sign-in, and back to the page after signing in", async () => {
  const page = await newPage();
  await page.goto(`${context.host.url}/admin/customers?q=ann`);
  await page.waitForURL(/\/admin\/sign-in\?next=%2Fcustomers%3Fq%3Dann$/);
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Sign in to treu");
  await signIn(page);
  await page.waitForURL(/\/admin\/customers\?q=ann$/);
  await page.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
  await page.getByRole("link", { name: "Ann Lee" }).waitFor();
  assert.equal(await page.getByText("Signed in as Mara Merchant").count(), 1);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test("signing out ends the session: the host refuses the cookie and pages lead to sign-in", async () => {
  const page = await newPage();
  await openSignedIn(page, "/customers");
  assert.equal(await page.evaluate(async () => (await fetch("/v1/admin/session")).status), 200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByText("You have signed out.").waitFor();
  await page.waitForURL(/\/admin\/sign-in/);
  assert.equal(await page.evaluate(async () => (await fetch("/v1/admin/session")).status), 401);
  await page.goto(`${context.host.url}/admin/reports`);
  await page.waitForURL(/\/admin\/sign-in\?next=%2Freports$/);
  await page.context().close();
});

test("a session that ends while a page is open leads to sign-in with a notice, and back to the page", async () => {
  const page = await newPage();
  await openSignedIn(page, "/customers");
  await page.locator("table.customers").waitFor();
  // The host no longer knows the browser's session (as after its 8 hours).
  await page.context().clearCookies();
  await page.getByLabel("Find a customer").fill("eve");
  await page.getByLabel("Find a customer").press("Enter");
  await page.getByText("Your session has ended. Sign in again.").waitFor();
  await page.waitForURL(/\/admin\/sign-in\?next=%2Fcustomers%3Fq%3Deve$/);
  await signIn(page);
  await page.waitForURL(/\/admin\/customers\?q=eve$/);
  await page.getByRole("link", { name: "Eve Stone" }).waitFor();
  await page.context().close();
});

test("report figures equal the figures computed from the posted orders", async () => {
  const page = await newPage();
  const expected = expectedReport(new Date(), "en-GB");
  await openSignedIn(page, `/reports?from=${expected.from}&to=${expected.to}`);
  await page.locator("#revenue-table table").waitFor();

  const figure = (key) => page.locator(`[data-figure="${key}"] .figure-value`).textContent();
  for (const [key, value] of Object.entries(expected.figures)) assert.equal(await figure(key), value, key);
  assert.equal(
    await page.locator('[data-figure="retention"] .figure-working').textContent(),
    expected.retentionWorking,
  );

  const body = async (id) => (await tableCells(page.locator(`#${id} table`))).slice(1);
  assert.deepEqual(await body("revenue-table"), expected.revenue);
  assert.deepEqual(await body("stages-table"), expected.stages);
  assert.deepEqual(await body("retention-table"), expected.retention);
  assert.deepEqual(await body("points-table"), expected.points);
  // Every chart is drawn (uPlot draws into a canvas once the chart knows its width).
  await page.waitForFunction(() => document.querySelectorAll(".chart canvas").length === 5);
  // Each metric is defined on the page, and the definitions link to docs/metrics.md.
  assert.equal(await page.locator(".figure-definition").count(), Object.keys(expected.figures).length);
  assert.equal(
    await page.getByRole("link", { name: /metric definitions/ }).getAttribute("href"),
    "https://github.com/treu-loyalty/treu/blob/main/docs/metrics.md",
  );
  // Each section links to its part of the doc, by a heading the doc has.
  const doc = readFileSync(new URL("../../docs/metrics.md", import.meta.url), "utf8");
  const anchors = doc.match(/^## .+$/gm).map((heading) => heading.slice(3).toLowerCase().replace(/[^a-z0-9 -]/g, "").replaceAll(" ", "-"));
  const linked = await page.locator('a.doc-link, .doc-link a[href*="#"]').evaluateAll((links) => links.map((link) => new URL(link.href).hash.slice(1)));
  assert.equal(linked.length, 5);
  for (const anchor of linked) assert.ok(anchors.includes(anchor), `docs/metrics.md has a section #${anchor}`);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test("the period presets ask the host for that period, and a period with its end first is refused at its field", async () => {
  const page = await newPage();
  await openSignedIn(page, "/reports");
  const preset = page.getByRole("button", { name: "Last 30 days" });
  await preset.click();
  await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  assert.equal(await preset.getAttribute("aria-pressed"), "true");
  const { from, to } = Object.fromEntries(new URL(page.url()).searchParams);
  assert.equal((Date.parse(to) - Date.parse(from)) / 86_400_000, 29);
  await page.locator("#points-table table").waitFor();
  await page.getByLabel("From").fill(to);
  await page.getByLabel("To (included)").fill(from);
  await page.getByRole("button", { name: "Show", exact: true }).click();
  assert.equal(await page.locator("#period-to-error").textContent(), "Must not be before the start date.");
  assert.equal(await page.getByLabel("To (included)").getAttribute("aria-invalid"), "true");
  await page.context().close();
});

test("each chart's CSV download equals its table", async () => {
  const page = await newPage();
  const expected = expectedReport(new Date(), "en-GB");
  await openSignedIn(page, `/reports?from=${expected.from}&to=${expected.to}`);
  for (const id of ["retention", "points", "stages", "referrals", "revenue"]) {
    const table = page.locator(`#${id}-table`);
    await table.locator("table").waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), table.getByRole("button", { name: /Download CSV/ }).click()]);
    assert.equal(download.suggestedFilename(), `treu-${id}-${expected.from}_${expected.to}.csv`);
    const text = readFileSync(await download.path(), "utf8");
    assert.ok(text.startsWith("\uFEFF"), "UTF-8 byte-order mark for spreadsheets");
    assert.deepEqual(parseCsv(text.slice(1)), await tableCells(table.locator("table")), id);
  }
  // A cell with a comma is quoted: the revenue table's money in German has one.
  await page.getByLabel("Language").selectOption("de");
  const revenue = page.locator("#revenue-table");
  await revenue.getByRole("button", { name: /CSV herunterladen/ }).waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), revenue.getByRole("button", { name: /CSV herunterladen/ }).click()]);
  const text = readFileSync(await download.path(), "utf8");
  assert.match(text, /"\d+,\d\d\s€"/);
  assert.deepEqual(parseCsv(text.slice(1)), await tableCells(revenue.locator("table")));
  await page.context().close();
});

test("customer search finds by name, email or id; a goodwill adjustment needs a reason and shows in the history once", async () => {
  const page = await newPage();
  await openSignedIn(page, "/customers");
  const search = page.getByLabel("Find a customer");
  for (const [q, name] of [["dee", "Dee Ortiz"], ["c-cy", "Cy Park"], ["BO BERG", "Bo Berg"]]) {
    await search.fill(q);
    await search.press("Enter");
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(q).replace("%20", "(%20|\\+)")}$`));
    await page.getByText(`customer matches “${q}”`).waitFor();
    assert.deepEqual(await page.locator("table.customers tbody th a").allTextContents(), [name]);
  }
  await search.fill("ann");
  await search.press("Enter");
  await page.getByRole("link", { name: "Ann Lee" }).click();
  await page.waitForURL(/\/admin\/customers\/c-ann$/);
  await page.getByRole("heading", { level: 1, name: "Ann Lee" }).waitFor();
  const history = page.locator("table.ledger tbody tr");
  const entriesBefore = await history.count();
  assert.equal(entriesBefore, 2, "one earn entry per order");

  // Errors at their fields.
  const points = page.getByLabel("Points", { exact: true });
  const reason = page.getByLabel("Reason");
  const submit = page.getByRole("button", { name: "Adjust points" });
  await points.fill("twelve");
  await submit.click();
  assert.equal(await page.locator("#adjust-points-error").textContent(), "Enter a whole number, e.g. 50 or -20.");
  assert.equal(await page.locator("#adjust-reason-error").textContent(), "Enter a reason; the history shows it.");
  assert.equal(await page.evaluate(() => document.activeElement.id), "adjust-points");

  // The first answer is lost on its way back; sending the same form again
  // reuses its idempotency key, so the points count once.
  const keys = [];
  let lose = true;
  await page.route("**/v1/admin/customers/c-ann/adjustments", async (route) => {
    keys.push(route.request().headers()["idempotency-key"]);
    const response = await route.fetch();
    if (lose) {
      lose = false;
      assert.equal(response.status(), 201);
      await route.abort("connectionreset");
    } else await route.fulfill({ response });
  });
  await points.fill("-15");
  await reason.fill('Parcel arrived late, "sorry"');
  await submit.click();
  await page.getByText("The host cannot be reached.").waitFor();
  await submit.click();
  await page.getByText("Recorded: -15 points.").waitFor();
  assert.equal(keys.length, 2);
  assert.equal(keys[0], keys[1], "a retry of the same form reuses its key");
  await page.waitForFunction((count) => document.querySelectorAll("table.ledger tbody tr").length === count, entriesBefore + 1);
  const newest = (await tableCells(page.locator("table.ledger")))[1];
  assert.deepEqual(newest.slice(2), ["Adjusted by hand", "-15", 'reason: Parcel arrived late, "sorry"']);
  assert.equal(await points.inputValue(), "");
  await page.unroute("**/v1/admin/customers/c-ann/adjustments");

  // A second, different form gets a new key and a second entry.
  await points.fill("40");
  await reason.fill("Goodwill for the late parcel");
  await submit.click();
  await page.getByText("Recorded: +40 points.").waitFor();
  await page.waitForFunction((count) => document.querySelectorAll("table.ledger tbody tr").length === count, entriesBefore + 2);
  assert.deepEqual(problems(page), []);
  await page.context().close();
});

test("at 375 px wide no dashboard page scrolls sideways", async () => {
  mkdirSync(screenshots, { recursive: true });
  const page = await newPage({ width: 375 });
  await page.goto(`${context.host.url}/admin/sign-in`);
  await page.getByLabel("Admin token").waitFor();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(await overflow(), 0, "sign-in");
  await signIn(page);
  await page.waitForURL(/\/admin\/reports/);
  for (const [path, ready] of PAGES) {
    await page.goto(`${context.host.url}/admin${path}`);
    await ready(page);
    assert.equal(await overflow(), 0, path);
    const name = path.slice(1).replaceAll("/", "-").replace("customers-c-ann", "customer");
    await page.screenshot({ path: join(screenshots, `dashboard-${name}-en-375px.png`), fullPage: true });
  }
  await page.context().close();
});

/** Every page, and what shows that it has finished loading. */
const PAGES = [
  ["/reports", (page) => page.locator("#revenue-table table").waitFor()],
  ["/customers", (page) => page.locator("table.customers").waitFor()],
  ["/customers/c-ann", (page) => page.locator("table.ledger").waitFor()],
  ["/program", (page) => page.locator("main h1").waitFor()],
  ["/program/versions", (page) => page.locator("main h1").waitFor()],
];

test("screenshots of every dashboard page in English and German", async () => {
  mkdirSync(screenshots, { recursive: true });
  for (const language of ["en", "de"]) {
    const page = await newPage({ locale: language === "de" ? "de-DE" : "en-GB" });
    page.untranslated = [];
    await page.goto(`${context.host.url}/admin/sign-in`);
    await page.locator("#sign-in-token").waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), language);
    await page.screenshot({ path: join(screenshots, `dashboard-sign-in-${language}.png`), fullPage: true });
    await page.locator("#sign-in-token").fill(ADMIN_TOKEN);
    await page.locator("button[type=submit]").click();
    await page.waitForURL(/\/admin\/reports/);
    for (const [path, ready] of PAGES) {
      await page.goto(`${context.host.url}/admin${path}`);
      await ready(page);
      page.untranslated.push(...(await untranslatedKeys(page)));
      const name = path.slice(1).replaceAll("/", "-").replace("customers-c-ann", "customer");
      await page.screenshot({ path: join(screenshots, `dashboard-${name}-${language}.png`), fullPage: true });
    }
    await page.goto(`${context.host.url}/admin/reports`);
    await page.locator("#revenue-table table").waitFor();
    assert.equal(await page.locator("main h1").textContent(), language === "de" ? "Berichte" : "Reports");
    assert.deepEqual(page.untranslated, [], "every text on every page is in the table of the language");
    await page.context().close();
  }
});

const AXE = new URL("../node_modules/axe-core/axe.min.js", import.meta.url).pathname;

/** axe-core's WCAG 2 A and AA findings on the page as "rule: element" lines. */
async function accessibilityViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")}`));
  });
}

test("the sign-in, reports and customers pages pass axe-core's WCAG 2.1 AA checks (contrast among them) in both languages", async () => {
  for (const locale of ["en-GB", "de-DE"]) {
    // axe is injected as a script, which the dashboard's CSP would refuse.
    const browserContext = await context.browser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await browserContext.newPage();
    await page.goto(`${context.host.url}/admin/sign-in`);
    await page.locator("#sign-in-token").fill("wrong");
    await page.locator("button[type=submit]").click();
    await page.locator("#sign-in-error").waitFor();
    assert.deepEqual(await accessibilityViolations(page), [], `sign-in ${locale}`);
    await page.locator("#sign-in-token").fill(ADMIN_TOKEN);
    await page.locator("button[type=submit]").click();
    await page.waitForURL(/\/admin\/reports/);
    for (const [path, ready] of PAGES.filter(([path]) => !path.startsWith("/program"))) {
      await page.goto(`${context.host.url}/admin${path}`);
      await ready(page);
      assert.deepEqual(await accessibilityViolations(page), [], `${path} ${locale}`);
    }
    await browserContext.close();
  }
});

test("the dashboard works from the keyboard alone: skip link, sign-in, navigation, search and a customer's page", async () => {
  const page = await newPage();
  await page.goto(`${context.host.url}/admin/reports`);
  await page.locator("#sign-in-token").waitFor();
  // The skip link shows when focused and moves focus to the page's content.
  await page.locator(".skip-link").focus();
  assert.ok((await page.locator(".skip-link").boundingBox()).y >= 0, "the focused skip link is on screen");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  // The sign-in heading has focus on arrival; the next Tab is the token field.
  await page.getByRole("heading", { level: 1 }).focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "sign-in-token");
  await page.keyboard.type(ADMIN_TOKEN);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/admin\/reports$/);
  await page.locator("#revenue-table table").waitFor();
  const focused = () => page.evaluate(() => document.activeElement.textContent.trim());
  // The page's heading takes focus on arrival, so the next Tab starts at the page.
  assert.equal(await focused(), "Reports");
  // Back to the top: Tab through the navigation to "Customers" and open it.
  await page.keyboard.press("Shift+Tab");
  for (let presses = 0; presses < 12 && (await focused()) !== "Customers"; presses += 1) await page.keyboard.press("Shift+Tab");
  assert.equal(await focused(), "Customers");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Customers" }).waitFor();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "customer-search");
  await page.keyboard.type("fay");
  await page.keyboard.press("Enter");
  await page.getByText("1 customer matches “fay”.").waitFor();
  for (let presses = 0; presses < 6 && (await focused()) !== "Fay Moss"; presses += 1) await page.keyboard.press("Tab");
  assert.equal(await focused(), "Fay Moss");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Fay Moss" }).waitFor();
  await page.context().close();
});

/** Keys shown as themselves: a text missing from every table (i18n.js shows the key). */
function untranslatedKeys(page) {
  return page.evaluate(() => document.body.innerText.match(/\b(app|nav|signIn|common|error|stage|reports|customers)\.[A-Za-z.]+[A-Za-z]/g) ?? []);
}

test("the English and German tables have the same texts", async () => {
  const { en, de } = await import("../../host/admin/src/locales/index.js");
  assert.deepEqual(Object.keys(de).filter((key) => !(key in en)), [], "German keys without English");
  assert.deepEqual(Object.keys(en).filter((key) => !(key in de)), [], "English keys without German");
});

test("the language can be switched, and the choice is kept", async () => {
  const page = await newPage();
  await openSignedIn(page, "/customers/c-ann");
  await page.getByRole("heading", { level: 2, name: "Points history" }).waitFor();
  await page.getByLabel("Language").selectOption("de");
  await page.getByRole("heading", { level: 2, name: "Punkteverlauf" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "de");
  await page.reload();
  await page.getByRole("heading", { level: 2, name: "Punkteverlauf" }).waitFor();
  await page.getByRole("navigation").getByRole("link", { name: "Berichte" }).click();
  await page.getByRole("heading", { level: 1, name: "Berichte" }).waitFor();
  await page.context().close();
});
