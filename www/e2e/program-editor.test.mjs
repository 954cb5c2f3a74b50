// The merchant's program editor at /admin/program, against the real host:
// the engine (Wasm) refuses an invalid edit at its field, in the form and in
// the JSON view, and saving stays off; the live preview shows an unsaved
// change in the storefront's own widgets, for a guest and for a member; a
// saved edit changes the demo shop on the same host; restoring an earlier
// version brings it back. Screenshots of each page in both languages go to
// target/screenshots/.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { after, test } from "node:test";
import { accessibilityViolations } from "./dashboard-page.mjs";
import { useHostAndBrowser, watchConsole } from "./harness.mjs";

const ADMIN_TOKEN = "e2e-admin-token";
const running = useHostAndBrowser({ seed: true, adminToken: ADMIN_TOKEN });
const shots = new URL("../../target/screenshots/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

after(() => assert.equal(running.exitCode, 0, "treu-host exits cleanly on SIGTERM"));

/** One browser page for the whole journey, signed in to the dashboard as "Mira". */
let page;
let messages;

async function openDashboard(path) {
  await page.goto(`${running.host.url}/admin${path}`);
}

/** Switches the dashboard's language; it is remembered (and <html lang> set) once applied. */
async function chooseLanguage(code) {
  await page.locator(".topbar select").selectOption(code);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, code);
}

/** The demo shop's shipping bar label, as a shopper on the same host sees it. */
async function storefrontShippingLabel(expected) {
  const shop = await running.browser.newPage();
  await shop.goto(running.host.url);
  const label = shop.locator("treu-shipping-bar").locator(".label");
  await label.filter({ hasText: expected }).waitFor();
  const text = await label.textContent();
  await shop.close();
  return text;
}

test("sign in to the dashboard and open the program editor", async () => {
  page = await running.browser.newPage({ viewport: { width: 1360, height: 1000 } });
  messages = watchConsole(page);
  await openDashboard("/program");
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByLabel(/Your name/).fill("Mira");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "Program" }).waitFor();
  await page.getByText("Version 1 is in force").waitFor();
  // The seeded program's free-shipping threshold, typed in major units.
  assert.equal(await page.getByRole("group", { name: "EUR", exact: true }).getByLabel("Free from (EUR)").inputValue(), "50.00");
});

test("an invalid edit shows the engine's error at its field and in the JSON view, and cannot be saved", async () => {
  const gold = page.getByRole("group", { name: "Gold", exact: true });
  const threshold = gold.getByLabel("From a spend of (EUR)");
  await threshold.fill("100");

  // The engine's reason, right below the field that caused it.
  const error = page.locator('[data-error-for="tiers.levels[1].threshold"]');
  await error.filter({ hasText: "must not be negative and must be above the previous level's" }).waitFor();
  assert.equal(await threshold.getAttribute("aria-invalid"), "true");
  assert.ok((await threshold.getAttribute("aria-describedby")).split(" ").includes(await error.getAttribute("id")));

  // Saving is off, and says why.
  const save = page.getByRole("button", { name: "Save as new version" });
  assert.equal(await save.isDisabled(), true);
  await page.locator("#save-reason").filter({ hasText: "Saving is off until the problem above is fixed." }).waitFor();
  await page.getByRole("region", { name: /1 problem to fix/ }).waitFor();
  await threshold.evaluate((input) => input.scrollIntoView({ block: "center" }));
  await page.screenshot({ path: `${shots}program-invalid-en.png`, fullPage: false });

  // The same problem, in the merchant's language.
  await chooseLanguage("de");
  await error.filter({ hasText: "darf nicht negativ sein und muss über der Schwelle der vorigen Stufe liegen" }).waitFor();
  await page.locator("#save-reason").filter({ hasText: "Speichern ist erst möglich" }).waitFor();
  await chooseLanguage("en");

  // The JSON view marks the field at its JSON path, as a lint diagnostic.
  // The tabs follow the arrow keys.
  await page.getByRole("tab", { name: "Form" }).focus();
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.getByRole("tab", { name: "JSON" }).getAttribute("aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-json");
  await page.locator(".cm-content").waitFor();
  // The summary's link goes to the problem in the JSON.
  await page.getByRole("button", { name: "VIP tiers › Level 2 › Threshold" }).click();
  // One line marked in the gutter; the mark covers the field and its value.
  const mark = page.locator(".cm-lintRange-error");
  await mark.first().waitFor();
  assert.equal(await page.locator(".cm-lint-marker-error").count(), 1);
  assert.match((await mark.allTextContents()).join(""), /"threshold":\s*10000/);
  // The diagnostic names the path and the engine's reason.
  await mark.first().hover();
  await page
    .locator(".cm-tooltip-lint")
    .filter({ hasText: "tiers.levels[1].threshold: must not be negative and must be above the previous level's" })
    .waitFor();
  assert.equal(await save.isDisabled(), true);
  await page.screenshot({ path: `${shots}program-json-invalid-en.png` });

  // A syntax error in the JSON also blocks saving.
  await page.locator(".cm-content").press("Control+End");
  await page.keyboard.type(",");
  await page.locator("#save-reason").filter({ hasText: "Saving is off until the JSON is valid." }).waitFor();
  await page.keyboard.press("Backspace");
  await page.locator("#save-reason").filter({ hasText: "Saving is off until the problem above is fixed." }).waitFor();

  // Fixed in the JSON view (the summary's link selects the field there): the form sees the same draft.
  await page.getByRole("button", { name: "VIP tiers › Level 2 › Threshold" }).click();
  await page.waitForFunction(() => getSelection().toString() === '"threshold": 10000');
  await page.keyboard.insertText('"threshold": 50000');
  await mark.first().waitFor({ state: "detached" });
  await page.getByRole("tab", { name: "Form" }).click();
  assert.equal(await threshold.inputValue(), "500.00");
  await error.waitFor({ state: "detached" });
  await page.locator("#save-reason").filter({ hasText: "No unsaved changes." }).waitFor();
});

