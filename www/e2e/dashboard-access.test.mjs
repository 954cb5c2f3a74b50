// The dashboard for everyone: no sideways scrolling at 375 px, WCAG 2.1 AA
// (axe-core, contrast among its checks), the keyboard alone, both languages
// complete and switchable, and screenshots of every page in both languages
// under target/screenshots/. Needs `./x build` and `cargo build -p treu-host`.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ADMIN_TOKEN } from "./dashboard-orders.mjs";
import {
  PAGES,
  accessibilityViolations,
  newPage,
  openSignedIn,
  screenshots,
  signIn,
  untranslatedKeys,
  useDashboard,
} from "./dashboard-page.mjs";

const context = useDashboard();

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
  await page.waitForFunction(() => document.activeElement?.matches("main h1"));
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
