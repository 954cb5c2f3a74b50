// What treu makes a shop download, measured from dist/ (raw, and the gzip -9
// and brotli -q 11 copies beside each file, which a server sends to browsers
// that accept them) and grouped by when a page needs it:
//   critical path      everything downloaded before the widgets paint
//   whole storefront   everything a shopper's session can download
//   npm engine entry   what `quote()` / `validateProgram()` load (themes, the
//                      merchant dashboard); never on a storefront's path
// Byte counts are deterministic, so `./x test` holds them to budgets.json.
// Usage: node scripts/weight.mjs           print the table (`./x build` does)
//        node scripts/weight.mjs --check   also fail when a budget is exceeded

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";

const root = new URL("../", import.meta.url);

/** The files of each group, in dist/. The critical path is what a page view
 * that does not hold the first paint's module downloads before the widgets
 * paint (the quick paint, pkg-template/treu.js): the loader, the quick
 * paint's facts and the renderer (dist/treu_widgets.js draws every widget:
 * treu_widgets.js with the words, the controls and the launcher it imports,
 * joined by scripts/pack.mjs), with the host's answers. A page view that
 * holds the module paints through it, downloading nothing. The first
 * paint's module, asked for once the quick paint is on screen, the later
 * module (the member, redemptions, the outbox) and the panel's renderer
 * (dist/treu_panel.js: treu_panel.js with its model), at idle or on the
 * first interaction, complete the storefront. */
const CRITICAL_PATH = ["treu.js", "treu_quick.js", "treu_widgets.js"];
export const GROUPS = {
  "critical path": CRITICAL_PATH,
  "whole storefront": [
    ...CRITICAL_PATH,
    "treu_paint.js",
    "treu_paint_bg.wasm",
    "treu_panel.js",
    "treu_wasm.js",
    "treu_wasm_bg.wasm",
  ],
  // dist/treu_engine_entry.js holds the engine's glue (treu_engine.js), joined by scripts/pack.mjs.
  "npm engine entry": ["treu.js", "treu_engine_entry.js", "treu_engine_bg.wasm"],
};

/** Every shipped file of dist/, once. */
export const SHIPPED = [...new Set(Object.values(GROUPS).flat())];

/** The loader: the one file of dist/ whose name never changes (the script tag names it). */
export const LOADER = "treu.js";

/** Hex digits of the build's hash in dist/'s names. */
export const HASH_DIGITS = 8;

/** How dist/ names `file` (a name above) for a build whose hash is `hash`:
 * the loader as it is, every other file with the hash before its extension,
 * so a browser may keep it for good (scripts/pack.mjs). */
export function hashedName(file, hash) {
  return file === LOADER ? file : file.replace(/\.(js|wasm)$/, `.${hash}.$1`);
}

/** `name` of dist/ without the build's hash: the name above it stands for
 * (`treu_paint.1a2b3c4d.js` is `treu_paint.js`). */
export function unhashedName(name) {
  return name.replace(new RegExp(`\\.[0-9a-f]{${HASH_DIGITS}}(?=\\.(js|wasm)$)`), "");
}

/** The name `file` has in dist/ as built now. */
export function distName(file) {
  if (file === LOADER) return file;
  const found = readdirSync(new URL("dist/", root)).filter((name) => name !== file && unhashedName(name) === file);
  if (found.length !== 1) throw new Error(`dist/: expected one ${hashedName(file, "<hash>")}, found ${found.length}: run ./x build`);
  return found[0];
}

/** The encodings dist/ carries each file in, beside it (`treu.js.br`,
 * `treu.js.gz`), for a server to send whichever a browser accepts
 * (scripts/pack.mjs writes them), by suffix. */
