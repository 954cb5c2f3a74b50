// Completes wasm-pack's pkg/ into the npm package `treu`, writes dist/ for the
// script tag, and prints the raw, gzip and brotli size of every shipped file
// and of what a page downloads when (scripts/weight.mjs).
// dist/'s JS is minified (terser, from www/'s npm packages); pkg/ keeps it
// readable, since bundlers minify what they ship. dist/ also joins the
// loader's parts into the loader, and the renderer's modules into two files
// (esbuild), as a bundler would: one request each for the script tag, for
// what paints and for the panel (`bundleModules`).
// Usage: node scripts/pack.mjs   (run by `./x build` after wasm-pack)

import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { distName, HASH_DIGITS, hashedName, LOADER, report, SHIPPED, writeCompressedCopies } from "./weight.mjs";

const root = new URL("../", import.meta.url);
const at = (path) => new URL(path, root);

const cargo = readFileSync(at("Cargo.toml"), "utf8");
const version = /\[workspace\.package\][^[]*?version\s*=\s*"([^"]+)"/s.exec(cargo)?.[1];
if (!version) throw new Error("Cargo.toml: no [workspace.package] version");

// pkg/: the npm package.
const manifest = JSON.parse(readFileSync(at("pkg-template/package.json"), "utf8"));
manifest.version = version;
// Every file the package lists that pkg-template/ holds (wasm-pack wrote the rest).
for (const file of manifest.files) {
  if (existsSync(at(`pkg-template/${file}`))) copyFileSync(at(`pkg-template/${file}`), at(`pkg/${file}`));
}
writeFileSync(at("pkg/program.d.ts"), await programTypes());
rmSync(at("pkg/.gitignore"), { force: true });
for (const file of manifest.files) statSync(at(`pkg/${file}`)); // every listed file must exist
writeFileSync(at("pkg/package.json"), JSON.stringify(manifest, null, 2) + "\n");

/**
 * pkg/program.d.ts: the program's types, generated from docs/program.schema.json
 * (the schema the engine's tests hold it to), so treu.d.ts's `Program` cannot
 * drift from what the engine accepts.
 */
async function programTypes() {
  const schema = JSON.parse(readFileSync(at("docs/program.schema.json"), "utf8"));
  // "Needs one of these keys" (`anyOf: [{ required: [...] }, …]`) has no
  // TypeScript form; the generator would open the object to any key, so a
  // misspelled key would type-check. The engine checks it and names the path.
  const dropRequiredOnlyAlternatives = (node) => {
    if (!node || typeof node !== "object") return;
    for (const key of ["anyOf", "oneOf"]) {
      if (node[key]?.every((alternative) => Object.keys(alternative).every((k) => k === "required"))) delete node[key];
    }
    Object.values(node).forEach(dropRequiredOnlyAlternatives);
  };
  dropRequiredOnlyAlternatives(schema);
  const { compile } = createRequire(at("www/package.json"))("json-schema-to-typescript");
  const types = await compile(schema, "Program", {
    bannerComment: "// Generated from docs/program.schema.json by scripts/pack.mjs; edit the schema, not this file.",
    additionalProperties: false,
    strictIndexSignatures: true,
  });
  return types;
}

// dist/: the script-tag build, the same files served from one folder.
rmSync(at("dist"), { recursive: true, force: true });
mkdirSync(at("dist"));
const www = createRequire(at("www/package.json"));
const { minify } = www("terser");
const bundled = await bundleModules(www("esbuild"));
for (const file of SHIPPED) {
  if (!file.endsWith(".js")) {
    copyFileSync(at(`pkg/${file}`), at(`dist/${file}`));
    continue;
  }
  const source = bundled[file] ?? readFileSync(at(`pkg/${file}`), "utf8");
  const { code } = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } });
  writeFileSync(at(`dist/${file}`), code);
}
nameByBuild();
precompress();

/**
 * Writes each file of dist/ compressed beside it, as brotli (`.br`) and gzip
 * (`.gz`) at their highest levels: a server sends the copy a browser accepts
 * (`Accept-Encoding`) with its `Content-Encoding` (treu-host's `--static`
 * does, as do Caddy's `file_server { precompressed }` and nginx's
 * `gzip_static`), so no server compresses them again on every request, nor
 * at a lower level, nor forgets to.
 */
function precompress() {
  for (const file of SHIPPED) writeCompressedCopies(fileURLToPath(at(`dist/${distName(file)}`)));
}

