// Builds the merchant dashboard into host/admin/dist/, which treu-host embeds
// and serves at /admin. Run by `./x build` after pkg/ and dist/ exist:
// the dashboard validates programs with the same engine (pkg/, Wasm) and
// previews them with the storefront's own custom elements (dist/).
// Usage: node host/admin/build.mjs

import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import * as esbuild from "esbuild";
import { ENCODINGS, writeCompressedCopies } from "../../scripts/weight.mjs";

const here = (path) => new URL(path, import.meta.url).pathname;
const root = (path) => new URL(`../../${path}`, import.meta.url).pathname;
const out = here("dist/");

for (const needed of ["pkg/treu_wasm_bg.wasm", "dist/treu.js"]) {
  if (!existsSync(root(needed))) throw new Error(`${needed} is missing: run ./x build (it builds the engine first)`);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const built = await esbuild.build({
  entryPoints: { admin: here("src/main.jsx"), preview: here("src/preview/main.js") },
  outdir: out,
  bundle: true,
  format: "esm",
  splitting: true,
  minify: true,
  sourcemap: "linked",
  target: ["es2022"],
  jsx: "automatic",
  jsxImportSource: "preact",
  // The engine and the storefront elements are loaded at run time from /admin/treu/.
  external: ["/admin/treu/*"],
  legalComments: "linked",
  logLevel: "warning",
  chunkNames: "chunks/[name]-[hash]",
  metafile: true,
});
// The style sheet with uPlot's own (admin.css @imports it from node_modules), in one file.
await esbuild.build({
  entryPoints: [here("admin.css")],
  outfile: `${out}admin.css`,
  bundle: true,
  minify: true,
  logLevel: "warning",
});
for (const file of ["index.html", "preview.html", "favicon.svg"]) cpSync(here(file), `${out}${file}`);
// CSS that a page's module imports (e.g. src/program/program.css) lands in its
// lazy chunk's own .css, which nothing would load: it is appended to admin.css
// once (two pages importing the same file share it), so one stylesheet serves all.
const appended = new Set();
const outputs = Object.entries(built.metafile.outputs);
const entries = new Set(["src/main.jsx", "src/preview/main.js"].map(here));
const entryCss = new Set(
  outputs.filter(([, output]) => entries.has(resolve(output.entryPoint ?? ""))).map(([, output]) => output.cssBundle),
);
for (const [file, output] of outputs) {
  if (!file.endsWith(".css") || entryCss.has(file)) continue;
  const inputs = Object.keys(output.inputs).sort().join("\n");
  if (!appended.has(inputs)) appendFileSync(`${out}admin.css`, `\n${readFileSync(file, "utf8").replace(/\/\*# sourceMappingURL=.*\*\/\s*$/, "")}`);
  appended.add(inputs);
  rmSync(file);
  rmSync(`${file}.map`, { force: true });
}
// The script-tag build: custom elements for the preview and validateProgram() for the editor.
cpSync(root("dist"), `${out}treu`, { recursive: true });

// Every file a browser loads, also compressed beside it as dist/'s are
// (scripts/weight.mjs's ENCODINGS): treu-host sends the copy the browser
// accepts. dist/'s files came with theirs. Source maps and licences are
// only read by people and their tools.
const total = { raw: 0, gz: 0, br: 0 };
let files = 0;
const compressed = new RegExp(`\\.(${Object.keys(ENCODINGS).join("|")})$`);
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = `${dir}/${name}`;
    if (statSync(path).isDirectory()) walk(path);
    else if (!compressed.test(name) && !name.endsWith(".map") && !name.endsWith(".LEGAL.txt")) {
      const bytes = writeCompressedCopies(path);
      total.raw += bytes.length;
      for (const suffix of Object.keys(ENCODINGS)) total[suffix] += statSync(`${path}.${suffix}`).size;
      files += 1;
    }
  }
};
walk(out.replace(/\/$/, ""));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`treu dashboard (host/admin/dist/): ${files} files, ${kb(total.raw)} raw, ${kb(total.gz)} gzip, ${kb(total.br)} brotli`);
