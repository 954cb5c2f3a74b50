// The fenced code blocks of our Markdown docs, so tests run and type-check the
// snippets exactly as a theme developer copies them (they cannot rot).

import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);

/**
 * Every fenced block of `file` (repository-relative) as `{ file, line, lang, code }`,
 * indented blocks (inside list items) included, with their indentation removed.
 */
export function codeBlocks(file) {
  const text = readFileSync(new URL(file, root), "utf8");
  const blocks = [];
  const fence = /^([ \t]*)```([\w-]*)[^\n]*\n([\s\S]*?)^\1```/gm;
  for (const match of text.matchAll(fence)) {
    const [, indent, lang, body] = match;
    const code = body
      .split("\n")
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join("\n");
    const line = text.slice(0, match.index).split("\n").length;
    blocks.push({ file, line, lang, code });
  }
  return blocks;
}

/** The one block of `file` in `lang` that contains `marker`. */
export function snippet(file, lang, marker) {
  const found = codeBlocks(file).filter((block) => block.lang === lang && block.code.includes(marker));
  if (found.length !== 1) throw new Error(`${file}: expected one ${lang} block with ${JSON.stringify(marker)}, found ${found.length}`);
  return found[0].code;
}
