// The dashboard's Events page, end to end: the real host (fast retries) and a
// real HTTP receiver on loopback that refuses each event's first attempt. The
// merchant adds an endpoint (a non-http URL is refused at the URL field), sees
// the secret once, and the log shows an order's event delivered after a retry,
// signed with that secret; Replay sends the same event id again.
// Needs `./x build` (the dashboard is embedded into treu-host) and `cargo build -p treu-host`.

import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { after, before, test } from "node:test";
import { ADMIN_TOKEN, postOrders } from "./dashboard-orders.mjs";
import { context, newPage, openSignedIn, problems } from "./dashboard-page.mjs";
import { launchBrowser, sendOrderWebhook, startHost } from "./harness.mjs";

before(async () => {
  // Retries after 50 ms instead of 10 s, so a refused first attempt costs milliseconds.
  const env = { TREU_EVENT_RETRY_BASE_MS: "50", TREU_EVENT_RETRY_CAP_MS: "200", TREU_EVENT_POLL_MS: "25" };
  context.host = await startHost({ adminToken: ADMIN_TOKEN, env });
  context.browser = await launchBrowser();
  await postOrders(context.host.url);
});
after(async () => {
  await context.browser?.close();
  await context.host?.stop();
});

/** A receiver that answers 503 to the first attempt of each event id, then 200. */
async function startReceiver() {
  const received = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const id = request.headers["treu-event-id"];
      const status = received.some((earlier) => earlier.id === id) ? 200 : 503;
      received.push({ id, headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), status });
      response.writeHead(status).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks/treu`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Whether `header` signs `body` with `secret` (docs/events.md). */
function signedWith({ headers, body }, secret) {
  const parts = headers["treu-signature"].split(",").map((part) => part.split("="));
  const t = parts.find(([key]) => key === "t")[1];
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return parts.some(([key, value]) => key === "v1" && value === expected);
}

/** Waits (at most 30 s) until `check()` is true. */
async function eventually(what, check) {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test("the merchant configures an endpoint, sees each event delivered in the log, and replays one", async () => {
  const hook = await startReceiver();
  const page = await newPage();
  await openSignedIn(page, "/events");
  await page.getByRole("heading", { level: 1, name: "Events" }).waitFor();
  // The orders posted before any endpoint existed are recorded but not sent.
  await page.locator('table.event-log tr[data-status="unsent"]').first().waitFor();
  await page.getByText("No endpoint yet: events are recorded, but not sent anywhere.").waitFor();

  const url = page.getByLabel("URL", { exact: true });
  await url.fill("ftp://files.example/in");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByText("Only http:// and https:// addresses can receive events.").waitFor();
  assert.equal(await url.getAttribute("aria-invalid"), "true");
  await page.getByText("Choose at least one event.").waitFor();
  // The host's own check, named at the same field: no credentials in the URL.
  await url.fill("https://user:secret@hooks.example/in");
  await page.getByRole("checkbox", { name: /Points earned/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByText("must not carry a user name or password").waitFor();
  assert.equal(await url.getAttribute("aria-invalid"), "true");

  await url.fill(hook.url);
  await page.getByLabel("Description (optional)").fill("Newsletter tool");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secretField = page.getByLabel("Secret", { exact: true });
  await secretField.waitFor();
  const secret = await secretField.inputValue();
  assert.match(secret, /^tsec_[0-9a-f]{32}$/);
  const row = page.locator("table.endpoints tbody tr");
  await row.filter({ hasText: hook.url }).waitFor();
  assert.match(await row.textContent(), new RegExp(`…${secret.slice(-4)}`));
  await page.getByRole("button", { name: "I have copied it" }).click();
  assert.equal(await page.locator(`text=${secret}`).count(), 0, "the secret is shown once");

  // An order: its points.earned goes to the endpoint, refused once, then delivered.
  const placedAt = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, "Z");
  const paid = await sendOrderWebhook(context.host.url, {
    id: "evt-paid-o-ann-events",
    type: "order.paid",
    order: { id: "o-ann-events", customerId: "c-ann", total: 1500, placedAt,
             cart: { currency: "EUR", lines: [{ productId: "mug", quantity: 1, unitPrice: 1500 }] } },
  });
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  await eventually("the delivery", () => hook.received.some((request) => request.status === 200));
  const [first, second] = hook.received;
  assert.deepEqual([first.status, second.status], [503, 200]);
  assert.equal(first.id, second.id);
  assert.ok(signedWith(second, secret), "signed with the endpoint's secret");
  const body = JSON.parse(second.body);
  assert.equal(body.type, "points.earned");
  assert.equal(body.customer.id, "c-ann");
  assert.equal(body.data.orderId, "o-ann-events");

  await page.getByLabel("Show").selectOption("points.earned");
  const delivered = page.locator(`table.event-log tr[data-event="${body.id}"]`);
  await eventually("the log to show it delivered", async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    return (await delivered.getAttribute("data-status", { timeout: 2000 }).catch(() => null)) === "delivered";
  });
  assert.match(await delivered.textContent(), /Points earned.*c-ann.*Delivered/);

  await delivered.getByRole("button", { name: "Replay Points earned for c-ann" }).click();
  await page.getByText("Points earned is queued again, with the same event id.").waitFor();
  await eventually("the replay", () => hook.received.filter((request) => request.status === 200).length === 2);
  const replayed = hook.received.at(-1);
  assert.equal(replayed.id, body.id, "the same event id");
  assert.equal(replayed.body, second.body, "the same body");

  assert.deepEqual(problems(page), []);
  await page.context().close();
  await hook.close();
});
