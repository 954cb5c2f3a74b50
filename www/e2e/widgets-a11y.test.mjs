// Every widget state audited with axe-core in Chromium: guest, member,
// thank-you (the referral prompt) and win-back, each with the launcher's panel
// closed and open. No serious or critical finding inside treu's elements.

import assert from "node:assert/strict";
import { test } from "node:test";
import { signIn, useHostAndBrowser, watchConsole } from "./harness.mjs";

const running = useHostAndBrowser({ seed: true });
const AXE = new URL("../node_modules/axe-core/axe.min.js", import.meta.url).pathname;

async function visit(customer, path = "/") {
  const context = await running.browser.newContext({ viewport: { width: 1100, height: 900 }, reducedMotion: "reduce" });
  const page = await context.newPage();
  const messages = watchConsole(page);
  if (customer) await signIn(page, running.host.accounts[customer]);
  await page.addInitScript(() => localStorage.setItem("demo-shop-cart", JSON.stringify({ "espresso-beans": 1 })));
  await page.goto(`${running.host.url}${path}`);
  return { context, page, messages, launcher: page.locator("treu-launcher") };
}

/** axe-core's serious and critical findings inside treu's elements, as "rule: element (name)" lines. */
async function findings(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const include = ["treu-launcher", "treu-shipping-bar", "treu-points", "treu-referral"]
      .filter((name) => document.querySelector(name))
      .map((name) => [name]);
    const result = await globalThis.axe.run(
      { include },
      {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        // Experimental in axe-core, so off by default: the visible words must be in the name (WCAG 2.5.3).
        rules: { "label-content-name-mismatch": { enabled: true } },
      },
    );
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${JSON.stringify(node.target)} ${node.failureSummary}`));
  });
}

/** Audits the page, opens the panel, audits again. */
async function auditClosedAndOpen(page, launcher) {
  const closed = await findings(page);
  await launcher.locator(".button").click();
  await page.getByRole("dialog", { name: "Rewards" }).waitFor();
  const open = await findings(page);
  return [...closed.map((f) => `closed: ${f}`), ...open.map((f) => `open: ${f}`)];
}

test("guest: no serious or critical axe finding", async () => {
  const { context, page, messages, launcher } = await visit(null);
  await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "guest");
  assert.deepEqual(await auditClosedAndOpen(page, launcher), []);
  assert.deepEqual(messages, []);
  await context.close();
});

test("member: no serious or critical axe finding; long tier names and codes wrap", async () => {
  const { context, page, messages, launcher } = await visit("demo-ann");
  await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.state === "member");
  assert.deepEqual(await auditClosedAndOpen(page, launcher), []);
  const wraps = await launcher.evaluate((el) =>
    [".tier-name", ".tier-next", ".code-detail", ".item-label"].map((selector) => {
      const probe = document.createElement("p");
      probe.className = selector.slice(1);
      el.shadowRoot.querySelector("[role=dialog]").append(probe);
      const wrap = getComputedStyle(probe).overflowWrap;
      probe.remove();
      return `${selector}: ${wrap}`;
    }),
  );
  assert.deepEqual(wraps, [".tier-name: anywhere", ".tier-next: anywhere", ".code-detail: anywhere", ".item-label: anywhere"]);
  assert.deepEqual(messages, []);
  await context.close();
});

test("thank-you page with the referral prompt: no serious or critical axe finding", async () => {
  const { context, page, messages, launcher } = await visit("demo-ann", "/thank-you.html");
  await page.locator("treu-referral").locator(".referral-offer").waitFor();
  assert.deepEqual(await auditClosedAndOpen(page, launcher), []);
  assert.deepEqual(messages, []);
  await context.close();
});

test("win-back: the launcher's name starts with the words it shows, and no serious or critical axe finding", async () => {
  const { context, page, messages, launcher } = await visit("demo-bo");
  await page.waitForFunction(() => document.querySelector("treu-launcher")?.dataset.offer === "win-back");
  const button = launcher.locator(".button");
  const shown = (await launcher.locator(".button-label").textContent()).trim();
  assert.equal(shown, "Welcome back!");
  assert.match(await button.getAttribute("aria-label"), /^Welcome back! Rewards: [\d,]+ points$/);
  assert.deepEqual(await auditClosedAndOpen(page, launcher), []);
  assert.deepEqual(messages, []);
  await context.close();
});
