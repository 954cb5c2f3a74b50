// The difference between two versions of the program, line by line, on a
// canonical text of each (keys sorted, two-space indents), so only real
// changes show, never a different key order.
import { diffLines } from "diff";

/** `value` as JSON text with every object's keys sorted. */
export function canonicalJson(value) {
  const sorted = (item) => {
    if (Array.isArray(item)) return item.map(sorted);
    if (item && typeof item === "object") {
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, sorted(item[key])]),
      );
    }
    return item;
  };
  return `${JSON.stringify(sorted(value), null, 2)}\n`;
}

/** Unchanged lines kept around each change. */
const CONTEXT = 3;

/**
 * The lines of the difference from `before` to `after`: `{kind: "added" |
 * "removed" | "same", text}`, with long unchanged stretches folded into
 * `{kind: "skip", count}`.
 */
export function versionDiff(before, after) {
  const lines = [];
  for (const part of diffLines(canonicalJson(before), canonicalJson(after))) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    for (const text of part.value.replace(/\n$/, "").split("\n")) lines.push({ kind, text });
  }
  const near = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    for (let at = Math.max(0, index - CONTEXT); at <= Math.min(lines.length - 1, index + CONTEXT); at += 1) near[at] = true;
  });
  const folded = [];
  for (let index = 0; index < lines.length; index += 1) {
    if (near[index]) {
      folded.push(lines[index]);
      continue;
    }
    let end = index;
    while (end < lines.length && !near[end]) end += 1;
    folded.push({ kind: "skip", count: end - index });
    index = end - 1;
  }
  return folded;
}
