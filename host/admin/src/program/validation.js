// Checks the draft with the engine itself, compiled to Wasm: the script-tag
// build in /admin/treu/ (copied there by build.mjs). Importing it without a
// <script data-api> only defines functions; no widget mounts on the dashboard.
import { programPath } from "./paths.js";

let engine = null;

/** The engine module, loaded once on first use. */
function loadEngine() {
  engine ??= import("/admin/treu/treu.js").catch((error) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** `{path, reason}` lists from the engine or the host, with paths from the program's root. */
export function normalizeErrors(errors) {
  return (Array.isArray(errors) ? errors : []).map((error) => ({
    path: programPath(error?.path),
    reason: String(error?.reason ?? ""),
  }));
}

/**
 * Every problem the engine finds in `program` (an empty list when it is
 * valid). Rejects only when the engine itself cannot be loaded.
 */
export async function validate(program) {
  const { validateProgram } = await loadEngine();
  try {
    await validateProgram(program);
    return [];
  } catch (error) {
    if (Array.isArray(error?.errors)) return normalizeErrors(error.errors);
    throw error;
  }
}
