// The npm engine entry's JS boundary in Node 20: plain objects cross into the
// engine through serde-wasm-bindgen, and it stays as strict as the host. Every
// bad input in tests/fixtures/input_errors.json (the host's and the
// storefront's expectations) is refused by `quote()` / `validateProgram()`
// with the same path and the same words. Run after ./x build.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

const root = new URL("../../", import.meta.url).pathname;
const project = mkdtempSync(join(tmpdir(), "treu-engine-"));
after(() => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, "node_modules"));
symlinkSync(join(root, "pkg"), join(project, "node_modules", "treu"), "dir");
const program = JSON.parse(readFileSync(join(root, "www/e2e/program.json"), "utf8"));
const fixtures = JSON.parse(readFileSync(join(root, "tests/fixtures/input_errors.json"), "utf8"));

/** Runs `code` (with `program` and `fixtures` defined) as an ES module of the project; resolves to what it printed as JSON. */
function run(code) {
  const prelude = `const program = ${JSON.stringify(program)};\nconst fixtures = ${JSON.stringify(fixtures)};\n`;
  writeFileSync(join(project, "script.mjs"), prelude + code);
  return JSON.parse(execFileSync(process.execPath, ["script.mjs"], { cwd: project }).toString());
}

test("every input error fixture is refused with the host's path and reason", () => {
  const results = run(`
    import { quote, validateProgram } from "treu";
    const firstError = (promise) => promise.then(
      () => ({ path: "(accepted)", reason: "" }),
      (error) => ({ path: error.errors[0].path, reason: error.errors[0].reason }),
    );
    const results = [];
    for (const fixture of fixtures) {
      const answer = fixture.input === "program"
        ? await firstError(validateProgram(fixture.value))
        : await firstError(quote(program, fixture.value, null, "2026-01-01T00:00:00Z"));
      results.push(answer);
    }
    console.log(JSON.stringify(results));
  `);
  assert.equal(results.length, fixtures.length);
  fixtures.forEach((fixture, index) => {
    assert.deepEqual(results[index], { path: fixture.path, reason: fixture.reason }, JSON.stringify(fixture.value));
  });
});

test("an undefined property reads as missing, as JSON would have it, and explicit null does not", () => {
  const result = run(`
    import { quote } from "treu";
    const line = { productId: "espresso-beans", quantity: 2, unitPrice: 2490 };
    const missing = await quote(program, { currency: "EUR", lines: [line], shipping: undefined }, undefined, 1767225600);
    const nulled = await quote(program, { currency: "EUR", lines: [line], shipping: null }, undefined, 1767225600).then(
      () => "accepted",
      (error) => error.errors.map((problem) => problem.path + ": " + problem.reason),
    );
    console.log(JSON.stringify({ earn: missing.earn.total, nulled }));
  `);
  assert.deepEqual(result, { earn: 49, nulled: ["cart.shipping: invalid type: null, expected i64"] });
});

test("a cyclic input or a BigInt beyond 64 bits is an input error at its root, not a crash", () => {
  const result = run(`
    import { quote } from "treu";
    const cart = { currency: "EUR", lines: [] };
    cart.lines.push({ productId: "x", quantity: 1, unitPrice: 1, self: cart });
    const problems = (promise) => promise.then(() => "accepted", (error) => [error.name, error.errors.map((problem) => problem.path)]);
    const cyclic = await problems(quote(program, cart));
    const bigint = await problems(quote(program, { currency: "EUR", lines: [{ productId: "x", quantity: 2n ** 70n, unitPrice: 1 }] }));
    // A BigInt that fits is the whole number it holds.
    const small = await quote(program, { currency: "EUR", lines: [{ productId: "x", quantity: 3n, unitPrice: 1000 }] });
    // The module keeps working afterwards.
    const after = await quote(program, { currency: "EUR", lines: [{ productId: "x", quantity: 1, unitPrice: 1000 }] });
    console.log(JSON.stringify({ cyclic, bigint, small: small.earn.total, earn: after.earn.total }));
  `);
  assert.deepEqual(result.cyclic, ["TreuInputError", ["cart"]]);
  assert.deepEqual(result.bigint, ["TreuInputError", ["cart"]]);
  assert.equal(result.small, 30);
  assert.equal(result.earn, 10);
});

test("a quote comes back as plain objects with money and points as numbers", () => {
  const result = run(`
    import { quote, validateProgram } from "treu";
    const cart = { currency: "EUR", lines: [{ productId: "espresso-beans", quantity: 2, unitPrice: 2490 }] };
    const answer = await quote(program, cart, null, "2026-01-01T00:00:00Z");
    const validated = await validateProgram(program);
    const kinds = (value) => Object.getPrototypeOf(value) === Object.prototype ? "object" : Array.isArray(value) ? "array" : typeof value;
    console.log(JSON.stringify({
      quote: kinds(answer), earn: typeof answer.earn.total, remaining: typeof answer.freeShipping.remaining,
      program: kinds(validated), version: typeof validated.version,
      roundTrip: JSON.parse(JSON.stringify(answer)).earn.total === answer.earn.total,
    }));
  `);
  assert.deepEqual(result, { quote: "object", earn: "number", remaining: "number", program: "object", version: "number", roundTrip: true });
});

