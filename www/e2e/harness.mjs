// Shared parts of the end-to-end tests: the real host binary on a free loopback
// port with a real SQLite file, and headless Debian Chromium via playwright-core.

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const root = new URL("../../", import.meta.url).pathname;

/** Starts `treu-host serve` on a free port with a fresh database, serving the
 * demo shop and the script-tag build unless other `statics` are given. With
 * `port` it listens there, with `dir` it keeps its database in that folder
 * (which the caller removes), so a stopped host can be started again as it
 * was; `env` adds environment variables (e.g. `TREU_SHOP_SECRET`). */
export async function startHost({
  program = "www/demo-program.json",
  statics = ["/=www/demo", "/treu=dist"],
  port = 0,
  dir,
  env = {},
} = {}) {
  const bin = hostBin();
  const ownDir = !dir;
  dir ??= mkdtempSync(join(tmpdir(), "treu-e2e-"));
  const child = spawn(
    bin,
    ["serve", "--port", String(port), "--program", program, ...statics.flatMap((mount) => ["--static", mount])],
    {
      cwd: root,
      env: { ...process.env, TREU_DATABASE_URL: `sqlite://${join(dir, "treu.sqlite")}`, RUST_LOG: "warn", ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
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
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const code = await exited;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

function hostBin() {
  return process.env.TREU_HOST_BIN ?? join(root, "target/debug/treu-host");
}

/** A customer token for `customer`, signed with `secret` by `treu-host mint-token`. */
export function mintToken(customer, secret) {
  const minted = spawnSync(hostBin(), ["mint-token", "--customer", customer], {
    env: { ...process.env, TREU_SHOP_SECRET: secret },
    encoding: "utf8",
  });
  if (minted.status !== 0) throw new Error(`mint-token failed: ${minted.stderr}`);
  return minted.stdout.trim();
}

/** Launches headless Chromium (Debian's package; nothing is downloaded). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
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
}

/** Collects console messages and page errors, to assert that treu stays quiet. */
export function watchConsole(page) {
  const messages = [];
  page.on("console", (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => messages.push(`pageerror: ${error.message}`));
  return messages;
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
