// The program editor's pure parts, in Node: every reason the engine can give
// about a program has a German text; JSON paths are found in JSON text; the
// version diff ignores key order; paths read and write the draft.

import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";
import { locate } from "../src/program/json-locate.js";
import { getAt, parsePath, programPath, setAt } from "../src/program/paths.js";
import { translateReason } from "../src/program/reasons.js";
import { canonicalJson, versionDiff } from "../src/program/version-diff.js";

const engine = new URL("../../../src/engine/", import.meta.url);

/** Constants the reasons are written with (`format!("must be from 101 to {MAX_PERCENT}")`). */
const CONSTANTS = { MAX_PERCENT: "10000", MAX_DAYS: "36500", PROGRAM_VERSION: "1" };

/** Every reason the checks of a program can record, as the engine writes it. */
function programReasons() {
  const reasons = new Set();
  // The files whose `check` functions a program's validation runs.
  for (const file of readdirSync(engine).filter((name) => name.endsWith(".rs"))) {
    const source = readFileSync(new URL(file, engine), "utf8");
    const checks = source.match(/pub fn check\([\s\S]*?\n {0,4}\}\n/g) ?? [];
    if (file === "program.rs") checks.push(source);
    for (const check of checks) {
      for (const call of check.matchAll(/errors\.(?:require|push)\(([\s\S]*?)\);/g)) {
        const literal = [...call[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1]).pop();
        // Paths (`{path}.amount`, `points`) are not reasons; every reason has words.
        if (!literal || !literal.includes(" ")) continue;
        const text = literal
          .replace(/\\"/g, '"')
          .replace(/\{(\w+)\}/g, (whole, name) => CONSTANTS[name] ?? (name === "tier" ? "gold" : "7"))
          .replace(/^\{\} /, "EUR ")
          .replace(/\{\}/g, "7");
        reasons.add(text);
      }
    }
  }
  return [...reasons];
}

test("every reason the engine gives about a program reads in German", () => {
  const reasons = programReasons();
  assert.ok(reasons.length >= 30, `found only ${reasons.length} reasons: the scan of src/engine broke`);
  const untranslated = reasons.filter((reason) => translateReason(reason, "de") === reason);
  assert.deepEqual(untranslated, []);
  // English stays as the engine wrote it; an unknown reason falls back to it.
  assert.equal(translateReason("must not be empty", "en"), "must not be empty");
  assert.equal(translateReason("a reason of tomorrow", "de"), "a reason of tomorrow");
  assert.equal(translateReason("unknown field `rate`, expected one of `rates`", "de"), "unbekanntes Feld „rate“; erlaubt: `rates`");
  assert.equal(translateReason("CHF has a rate already", "de"), "CHF hat schon einen Satz");
});

test("JSON paths are found in pretty and compact JSON text", () => {
  const program = { tiers: { levels: [{ id: "silver", threshold: 100 }, { id: "gold", threshold: 50 }] }, currency: "EUR" };
  for (const text of [JSON.stringify(program, null, 2), JSON.stringify(program)]) {
    const span = locate(text, "tiers.levels[1].threshold");
    assert.match(text.slice(span.from, span.to), /^"threshold":\s*50$/);
    assert.equal(text.slice(locate(text, "currency").from, locate(text, "currency").to).replace(/\s/g, ""), '"currency":"EUR"');
    // A missing field marks the opening brace of the object that should hold it.
    const missing = locate(text, "tiers.levels[0].earnPercent");
    assert.equal(text.slice(missing.from, missing.to), "{");
    assert.equal(text.slice(locate(text, "").from, locate(text, "").to), text);
  }
  assert.equal(locate("{ not json", "currency"), null);
});

test("paths read and write the draft without changing it", () => {
  assert.deepEqual(parsePath("tiers.levels[10].threshold"), ["tiers", "levels", 10, "threshold"]);
  assert.equal(programPath("program.tiers.levels[0].id"), "tiers.levels[0].id");
  assert.equal(programPath("program"), "");
  const draft = { tiers: { levels: [{ id: "silver", threshold: 100 }] } };
  const next = setAt(draft, "tiers.levels[0].threshold", 200);
  assert.equal(getAt(next, "tiers.levels[0].threshold"), 200);
  assert.equal(draft.tiers.levels[0].threshold, 100);
  assert.deepEqual(setAt(next, "tiers.levels[0].threshold", undefined).tiers.levels[0], { id: "silver" });
  assert.deepEqual(setAt({}, "lifecycle.winBack.validDays", 14), { lifecycle: { winBack: { validDays: 14 } } });
});

test("the version diff shows changed lines only, whatever the key order", () => {
  assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  assert.deepEqual(versionDiff({ b: 1, a: 2 }, { a: 2, b: 1 }), [{ kind: "skip", count: 4 }]);
  const lines = versionDiff(
    { currency: "EUR", freeShipping: { thresholds: [{ currency: "EUR", minimum: 5000 }] } },
    { currency: "EUR", freeShipping: { thresholds: [{ currency: "EUR", minimum: 4500 }] } },
  );
  assert.deepEqual(
    lines.filter((line) => line.kind === "added" || line.kind === "removed").map((line) => [line.kind, line.text.trim()]),
    [
      ["removed", '"minimum": 5000'],
      ["added", '"minimum": 4500'],
    ],
  );
  const long = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`key${String(index).padStart(2, "0")}`, index]));
  const folded = versionDiff(long, { ...long, key29: -1 });
  assert.equal(folded[0].kind, "skip");
  assert.equal(folded[0].count, 27); // "{" and key00…key25; key26…key28 are context
});