/**
 * Gives every file of dist/ but the loader a name that carries the hash of
 * the build (`treu_paint.1a2b3c4d.js`) and rewrites the names the files load
 * each other by. A server can then let browsers keep those files for good
 * (`Cache-Control: immutable`): a warm page view asks for none of them, and a
 * new release, whose loader names new files, never pairs with a cached file
 * of the last one. One hash for the build, not one per file: the widgets and
 * the panel import each other. Only `treu.js`, which the script tag names,
 * keeps its name; it is what a server should have browsers revalidate.
 */
function nameByBuild() {
  const renamed = SHIPPED.filter((file) => file !== LOADER).sort();
  const build = createHash("sha256");
  for (const file of renamed) build.update(`${file}\0`).update(readFileSync(at(`dist/${file}`)));
  const hash = build.digest("hex").slice(0, HASH_DIGITS);
  const escaped = renamed.map((file) => file.replace(/[.]/g, "\\."));
  const names = new RegExp(`(?<![\\w.-])(${escaped.join("|")})(?![\\w.-])`, "g");
  const referenced = new Set();
  for (const file of SHIPPED) {
    const from = at(`dist/${file}`);
    const to = at(`dist/${hashedName(file, hash)}`);
    if (file.endsWith(".js")) {
      const code = readFileSync(from, "utf8").replace(names, (name) => {
        referenced.add(name);
        return hashedName(name, hash);
      });
      writeFileSync(to, code);
      if (file !== LOADER) rmSync(from);
    } else {
      renameSync(from, to);
    }
  }
  // A file no other file names could never be loaded: its name in the source changed.
  const unnamed = renamed.filter((file) => !referenced.has(file));
  if (unnamed.length) throw new Error(`dist/: no file loads ${unnamed.join(", ")}`);
}

/**
 * dist/'s loader and renderer joined by when a page needs them (scripts/weight.mjs):
 * - `treu.js`, the loader, with its own parts (treu_events.js, treu_load.js,
 *   treu_shop.js): the script tag's one file; every other file stays one it
 *   asks for when needed;
 * - `treu_widgets.js`, which the loader asks for with the first paint: the
 *   widgets with the words (treu_words.js), the controls (treu_controls.js)
 *   and the launcher (treu_launcher.js) they import, in one request rather
 *   than a second round trip after the first file arrives; it also exports
 *   what the panel shares with it;
 * - `treu_panel.js`, which the launcher asks for with the later module: the
 *   panel and its model (treu_panel_model.js), importing the shared words
 *   and controls from `./treu_widgets.js`, so each exists once per page;
 * - `treu_engine_entry.js`, which `quote()` and `validateProgram()` ask for:
 *   with the engine's glue (treu_engine.js), in one request.
 * pkg/ keeps one file per module: a bundler joins them its own way.
 * Returns each file's source, unminified.
 */
async function bundleModules(esbuild) {
  const SHARED = ["./treu_controls.js", "./treu_words.js"];
  const bundle = async (contents, external) => {
    const result = await esbuild.build({
      stdin: { contents, resolveDir: fileURLToPath(at("pkg")), sourcefile: "entry.js", loader: "js" },
      bundle: true,
      format: "esm",
      // The sources' syntax as it is (class fields are ES2022): nothing lowered.
      target: "es2022",
      write: false,
      logLevel: "warning",
      legalComments: "none",
      plugins: [
        {
          name: "treu-files",
          setup(build) {
            build.onResolve({ filter: /^\.\/treu_\w+\.js$/ }, ({ path }) => external(path));
          },
        },
      ],
    });
    return result.outputFiles[0].text;
  };
  const widgets = await bundle(
    [`export * from "./treu_widgets.js";`, ...SHARED.map((file) => `export * from "${file}";`)].join("\n"),
    // The panel stays a file of its own, loaded when the launcher asks for it.
    (path) => (path === "./treu_panel.js" ? { path, external: true } : undefined),
  );
  const panel = await bundle(
    `export * from "./treu_panel.js";`,
    (path) => (SHARED.includes(path) ? { path: "./treu_widgets.js", external: true } : undefined),
  );
  // What the loader imports is joined into it; the files it asks for stay files of dist/.
  const loader = await bundle(`export * from "./treu.js";`, (path) =>
    SHIPPED.includes(path.slice(2)) ? { path, external: true } : undefined,
  );
  // The engine entry with the engine's glue, which nothing else loads.
  const engine = await bundle(
    `export * from "./treu_engine_entry.js"; export { default } from "./treu_engine_entry.js";`,
    () => undefined,
  );
  return { "treu.js": loader, "treu_widgets.js": widgets, "treu_panel.js": panel, "treu_engine_entry.js": engine };
}

report(`treu ${version}: what a shop downloads (dist/)`);
