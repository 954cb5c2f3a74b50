// How the loader (treu.js) loads the rest of treu, each file once and only
// when a page needs it: the first paint's Wasm module, the later module, the
// quick paint's facts, the widgets' renderer and the npm engine entry.
// dist/ joins this file into treu.js (scripts/pack.mjs); from pkg/, a
// bundler does.

/** The Wasm bytes of `url` (a file of this package), where `fetch` cannot read
 * `file:` URLs (Node); `undefined` elsewhere, so browsers and bundlers fetch
 * the URL. `getBuiltinModule` and a computed specifier keep bundlers from
 * following `node:fs` into browser builds. */
async function wasmBytesFromFile(url) {
  if (url.protocol !== "file:" || typeof globalThis.process?.versions?.node !== "string") return undefined;
  const name = "node:fs/promises";
  const fs = globalThis.process.getBuiltinModule?.(name) ?? (await import(/* @vite-ignore */ /* webpackIgnore: true */ name));
  return fs.readFile(url);
}

/** `load` run once and remembered; a failed load may be retried by a later call. */
function once(load) {
  let loaded = null;
  return (...args) =>
    (loaded ??= load(...args).catch((error) => {
      loaded = null;
      throw error;
    }));
}

/** Instantiates a Wasm module from its wasm-bindgen glue; `instantiateStreaming`
 * with a fallback for servers that send the wrong MIME type is done by the glue. */
async function instantiate(glue, source) {
  await glue.default(source ? { module_or_path: source } : undefined);
  return glue;
}

/** The Wasm at `url` as a module's glue takes it: its bytes from a file
 * (Node), else the browser's request for it (or for `wasmUrl`, where the page
 * serves it elsewhere), sent at once, in this task, beside the glue's import
 * rather than after the glue ran: a warm page view waits for it longest, as
 * it comes from the disk cache while the scripts come from memory. */
function wasmSource(url, wasmUrl) {
  if (wasmUrl) return fetch(wasmUrl);
  return url.protocol === "file:" ? wasmBytesFromFile(url).then((bytes) => bytes ?? fetch(url)) : fetch(url);
}

/** A module's glue, instantiated with its Wasm from `source` (`wasmSource`). */
async function instantiateWith(glueImport, source) {
  // Settled here, so a failed request is never an unhandled rejection first.
  source.catch(() => {});
  const glue = await glueImport;
  return instantiate(glue, await source);
}

/** The first paint's module: the program, the cart, the quote, the widgets' facts. */
export const PAINT_WASM = new URL("./treu_paint_bg.wasm", import.meta.url);
export const loadPaint = once((wasmUrl) => {
  // Asked for first: the longest wait (see `wasmSource`).
  const wasm = wasmSource(PAINT_WASM, wasmUrl);
  return instantiateWith(import("./treu_paint.js"), wasm);
});

/** The later module: the member's sync, the panel, redemptions, the outbox. */
export const loadWasm = once((wasmUrl) => {
  const wasm = wasmSource(new URL("./treu_wasm_bg.wasm", import.meta.url), wasmUrl);
  return instantiateWith(import("./treu_wasm.js"), wasm);
});

/** The quick paint's facts (treu_quick.js): for a page view that does not hold
 * the first paint's module yet, they paint the widgets from the host's quote. */
export const loadQuick = once(() => import("./treu_quick.js"));

/** The widgets' renderer: words the facts the storefront works out (treu_words.js) and draws them.
 * dist/ serves it as one file with the modules it imports (scripts/pack.mjs);
 * from pkg/, a bundler joins them. */
export const loadWidgets = once(() => import("./treu_widgets.js"));

/** The engine entry's module (`quote`, `validateProgram`; treu_engine_entry.js
 * over the engine's glue): never on a storefront's path, loaded by the first
 * call of either. */
export const loadEngine = once(async () =>
  instantiate(
    await import("./treu_engine_entry.js"),
    await wasmBytesFromFile(new URL("./treu_engine_bg.wasm", import.meta.url)),
  ),
);
