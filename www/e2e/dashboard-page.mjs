// What the dashboard's end-to-end tests share: one host with the orders of
// dashboard-orders.mjs and a browser per test file, fresh signed-out pages,
// and readers of tables, CSV files and accessibility findings.

import assert from "node:assert/strict";
import { after, before } from "node:test";
import { launchBrowser, startHost, watchConsole } from "./harness.mjs";
import { ADMIN_TOKEN, postOrders } from "./dashboard-orders.mjs";

export const context = {};
export const screenshots = new URL("../../target/screenshots/", import.meta.url).pathname;

/**
 * For a test file: the host (with the admin token) holding the posted orders,
 * and a browser, from before its first test to after its last. One hook, so
 * the orders are posted once the host is up (root hooks of node:test do not
 * wait for each other).
 */
export function useDashboard() {
  before(async () => {
    context.host = await startHost({ adminToken: ADMIN_TOKEN });
    context.browser = await launchBrowser();
    await postOrders(context.host.url);
  });
  after(async () => {
    await context.browser?.close();
    await context.host?.stop();
  });
  return context;
}

/**
 * What the page logged that it should not have: console errors and warnings
 * and uncaught errors. Chromium logs every 4xx answer as "Failed to load
 * resource"; the dashboard expects some (401 before signing in).
 */
export function problems(page) {
  return page.messages.filter((message) => /^(error|warning|pageerror)/.test(message) && !message.includes("Failed to load resource"));
}

/** A fresh browser context (no cookies) in English, at `width` px. */
export async function newPage({ width = 1280, locale = "en-GB" } = {}) {
  const browserContext = await context.browser.newContext({ locale, viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await browserContext.newPage();
  page.messages = watchConsole(page);
  return page;
}

export async function signIn(page, { token = ADMIN_TOKEN, name = "Mara Merchant" } = {}) {
  await page.getByLabel("Admin token").fill(token);
  await page.getByLabel(/Your name/).fill(name);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Opens `path` below /admin and signs in on the way. */
export async function openSignedIn(page, path) {
  await page.goto(`${context.host.url}/admin${path}`);
  await page.waitForURL(/\/admin\/sign-in\?next=/);
  await signIn(page);
  await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"));
}

/** Every row of `table` (header included) as arrays of the cells' texts. */
export function tableCells(table) {
  return table.evaluate((element) =>
    [...element.querySelectorAll("tr")].map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent.trim())),
  );
}

/** RFC 4180 CSV into rows of fields. */
export function parseCsv(text) {
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

/** Every page, and what shows that it has finished loading. */
export const PAGES = [
  ["/reports", (page) => page.locator("#revenue-table table").waitFor()],
  ["/customers", (page) => page.locator("table.customers").waitFor()],
  ["/customers/c-ann", (page) => page.locator("table.ledger").waitFor()],
  ["/program", (page) => page.locator("main h1").waitFor()],
  ["/program/versions", (page) => page.locator("main h1").waitFor()],
  ["/events", (page) => page.locator("table.event-log").waitFor()],
  ["/mail", (page) => page.locator("table.mail-log").waitFor()],
];

const AXE = new URL("../node_modules/axe-core/axe.min.js", import.meta.url).pathname;

/** axe-core's WCAG 2 A and AA findings on the page as "rule: element" lines. */
export async function accessibilityViolations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"] } });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")}`));
  });
}

/** Keys shown as themselves: a text missing from every table (i18n.js shows the key). */
export function untranslatedKeys(page) {
  return page.evaluate(() => document.body.innerText.match(/\b(app|nav|signIn|common|error|stage|reports|customers|events|mail)\.[A-Za-z.]+[A-Za-z]/g) ?? []);
}
