// Shared parts of the end-to-end tests: the real host binary on a free loopback
// port with a real SQLite file, and headless Debian Chromium via playwright-core.

import { execFileSync, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { unhashedName } from "../../scripts/weight.mjs";

const root = new URL("../../", import.meta.url).pathname;
const bin = process.env.TREU_HOST_BIN ?? join(root, "target/debug/treu-host");
const SHOP_SECRET = "e2e-shop-secret";

/** The demo customers `seed-demo` creates. */
export const DEMO_CUSTOMERS = {
  "demo-ann": "Ann Lee",
  "demo-bo": "Bo Berg",
  "demo-cy": "Cy Park",
  "demo-dee": "Dee Ortiz",
};

/** A customer token for `customer`, signed with `secret` as the shop backend would. */
/**
 * Writes `www/e2e/program.json` into `dir` with newsletter sign-ups earning
 * every time, so a second delivery of one action shows as a second earn
 * instead of being refused by the action's cap. Returns the file's path.
 */
export function writeUncappedNewsletterProgram(dir) {
  const program = JSON.parse(readFileSync(new URL("program.json", import.meta.url), "utf8"));
  program.actions = program.actions.map((rule) => (rule.action === "newsletter" ? { ...rule, cap: "unlimited" } : rule));
  const path = join(dir, "program.json");
  writeFileSync(path, JSON.stringify(program));
  return path;
}

export function mintToken(customer, { name, secret = SHOP_SECRET } = {}) {
  const args = ["mint-token", "--customer", customer, "--ttl", "1h", ...(name ? ["--name", name] : [])];
  return execFileSync(bin, args, { cwd: root, env: { ...process.env, TREU_SHOP_SECRET: secret } })
    .toString()
    .trim();
}

/**
 * Starts `treu-host serve` on a free port with a fresh database, serving the
 * demo shop and the script-tag build unless other `statics` are given. With
 * `seed`, the database holds the demo customers (as `./x demo` seeds them) and
 * `host.accounts` their signed tokens, also served at
 * `/demo-session/accounts.json` for the demo's "signed in as" menu. With
 * `port` it listens there, with `dir` it keeps its database in that folder
 * (which the caller removes), so a stopped host can be started again as it
 * was; `env` adds environment variables (e.g. another `TREU_SHOP_SECRET`).
 * Serving the demo shop also serves its backend (`--demo-shop`), as `./x
 * demo` does; `movableClock` lets its clock panel move the host's clock.
 * With `adminToken` the host has TREU_ADMIN_TOKEN set, which switches on the
 * admin API and the dashboard at /admin.
 */
export async function startHost({
  program = "www/demo-program.json",
  statics = ["/=www/demo", "/treu=dist"],
  seed = false,
  port = 0,
  dir,
  adminToken,
  env: extraEnv = {},
  movableClock = false,
} = {}) {
  const ownDir = !dir;
  dir ??= mkdtempSync(join(tmpdir(), "treu-e2e-"));
  const env = {
    ...process.env,
    TREU_DATABASE_URL: `sqlite://${join(dir, "treu.sqlite")}`,
    TREU_SHOP_SECRET: SHOP_SECRET,
    RUST_LOG: "warn",
    ...(adminToken ? { TREU_ADMIN_TOKEN: adminToken } : {}),
    ...extraEnv,
  };
  const accounts = {};
  const session = join(dir, "session");
  mkdirSync(session, { recursive: true });
  if (seed) {
    execFileSync(bin, ["seed-demo", "--program", program], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
    for (const [id, name] of Object.entries(DEMO_CUSTOMERS)) {
      accounts[id] = { id, name, about: "demo customer", token: mintToken(id, { name, secret: env.TREU_SHOP_SECRET }) };
    }
  }
  writeFileSync(join(session, "accounts.json"), JSON.stringify(Object.values(accounts)));
  const demo = statics.includes("/=www/demo");
  const mounts = demo ? [...statics, `/demo-session=${session}`] : statics;
  const flags = [...(demo ? ["--demo-shop"] : []), ...(movableClock ? ["--movable-clock"] : [])];
  const child = spawn(
    bin,
    ["serve", "--port", String(port), "--program", program, ...flags, ...mounts.flatMap((mount) => ["--static", mount])],
    { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`treu-host did not start: ${out}`)), 15_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on("exit", (code) => reject(new Error(`treu-host exited with ${code}: ${out}`)));
  });
  return {
    url,
    accounts,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const code = await exited;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/**
 * Sends `event` to the host's order webhook as the platform would: the raw
 * JSON signed with the shop secret (`Treu-Signature: t=…,v1=<HMAC-SHA256>`,
 * see docs/host.md). Resolves to the answer's status and JSON.
 */
export async function sendOrderWebhook(url, event, { secret = SHOP_SECRET } = {}) {
  const body = JSON.stringify(event);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  const response = await fetch(`${url}/v1/webhooks/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", "treu-signature": `t=${t},v1=${v1}` },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The private temporary folders of the browsers still running, removed at exit. */
const browserDirs = new Set();
process.on("exit", () => browserDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * Launches headless Chromium (Debian's package; nothing is downloaded) with
 * TMPDIR pointing at a folder of its own: Chromium puts its profile copies and
 * `org.chromium.Chromium.scoped_dir.*` folders (about 24 MB each) there, and
 * leaves them behind when it is stopped rather than shut down. The folder is
 * removed once the browser is gone, or when this process exits.
 */
export async function launchBrowser() {
  const dir = mkdtempSync(join(tmpdir(), "treu-chromium-"));
  browserDirs.add(dir);
  const remove = () => {
    rmSync(dir, { recursive: true, force: true });
    browserDirs.delete(dir);
  };
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      env: { ...process.env, TMPDIR: dir },
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
  } catch (error) {
    remove();
    throw error;
  }
  browser.on("disconnected", remove);
  return browser;
}

/** The file of dist/ a request's `url` asks for, by the name it has in pkg/:
 * without the build's hash that dist/'s names carry (scripts/weight.mjs). */
export function treuFile(url) {
  return unhashedName(new URL(url).pathname.split("/").pop());
}

/** A `page.route` matcher for the file of dist/ named `file` (as `treuFile` gives it). */
export const treuFileRoute = (file) => (url) => treuFile(url) === file;

/** Collects console messages and page errors, to assert that treu stays quiet. */
export function watchConsole(page) {
  const messages = [];
  page.on("console", (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => messages.push(`pageerror: ${error.message}`));
  return messages;
}

/**
 * The console messages treu itself wrote: without Chromium's own reports of a
 * request that failed while a test holds the API down ("Failed to load
 * resource", and, for the cross-origin API, "Access to fetch at … from origin …").
 */
export function ours(messages) {
  return messages.filter(
    (m) => !m.includes("Failed to load resource") && !/^error: Access to fetch at '[^']*' from origin/.test(m),
  );
}

/**
 * For a test file: starts the host (with `options` as for `startHost`) and a
 * browser before its tests and stops both after them. The returned object
 * gets `host`, `browser` and, once stopped, the host's `exitCode`.
 */
export function useHostAndBrowser(options) {
  const context = {};
  before(async () => {
    context.host = await startHost(options);
    context.browser = await launchBrowser();
  });
  after(async () => {
    await context.browser?.close();
    context.exitCode = await context.host?.stop();
  });
  return context;
}

/** Makes `page` the demo shop of `account` (from `host.accounts`): the demo's
 * account.js hands its token to treu's script tag, as a shop backend would. */
export async function signIn(page, account) {
  await page.addInitScript((value) => localStorage.setItem("demo-shop-account", value), JSON.stringify(account));
}
