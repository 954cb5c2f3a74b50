// Where a JSON path (`tiers.levels[1].threshold`) is in JSON text, so the
// JSON view can underline the engine's errors at their field. A small reader
// of valid JSON that keeps each value's span; the text has already parsed
// with JSON.parse when the engine reports anything.
import { parsePath } from "./paths.js";

/** Reads one value at `start`; returns its node and where it ends. */
function readValue(text, start) {
  let at = skipSpace(text, start);
  const from = at;
  const char = text[at];
  if (char === "{") {
    const members = new Map();
    at = skipSpace(text, at + 1);
    while (text[at] !== "}" && at < text.length) {
      const keyFrom = at;
      const key = readString(text, at);
      at = skipSpace(text, key.end);
      at = skipSpace(text, at + 1); // the colon
      const value = readValue(text, at);
      members.set(key.value, { ...value.node, keyFrom });
      at = skipSpace(text, value.end);
      if (text[at] === ",") at = skipSpace(text, at + 1);
    }
    return { node: { from, to: at + 1, members }, end: at + 1 };
  }
  if (char === "[") {
    const items = [];
    at = skipSpace(text, at + 1);
    while (text[at] !== "]" && at < text.length) {
      const value = readValue(text, at);
      items.push(value.node);
      at = skipSpace(text, value.end);
      if (text[at] === ",") at = skipSpace(text, at + 1);
    }
    return { node: { from, to: at + 1, items }, end: at + 1 };
  }
  if (char === '"') {
    const string = readString(text, at);
    return { node: { from, to: string.end }, end: string.end };
  }
  const scalar = /^[^\s,\]}]+/.exec(text.slice(at));
  const end = at + (scalar ? scalar[0].length : 1);
  return { node: { from, to: end }, end };
}

function readString(text, start) {
  let at = start + 1;
  while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
  const end = at + 1;
  let value = "";
  try {
    value = JSON.parse(text.slice(start, end));
  } catch {
    // Not reached for text JSON.parse accepted.
  }
  return { value, end };
}

function skipSpace(text, at) {
  while (at < text.length && /\s/.test(text[at])) at += 1;
  return at;
}

/**
 * The span to mark for `path` in `text`: the value at the path (with its key),
 * or, for a field that is missing, the opening brace of the object that should
 * hold it. Null when the text is not JSON.
 */
export function locate(text, path) {
  let root;
  try {
    JSON.parse(text);
    root = readValue(text, 0).node;
  } catch {
    return null;
  }
  let node = root;
  for (const segment of parsePath(path)) {
    const next = typeof segment === "number" ? node.items?.[segment] : node.members?.get(segment);
    if (!next) return { from: node.from, to: node.from + 1 };
    node = next;
  }
  return { from: node.keyFrom ?? node.from, to: node.to };
}
