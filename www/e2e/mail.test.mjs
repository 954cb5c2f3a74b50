// Mail, end to end: the real host sends to a real SMTP server on loopback
// (aiosmtpd, as `./x demo` runs it) and shows its Maildir as the dashboard's
// Inbox. A member asks for mails, follows the opt-in mail's link; the
// merchant moves the clock a year on and the expiring-points mail appears in
// the Inbox, with its one-click unsubscribe header; the customer's page shows
// the consent, and the merchant unsubscribes them there.
// Needs `./x build` (the dashboard is embedded into treu-host), `cargo build
// -p treu-host`, and aiosmtpd (`./x test` installs it; TREU_SMTP_PYTHON).

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ADMIN_TOKEN } from "./dashboard-orders.mjs";
import { context, newPage, openSignedIn, problems } from "./dashboard-page.mjs";
import { launchBrowser, startHost } from "./harness.mjs";

const SHOP_SECRET = "e2e-shop-secret";
const root = new URL("../../", import.meta.url).pathname;
let sink;

/** A free loopback port. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts aiosmtpd on loopback, storing mails in a Maildir; waits until it accepts connections. */
async function startSink() {
  const python = process.env.TREU_SMTP_PYTHON ?? join(root, "target/smtp-venv/bin/python");
  assert.ok(existsSync(python), "aiosmtpd is missing: ./x test installs it into target/smtp-venv");
  const dir = mkdtempSync(join(tmpdir(), "treu-mail-"));
  const maildir = join(dir, "Maildir");
  const port = await freePort();
  const child = spawn(python, ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${port}`, "-c", "aiosmtpd.handlers.Mailbox", maildir], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  // The Maildir's folder goes with the sink, once aiosmtpd has stopped writing to it.
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    child.kill();
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => (socket.end(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error("aiosmtpd did not listen");
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `smtp://127.0.0.1:${port}`, maildir, stop };
}

/** A customer token with an e-mail address (HS256, as a shop backend signs it). */
function memberToken(sub, email, name) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub, email, name, exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac("sha256", SHOP_SECRET).update(body).digest("base64url")}`;
}

async function call(method, path, { token = ADMIN_TOKEN, body, headers = {} } = {}) {
  const response = await fetch(`${context.host.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.status < 300, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  sink = await startSink();
  const env = { TREU_SMTP_URL: sink.url, TREU_MAIL_INBOX: sink.maildir, TREU_MAIL_FROM: "Beans <loyalty@beans.example>" };
  context.host = await startHost({ adminToken: ADMIN_TOKEN, movableClock: true, env });
  context.browser = await launchBrowser();
});
after(async () => {
  await context.browser?.close();
  await context.host?.stop();
  await sink?.stop();
});

test("moving the clock a year on brings the expiring-points mail into the dashboard's Inbox", async () => {
  // No quiet hours, whatever the time of day this runs at.
  await call("PUT", "/v1/admin/mail/settings", {
    body: { shopName: "Beans", defaultLanguage: "en", timezone: "Europe/Berlin", quietStart: "00:00", quietEnd: "00:00" },
  });
  const token = memberToken("m-ann", "ann@example.com", "Ann");
  const requested = await call("PUT", "/v1/me/mail-consent", { token, body: { marketing: true } });
  assert.equal(requested.status, "requested");
  const { mails } = await call("GET", "/v1/admin/mail/inbox");
  assert.equal(mails.length, 1);
  const link = /\S*\/v1\/mail\/confirm\?token=\S+/.exec(mails[0].text)[0];
  const confirmed = await fetch(link, { method: "POST" });
  assert.equal(confirmed.status, 200);
  assert.equal((await call("GET", "/v1/me/mail-consent", { token })).status, "confirmed");
  // 10 points that expire in 365 days.
  await call("POST", "/v1/admin/customers/m-ann/adjustments", {
    body: { points: 10, reason: "welcome" },
    headers: { "idempotency-key": "e2e-mail-adjust" },
  });

  const page = await newPage();
  await openSignedIn(page, "/mail");
  await page.getByRole("heading", { level: 1, name: "Mail" }).waitFor();
  const inbox = page.locator(".mail-inbox-subject");
  await inbox.filter({ hasText: "Please confirm" }).waitFor();
  assert.equal(await inbox.filter({ hasText: "points expire" }).count(), 0);

  // The warning window opens 7 days before expiry.
  await call("POST", "/v1/admin/clock", { body: { advanceDays: 358 } });
  await page.getByRole("button", { name: "Refresh" }).last().click();
  await inbox.filter({ hasText: "10 points expire" }).waitFor();
  await page.locator(".mail-inbox-item", { hasText: "10 points expire" }).locator("summary").click();
  await page.getByText(/List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/v1\/mail\/unsubscribe\?token=/).waitFor();
  await page.getByText("(List-Unsubscribe=One-Click)").waitFor();
  // The log says it was sent.
  await page.getByRole("button", { name: "Refresh" }).first().click();
  await page.locator('table.mail-log tr[data-status="sent"]', { hasText: "Points expiring" }).waitFor();

  // The template editor previews a draft for the sample customer as it is typed.
  await page.getByLabel("Mail", { exact: true }).selectOption("points.expiring");
  await page.getByLabel("Language", { exact: true }).selectOption("en");
  await page.getByLabel("Subject", { exact: true }).fill("Hurry, {{ customer.name }}");
  await page.locator('[data-preview="subject"]', { hasText: "Hurry, Ann Example" }).waitFor();

  // The customer's page shows the consent and lets the merchant unsubscribe them.
  await page.goto(`${context.host.url}/admin/customers/m-ann`);
  await page.getByText("Confirmed: treu may send marketing mails.").waitFor();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await page.getByText("Unsubscribed: treu sends no marketing mails.").waitFor();
  assert.equal((await call("GET", "/v1/me/mail-consent", { token })).status, "unsubscribed");
  assert.deepEqual(problems(page), []);
});
