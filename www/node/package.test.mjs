// The npm package in Node 20, installed as a theme's build or a merchant's
// preview script would have it: `import ... from "treu"` resolves pkg/ through
// node_modules, and the engine loads from the package's own .wasm file
// (Node's fetch cannot read file: URLs). Run after ./x build.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { snippet } from "../e2e/snippets.mjs";

const root = new URL("../../", import.meta.url).pathname;
const project = mkdtempSync(join(tmpdir(), "treu-node-"));
after(() => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, "node_modules"));
symlinkSync(join(root, "pkg"), join(project, "node_modules", "treu"), "dir");
const program = JSON.parse(readFileSync(join(root, "www/e2e/program.json"), "utf8"));

/** Runs `code` as an ES module of the project; resolves to what it printed as JSON. */
function run(code) {
  writeFileSync(join(project, "script.mjs"), code);
  return JSON.parse(execFileSync(process.execPath, ["script.mjs"], { cwd: project }).toString());
}

test('quote and validateProgram from "treu" run in Node', () => {
  const result = run(`
    import { quote, validateProgram } from "treu";
    const program = await validateProgram(${JSON.stringify(program)});
    const cart = { currency: "EUR", lines: [{ productId: "espresso-beans", quantity: 2, unitPrice: 2490 }] };
    const result = await quote(program, cart);
    console.log(JSON.stringify({ version: program.version, earn: result.earn.total, remaining: result.freeShipping.remaining }));
  `);
  // 49.80 € at 1 point per euro; 0.20 € short of the 50 € threshold.
  assert.deepEqual(result, { version: 1, earn: 49, remaining: 20 });
});

test("an invalid program rejects with a TreuInputError naming each path", () => {
  const result = run(`
    import { validateProgram, TreuInputError } from "treu";
    try {
      await validateProgram({ version: 1, currency: "EUR", redemptions: [{ id: "x", kind: "amountOff", points: -1 }] });
      console.log(JSON.stringify({ resolved: true }));
    } catch (error) {
      console.log(JSON.stringify({ input: error instanceof TreuInputError, error: error instanceof Error, name: error.name, paths: error.errors.map((e) => e.path) }));
    }
  `);
  assert.equal(result.input, true);
  assert.equal(result.error, true);
  assert.equal(result.name, "TreuInputError");
  assert.ok(result.paths.includes("program.redemptions[0].points"), result.paths.join(", "));
});

test("the package README's quote snippet runs in Node as pasted and prints what its comments say", () => {
  const code = snippet("pkg-template/README.md", "js", "await quote(");
  writeFileSync(join(project, "readme.mjs"), code);
  const printed = execFileSync(process.execPath, ["readme.mjs"], { cwd: project }).toString();
  const promised = [...code.matchAll(/console\.log\(.*\); \/\/ (.+)$/gm)].map((match) => match[1].replace(/^"|"$/g, ""));
  assert.deepEqual(printed.trim().split("\n"), promised);
});