test("what JSON text would write otherwise is read as the object it is: a Date, a function, a Map, an integer beyond 2^53", () => {
  const result = run(`
    import { quote } from "treu";
    const line = { productId: "espresso-beans", quantity: 2, unitPrice: 2490 };
    const outcome = (cart, customer) => quote(program, cart, customer, "2026-01-01T00:00:00Z").then(
      (answer) => answer.earn.total,
      (error) => error.errors.map((problem) => problem.path + ": " + problem.reason).join("; "),
    );
    const placedAt = new Date("2025-01-01T00:00:00Z");
    console.log(JSON.stringify({
      // JSON.stringify writes 2^53 as a whole number; as a JS number it is no exact integer.
      beyond: await outcome({ currency: "EUR", lines: [{ ...line, unitPrice: 2 ** 53 }] }),
      // It would leave a function out, and write a Date as its ISO text.
      fn: await outcome({ currency: "EUR", lines: [line], shipping: () => 490 }),
      date: await outcome({ currency: "EUR", lines: [line] }, { id: "c", balance: 0, orders: [{ id: "o", placedAt, spend: 100, points: 1 }] }),
      // It would write a Map as {}; read as the object, it is the map it holds.
      map: await outcome({ currency: "EUR", lines: [new Map(Object.entries(line))] }),
      instance: await outcome(new (class Cart { currency = "EUR"; lines = [line]; })()),
      // Read as objects, an iterator of its own makes an object no JSON data;
      // JSON.stringify would not see it.
      iterable: await outcome({ currency: "EUR", lines: [line], [Symbol.iterator]: function* () {} }),
      // JSON.stringify would write what toJSON gives (one line); read as objects, there are two.
      arrayToJson: await outcome({ currency: "EUR", lines: Object.assign([line, line], { toJSON: () => [line] }) }),
      nullPrototype: await outcome(Object.assign(Object.create(null), { currency: "EUR", lines: [line] })),
    }));
  `);
  assert.deepEqual(result, {
    beyond: "cart.lines[0].unitPrice: invalid type: floating point `9007199254740992.0`, expected i64",
    fn: "cart: is not plain JSON data: invalid type: JsValue(Function(shipping)), expected JSON data",
    date: 'customer.orders[0].placedAt: invalid type: map, expected an RFC 3339 time such as "2025-11-28T09:30:00Z" or Unix seconds',
    map: 49,
    instance: 49,
    iterable:
      'cart: is not plain JSON data: invalid type: JsValue(Object({"currency":"EUR","lines":[{"productId":"espresso-beans","quantity":2,"unitPrice":2490}]})), expected JSON data',
    arrayToJson: 99,
    nullPrototype: 49,
  });
});

test("plain data (read from its JSON text) and the same data read as objects give the same quote", () => {
  const result = run(`
    import { quote } from "treu";
    import * as engine from ${JSON.stringify(join(root, "pkg/treu_engine.js"))};
    const collections = ["coffee", "tea", "new", "sale", "tools"];
    const cart = (lines) => ({
      currency: "EUR",
      shipping: 490,
      note: undefined,
      lines: Array.from({ length: lines }, (_, i) => ({
        productId: i % 4 ? "p" + i : "espresso-beans",
        quantity: 1 + (i % 3),
        unitPrice: 499 + ((i * 137) % 5000),
        collections: [collections[i % collections.length]],
        giftCard: i % 41 === 40,
      })),
    });
    const customer = { id: "c-1", balance: 1250, orders: Array.from({ length: 12 }, (_, i) => ({
      id: "o" + i, placedAt: "2025-0" + (1 + (i % 5)) + "-1" + (i % 10) + "T10:00:00Z", spend: 3000 + i, points: 30,
    })) };
    const pairs = [];
    for (const lines of [0, 1, 7, 60]) {
      for (const who of [null, customer]) {
        const text = JSON.stringify(await quote(program, cart(lines), who, "2026-01-01T00:00:00Z"));
        const objects = JSON.stringify(engine.quote(program, cart(lines), who, "2026-01-01T00:00:00Z"));
        pairs.push(text === objects ? "same" : text + " != " + objects);
      }
    }
    console.log(JSON.stringify(pairs));
  `);
  assert.deepEqual(result, Array(8).fill("same"));
});

test("quoteText reads plain carts as text under a program the engine read, and hands everything else back", () => {
  const result = run(`
    import { quote, validateProgram } from "treu";
    import * as engine from ${JSON.stringify(join(root, "pkg/treu_engine.js"))};
    await validateProgram(program); // loads the engine; it remembers only programs quote() read
    const cart = { currency: "EUR", lines: [{ productId: "espresso-beans", quantity: 2, unitPrice: 2490 }] };
    const now = "2026-01-01T00:00:00Z";
    const other = { ...program, version: program.version + 1 };
    const text = (value) => JSON.stringify(value);
    // A program the engine has not read yet is read as objects first.
    const unread = engine.quoteText(text(other), text(cart), undefined, now);
    const viaObjects = await quote(program, cart, null, now);
    const viaText = engine.quoteText(text(program), text(cart), undefined, now);
    const wrongType = engine.quoteText(text(program), text({ ...cart, shipping: "free" }), undefined, now);
    const wrongCustomer = engine.quoteText(text(program), text(cart), text({ id: 7 }), now);
    console.log(JSON.stringify({
      unread: unread === undefined,
      same: JSON.stringify(viaText) === JSON.stringify(viaObjects),
      wrongType: wrongType === undefined,
      wrongCustomer: wrongCustomer === undefined,
    }));
  `);
  assert.deepEqual(result, { unread: true, same: true, wrongType: true, wrongCustomer: true });
});
