// The npm engine entry, `quote()` and `validateProgram()` (treu.js loads it
// with the first call of either). A page quotes many carts under one
// program, so `quote()` reads a program once (the engine remembers the last
// one by its JSON text) and the cart and customer on every call. When they
// are plain JSON data, they cross into WebAssembly as the text
// `JSON.stringify` writes of them, one string each, which the engine reads
// straight into its types; everything else (a program it has not read yet,
// a Date, a Map, a BigInt, a class instance, a `toJSON` or an iterator of
// its own, an integer beyond 2^53, a cycle, a text that does not read) goes
// as the objects themselves, which the engine reads field by field through
// serde-wasm-bindgen and which name every problem's field and reason. (A
// getter or a Proxy that answers differently each time it is read is read
// more than once.) For a 100-line cart the text is about three times faster
// (docs/benchmarks.md, "Quote natively and in JS").

import init, * as engine from "./treu_engine.js";

export default init;

/** How deep data goes as text at most; deeper data goes as objects
 * (serde_json reads 127 levels of text, the object read 128). */
const DEEPEST = 126;

/** What arrays iterate with, as the page found it when treu loaded. */
const ARRAY_ITERATOR = Array.prototype[Symbol.iterator];

/** Whether `JSON.stringify(value)` writes what the engine would read from
 * `value` itself: strings, booleans, exact integers (the engine's numbers
 * are all whole: money in minor units, points), `null`, and plain objects
 * and arrays of them, with no `toJSON` and no iterator of their own (which
 * the object read would follow); `undefined` is missing in both. A fraction
 * goes as it is, so its error quotes the number the page gave. */
function plain(value, depth) {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return true;
    case "number":
      return Number.isSafeInteger(value);
    case "object":
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth === DEEPEST || "toJSON" in value) return false;
  const prototype = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    return (
      prototype === Array.prototype &&
      value[Symbol.iterator] === ARRAY_ITERATOR &&
      value.every((item) => plain(item, depth + 1))
    );
  }
  if ((prototype !== Object.prototype && prototype !== null) || Symbol.iterator in value) return false;
  for (const key in value) if (!plain(value[key], depth + 1)) return false;
  return true;
}

/** The JSON text of `value` if it is plain JSON data, else `undefined`. */
function jsonText(value) {
  try {
    return plain(value, 0) ? JSON.stringify(value) : undefined;
  } catch {
    // A getter that throws: the engine reads the object and says what failed.
    return undefined;
  }
}

/** `quote(program, cart, customer, now)`: see treu.js. */
export function quote(program, cart, customer, now) {
  const programText = jsonText(program);
  const cartText = jsonText(cart);
  const guest = customer === null || customer === undefined;
  const customerText = guest ? undefined : jsonText(customer);
  if (typeof programText === "string" && typeof cartText === "string" && (guest || typeof customerText === "string")) {
    const answer = engine.quoteText(programText, cartText, customerText, now);
    if (answer !== undefined) return answer;
  }
  return engine.quote(program, cart, customer, now);
}

/** `validateProgram(program)`: see treu.js. A program is read once per
 * change, as objects. */
export const validateProgram = engine.validateProgram;