export const ENCODINGS = {
  br: {
    compress: (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    decompress: brotliDecompressSync,
  },
  gz: { compress: (bytes) => gzipSync(bytes, { level: 9 }), decompress: gunzipSync },
};

/** Writes the file at `path` (a file system path) compressed beside it, once
 * per encoding above (`path.br`, `path.gz`), unless a copy is there already;
 * returns the file's bytes. scripts/pack.mjs does it for dist/,
 * host/admin/build.mjs for the dashboard. */
export function writeCompressedCopies(path) {
  const bytes = readFileSync(path);
  for (const [suffix, { compress }] of Object.entries(ENCODINGS)) {
    if (!existsSync(`${path}.${suffix}`)) writeFileSync(`${path}.${suffix}`, compress(bytes));
  }
  return bytes;
}

/** `{ raw, gzip, brotli }` of each file of dist/ in `files`, in bytes: the
 * file and its compressed copies as dist/ holds them, which are what a
 * server that sends them (`treu-host serve --static`) makes a page download. */
export function measure(files = SHIPPED) {
  const sizes = {};
  for (const file of files) {
    const path = `dist/${distName(file)}`;
    const bytes = readFileSync(new URL(path, root));
    const copy = (suffix) => {
      const compressed = readFileSync(new URL(`${path}.${suffix}`, root));
      if (!bytes.equals(ENCODINGS[suffix].decompress(compressed))) throw new Error(`${path}.${suffix} is not ${path}: run ./x build`);
      return compressed.length;
    };
    sizes[file] = { raw: bytes.length, gzip: copy("gz"), brotli: copy("br") };
  }
  return sizes;
}

/** Each group's total, `{ raw, gzip, brotli }` in bytes. */
export function groupTotals(sizes) {
  return Object.fromEntries(
    Object.entries(GROUPS).map(([group, files]) => [
      group,
      files.reduce(
        (sum, file) => ({
          raw: sum.raw + sizes[file].raw,
          gzip: sum.gzip + sizes[file].gzip,
          brotli: sum.brotli + sizes[file].brotli,
        }),
        { raw: 0, gzip: 0, brotli: 0 },
      ),
    ]),
  );
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
const row = (name, size) => `  ${name.padEnd(22)} ${kb(size.raw)} ${kb(size.gzip)} ${kb(size.brotli)}`;

/** Prints every file and every group. */
export function report(title) {
  const sizes = measure();
  console.log(title);
  console.log(`  ${"file".padEnd(22)} ${"raw".padStart(9)} ${"gzip".padStart(9)} ${"brotli".padStart(9)}`);
  for (const [file, size] of Object.entries(sizes)) console.log(row(file, size));
  for (const [group, size] of Object.entries(groupTotals(sizes))) console.log(row(group, size));
  return sizes;
}

/** The groups over their budget in budgets.json, as sentences; prints each
 * group against its budget and, where DESIGN.md sets one, its target. */
export function overBudget(sizes) {
  const { gzipBytes: budgets, targets } = JSON.parse(readFileSync(new URL("budgets.json", root), "utf8"));
  const totals = groupTotals(sizes);
  const problems = [];
  for (const group of Object.keys(GROUPS)) {
    const budget = budgets[group];
    const target = targets[group] ? `, target ${kb(targets[group]).trim()}: ${totals[group].gzip <= targets[group] ? "met" : "not yet"}` : "";
    console.log(`  ${group}: ${kb(totals[group].gzip).trim()} gzip, budget ${kb(budget ?? 0).trim()}${target}`);
    if (!Number.isInteger(budget)) problems.push(`budgets.json: gzipBytes["${group}"] must be a whole number of bytes`);
    else if (totals[group].gzip > budget) {
      problems.push(`${group}: ${totals[group].gzip} bytes gzip, over its budget of ${budget} (budgets.json)`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = report("what treu makes a shop download (dist/)");
  if (process.argv.includes("--check")) {
    const problems = overBudget(sizes);
    for (const problem of problems) console.error(`  over budget: ${problem}`);
    if (problems.length > 0) process.exit(1);
    console.log("  every group is within its budget (budgets.json)");
  }
}
