// Type-checks, under strict TypeScript and against the built package (pkg/),
// www/types/theme.ts and every fenced js/ts block of README.md,
// pkg-template/README.md and docs/*.md, so a snippet that stops matching the
// types fails `./x test`. Usage: node www/types/check.mjs (after ./x build).

import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { codeBlocks } from "../e2e/snippets.mjs";

const root = new URL("../../", import.meta.url);
const out = new URL("target/snippets/", root);
const at = (path) => new URL(path, root).pathname;

// Names the docs leave to the reader's own code, with the types the docs imply.
const PRELUDE = `import type { Cart } from "treu";
declare const cart: Cart;
declare const customerToken: string | undefined;
declare function updateHeaderBadge(points: number): void;
`;
// A block whose first line is such a comment is code for another system (the
// shop's backend) and says so; everything else must type-check.
const SKIP = /^\/\/ Not type-checked: /;

const files = ["README.md", "pkg-template/README.md", ...readdirSync(at("docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const checked = [at("www/types/theme.ts")];
const skipped = [];
for (const file of files) {
  for (const block of codeBlocks(file)) {
    if (!["js", "ts", "javascript", "typescript"].includes(block.lang)) continue;
    if (SKIP.test(block.code)) {
      skipped.push(`${block.file}:${block.line}`);
      continue;
    }
    const name = `${block.file.replace(/[/.]/g, "_")}_${block.line}.ts`;
    // The source line of the block's first line, so tsc's positions point into the Markdown.
    writeFileSync(new URL(name, out), `${PRELUDE}// ${block.file}:${block.line + 1}\n${block.code}\nexport {};\n`);
    checked.push(new URL(name, out).pathname);
  }
}
writeFileSync(
  new URL("tsconfig.json", out),
  JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "es2022",
      module: "esnext",
      moduleResolution: "bundler",
      lib: ["es2022", "dom", "dom.iterable"],
      types: [],
      skipLibCheck: false,
      paths: { treu: [at("pkg/treu.d.ts")] },
    },
    files: checked,
  }, null, 2),
);
const tsc = at("www/node_modules/.bin/tsc");
try {
  execFileSync(tsc, ["--project", new URL("tsconfig.json", out).pathname], { stdio: "inherit" });
} catch {
  console.error(`strict TypeScript refused a documented snippet (files in ${out.pathname})`);
  process.exit(1);
}
console.log(`strict TypeScript: ${checked.length} files pass (theme.ts and ${checked.length - 1} snippets)` +
  (skipped.length ? `; not for the package: ${skipped.join(", ")}` : ""));
