// The merchant dashboard at /admin, end to end: the real host (with an admin
// token) and its embedded dashboard in headless Chromium. Orders arrive as
// signed webhooks; the test computes the report's figures from them itself.
// Needs `./x build` (the dashboard is embedded into treu-host at compile time)
// and `cargo build -p treu-host`.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { expectedReport } from "./dashboard-orders.mjs";
import { newPage, openSignedIn, parseCsv, problems, signIn, tableCells, useDashboard } from "./dashboard-page.mjs";

const context = useDashboard();

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
  // What the host answered from the click on, for the message if the notice
  // does not come (it timed out twice, in about one full run of six).
  const answers = [];
  page.on("response", (response) => {
    answers.push(`${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`);
  });
  await page.getByRole("button", { name: "Sign out" }).click();
  await page
    .getByText("You have signed out.")
    .waitFor()
    .catch(async (error) => {
      const shown = await page.locator("main").innerText().catch(() => "(no main)");
      throw new Error(
        `${error.message}\nat ${page.url()} the page shows: ${shown}\nanswers since the click: ${answers.join(", ")}\n` +
          problems(page).join("\n"),
      );
    });
  await page.waitForURL(/\/admin\/sign-in/);
  assert.equal(await page.evaluate(async () => (await fetch("/v1/admin/session")).status), 401);
  await page.goto(`${context.host.url}/admin/reports`);
  await page.waitForURL(/\/admin\/sign-in\?next=%2Freports$/);
  await page.context().close();
});

test("a save the host refuses after the merchant signed out leaves the sign-out notice", async () => {
  const page = await newPage();
  await openSignedIn(page, "/events");
  const settings = page.getByRole("region", { name: "Warnings ahead of expiry" });
  // The save waits in the browser until the merchant signed out; the host then refuses it.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/v1/admin/events/settings", async (route) => {
    if (route.request().method() === "PUT") await held;
    await route.continue();
  });
  await settings.getByRole("button", { name: "Save" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByText("You have signed out.").waitFor();
  const refused = page.waitForResponse((response) => response.request().method() === "PUT");
  release();
  assert.equal((await refused).status(), 401);
  // The dashboard reads the refusal after its answer came: a task later.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  assert.equal(await page.getByText("Your session has ended.").count(), 0);
  assert.equal(await page.getByText("You have signed out.").count(), 1);
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
  // A period in the address with its end first is not asked for; the page says so.
  await page.goto(`${context.host.url}/admin/reports?from=${to}&to=${from}`);
  await page.getByText("The period in the address is not a valid pair of dates").waitFor();
  await page.locator("#points-table table").waitFor();
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
  // Every state the page is ever in, recorded as it changes: no render may
  // show one search's results under the next search's count, not even for one
  // frame.
  await page.evaluate(() => {
    window.seenResults = [];
    new MutationObserver(() => {
      const status = document.querySelector(".result-count")?.textContent;
      const names = [...document.querySelectorAll("table.customers tbody th a")].map((link) => link.textContent);
      if (status) window.seenResults.push({ status, names });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  for (const [q, name] of [["dee", "Dee Ortiz"], ["c-cy", "Cy Park"], ["BO BERG", "Bo Berg"]]) {
    await search.fill(q);
    await search.press("Enter");
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(q).replace("%20", "(%20|\\+)")}$`));
    await page.getByText(`customer matches “${q}”`).waitFor();
    assert.deepEqual(await page.locator("table.customers tbody th a").allTextContents(), [name]);
    const shown = await page.evaluate((q) => window.seenResults.filter((seen) => seen.status.includes(`“${q}”`)), q);
    assert.ok(shown.length > 0);
    for (const seen of shown) assert.deepEqual(seen.names, [name], `under “${q}”`);
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