test("segments and offers are edited in the form, and an offer for a missing segment is refused at its field", async () => {
  const segment = page.getByRole("group", { name: "Bought coffee beans in the last 90 days", exact: true });
  const offer = page.getByRole("group", { name: "Double points on beans again", exact: true });
  assert.equal(await segment.getByLabel("Bought one of these products").inputValue(), "espresso-beans, filter-beans");
  assert.equal(await offer.getByLabel("For the segment").inputValue(), "beans-buyers");
  // Renaming the segment leaves the offer aimed at an id that no longer exists.
  const id = segment.getByLabel("Id", { exact: true });
  await id.fill("beans");
  const error = page.locator('[data-error-for="offers[0].segment"]');
  await error.filter({ hasText: '"beans-buyers" is not a segment in program.segments' }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Save as new version" }).isDisabled(), true);
  await chooseLanguage("de");
  await error.filter({ hasText: "„beans-buyers“ ist keines der Segmente" }).waitFor();
  await chooseLanguage("en");
  await id.fill("beans-buyers");
  await error.waitFor({ state: "detached" });
  await page.locator("#save-reason").filter({ hasText: "No unsaved changes." }).waitFor();
});

test("the preview shows an unsaved change for a guest and a member; once saved, the shop shows it", async () => {
  const guest = page.frameLocator('iframe[data-audience="guest"]');
  const member = page.frameLocator('iframe[data-audience="member"]');
  const guestBar = guest.locator("treu-shipping-bar").locator(".label");
  const memberBar = member.locator("treu-shipping-bar").locator(".label");
  // The sample cart: espresso beans €24.90 and a mug €12.50 = €37.40 of €50.00.
  await guestBar.filter({ hasText: "€12.60 to free shipping" }).waitFor();
  await memberBar.filter({ hasText: "€12.60 to free shipping" }).waitFor();
  // The guest is invited to join; the member frame is the sample member's, who is not.
  await guest.locator("treu-points").filter({ hasText: "as a member" }).waitFor();
  await member.locator("treu-points").filter({ hasText: /points/ }).waitFor();
  assert.doesNotMatch(await member.locator("treu-points").textContent(), /as a member/);

  // Unsaved: €45.00 leaves €7.60 to go, in both frames; the shop still has €50.00.
  await page.getByRole("group", { name: "EUR", exact: true }).getByLabel("Free from (EUR)").fill("45");
  await guestBar.filter({ hasText: "€7.60 to free shipping" }).waitFor();
  await memberBar.filter({ hasText: "€7.60 to free shipping" }).waitFor();
  assert.equal(await storefrontShippingLabel("€50.00 to free shipping"), "€50.00 to free shipping");

  // The sample cart can change: one more mug (€12.50) unlocks free shipping.
  await page.getByLabel("Quantity of mug").fill("2");
  await guestBar.filter({ hasText: "Free shipping unlocked" }).waitFor();
  await page.getByLabel("Quantity of mug").fill("1");
  await guestBar.filter({ hasText: "€7.60 to free shipping" }).waitFor();
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: `${shots}program-en.png` });
  await page.locator(".preview-panel").evaluate((panel) => panel.scrollTo(0, panel.scrollHeight));
  await page.screenshot({ path: `${shots}program-preview-en.png` });

  // Save: a new version, said clearly, and the shop follows.
  await page.getByRole("button", { name: "Save as new version" }).click();
  await page.getByRole("status").filter({ hasText: "Saved. Version 2 is now in force in the shop." }).waitFor();
  await page.getByText("Version 2 is in force").waitFor();
  assert.equal(await storefrontShippingLabel("€45.00 to free shipping"), "€45.00 to free shipping");

  await chooseLanguage("de");
  await page.getByRole("heading", { level: 1, name: "Programm" }).waitFor();
  await guestBar.filter({ hasText: "7,60" }).waitFor();
  await page.evaluate(() => scrollTo(0, 0));
  await page.screenshot({ path: `${shots}program-de.png` });
  await page.getByRole("tab", { name: "JSON" }).click();
  await page.locator(".cm-content").waitFor();
  await page.screenshot({ path: `${shots}program-json-de.png` });
  await chooseLanguage("en");
  await page.locator(".cm-content").waitFor();
  await page.screenshot({ path: `${shots}program-json-en.png` });
  await page.getByRole("tab", { name: "Form" }).click();

  // Narrow screens: the preview stacks under the editor.
  await page.setViewportSize({ width: 375, height: 900 });
  await page.evaluate(() => scrollTo(0, 0));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), "nothing scrolls sideways at 375 px");
  await page.screenshot({ path: `${shots}program-375-en.png` });
  await page.locator(".preview-panel").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}program-375-preview-en.png` });
  await page.setViewportSize({ width: 1360, height: 1000 });
});

test("the versions page lists who saved what, shows the difference and restores an earlier version", async () => {
  await openDashboard("/program/versions");
  await page.getByRole("heading", { level: 1, name: "Program versions" }).waitFor();
  const row = (version) => page.locator(`tr[data-version="${version}"]`);
  await row(2).filter({ hasText: "Mira" }).filter({ hasText: "In force" }).waitFor();
  await row(1).waitFor();

  // Version 1 → 2: the threshold's line, removed and added, marked − and +.
  const removed = page.locator(".diff-removed");
  const added = page.locator(".diff-added");
  await removed.filter({ hasText: '"minimum": 5000' }).waitFor();
  assert.equal(await removed.count(), 1);
  assert.equal(await added.count(), 1);
  assert.match(await removed.textContent(), /^−.*"minimum": 5000/);
  assert.match(await added.textContent(), /^\+.*"minimum": 4500/);
  await page.screenshot({ path: `${shots}versions-en.png`, fullPage: true });

  // Restore asks first; cancelling changes nothing.
  await page.getByRole("button", { name: "Restore version 1" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore version 1?" });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  // Escape cancels too, and focus returns to the button that opened the question.
  await page.getByRole("button", { name: "Restore version 1" }).click();
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Restore version 1");
  assert.equal(await row(3).count(), 0);

  await page.getByRole("button", { name: "Restore version 1" }).click();
  await dialog.getByRole("button", { name: "Restore version 1" }).click();
  await page.getByRole("status").filter({ hasText: "Restored: version 1 is in force again, as version 3." }).waitFor();
  await row(3).filter({ hasText: "restored from version 1" }).filter({ hasText: "Mira" }).waitFor();
  assert.equal(await storefrontShippingLabel("€50.00 to free shipping"), "€50.00 to free shipping");

  // Comparing the restored version with version 1 shows no difference.
  await page.getByLabel("From", { exact: true }).selectOption("1");
  await page.getByLabel("To", { exact: true }).selectOption("3");
  await page.getByText("These two versions are the same.").waitFor();

  await chooseLanguage("de");
  await row(3).filter({ hasText: "wiederhergestellt aus Version 1" }).waitFor();
  await page.getByLabel("Von", { exact: true }).selectOption("1");
  await page.getByLabel("Bis", { exact: true }).selectOption("2");
  await page.locator(".diff-added").first().waitFor();
  await page.screenshot({ path: `${shots}versions-de.png`, fullPage: true });
  await chooseLanguage("en");

  // The editor now starts from the restored program.
  await openDashboard("/program");
  await page.getByText("Version 3 is in force").waitFor();
  assert.equal(await page.getByRole("group", { name: "EUR", exact: true }).getByLabel("Free from (EUR)").inputValue(), "50.00");

  // The browser logs the 401 of the first session lookup (before signing in) itself.
  const signedOut = "Failed to load resource: the server responded with a status of 401";
  const noise = messages.filter(
    (message) => (message.startsWith("pageerror") || message.startsWith("error")) && !message.includes(signedOut),
  );
  assert.deepEqual(noise, [], "no page errors and no console errors");
  await page.close();
});

test("the editor, its JSON view and the versions page pass axe-core's WCAG 2.1 AA checks in both languages", async () => {
  for (const locale of ["en-GB", "de-DE"]) {
    // axe is injected as a script, which the dashboard's CSP would refuse.
    const browserContext = await running.browser.newContext({ locale, bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const checked = await browserContext.newPage();
    await checked.goto(`${running.host.url}/admin/program`);
    await checked.locator("#sign-in-token").fill(ADMIN_TOKEN);
    await checked.locator("button[type=submit]").click();
    await checked.locator(".program-form").waitFor();
    // With a problem shown at its field, and with the preview running.
    await checked.locator("#field-tiers-levels-1-threshold").fill("1");
    await checked.locator('[data-error-for="tiers.levels[1].threshold"]').waitFor();
    assert.deepEqual(await accessibilityViolations(checked), [], `program form ${locale}`);
    await checked.locator("#tab-json").click();
    await checked.locator(".cm-lintRange-error, .cm-content").first().waitFor();
    assert.deepEqual(await accessibilityViolations(checked), [], `program JSON ${locale}`);
    await checked.goto(`${running.host.url}/admin/program/versions`);
    await checked.locator(".diff").waitFor();
    assert.deepEqual(await accessibilityViolations(checked), [], `versions ${locale}`);
    await browserContext.close();
  }
});
