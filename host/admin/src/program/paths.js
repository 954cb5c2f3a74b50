// JSON paths as the engine writes them (`tiers.levels[0].threshold`), and
// reading and writing the draft program at such a path without mutating it:
// every change makes a new draft, so React-style rendering sees it.

/** `"tiers.levels[0].threshold"` → `["tiers", "levels", 0, "threshold"]`. */
export function parsePath(path) {
  const segments = [];
  for (const match of String(path).matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(match[2] === undefined ? match[1] : Number(match[2]));
  }
  return segments;
}

/** `["tiers", "levels", 0]` → `"tiers.levels[0]"`. */
export function formatPath(segments) {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += path ? `.${segment}` : segment;
  }
  return path;
}

/**
 * The engine reports paths under `program.` (the host too); the editor's
 * fields are named from the program's root.
 */
export function programPath(path) {
  const text = String(path ?? "");
  if (text === "program") return "";
  return text.startsWith("program.") ? text.slice("program.".length) : text;
}

/** The value at `path` in `value`, or undefined. */
export function getAt(value, path) {
  let current = value;
  for (const segment of parsePath(path)) {
    if (current === null || typeof current !== "object") return undefined;
    current = current[segment];
  }
  return current;
}

/**
 * A copy of `value` with `path` set to `next`; `undefined` removes the key
 * (optional fields are left out rather than written as null). Missing
 * objects on the way are created.
 */
export function setAt(value, path, next) {
  const segments = parsePath(path);
  const write = (current, index) => {
    const segment = segments[index];
    const container = Array.isArray(current)
      ? [...current]
      : current && typeof current === "object"
        ? { ...current }
        : typeof segment === "number"
          ? []
          : {};
    if (index === segments.length - 1) {
      if (next === undefined && !Array.isArray(container)) delete container[segment];
      else container[segment] = next;
    } else {
      container[segment] = write(container[segment], index + 1);
    }
    return container;
  };
  return segments.length ? write(value, 0) : next;
}

/** A copy of the list at `path` with `item` appended. */
export function appendAt(value, path, item) {
  const list = getAt(value, path);
  return setAt(value, path, [...(Array.isArray(list) ? list : []), item]);
}

/** A copy of the list at `path` without its item `index`. */
export function removeAt(value, path, index) {
  const list = getAt(value, path);
  return setAt(
    value,
    path,
    (Array.isArray(list) ? list : []).filter((_, position) => position !== index),
  );
}

/** Whether `path` is `prefix` or lies inside it (`a.b[0]` is inside `a.b`). */
export function isWithin(path, prefix) {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** An id for the form control of `path`, usable in `id` and `href="#…"`. */
export function fieldId(path) {
  return `field-${path.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}
