// Routes are paths under /admin/ (the host answers index.html for each), so
// every page has a real URL that can be bookmarked, shared and reloaded.
import { useEffect, useState } from "preact/hooks";

export const BASE = "/admin";

/** The path below /admin, e.g. `/customers/c-42`; `/` for the start page. */
function currentPath() {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : "/";
  return path === "" ? "/" : path;
}

/** The path and query below /admin, as `navigate` takes it: `/customers?q=ann`. */
export function currentLocation() {
  return `${currentPath()}${location.search}`;
}

const listeners = new Set();
const notify = () => {
  for (const listener of listeners) listener(currentLocation());
};

/** Goes to `path` (below /admin, may carry a query) without reloading. */
export function navigate(path, { replace = false } = {}) {
  const url = `${BASE}${path}`;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  notify();
}

addEventListener("popstate", notify);

/**
 * The current path and query, re-rendering on navigation (also when only the
 * query changes, as a new search does).
 */
export function useRoute() {
  const [where, setWhere] = useState(currentLocation);
  useEffect(() => {
    listeners.add(setWhere);
    // A navigation between the first render and this effect is not missed.
    setWhere(currentLocation());
    return () => listeners.delete(setWhere);
  }, []);
  const at = where.indexOf("?");
  return {
    path: at < 0 ? where : where.slice(0, at),
    query: new URLSearchParams(at < 0 ? "" : where.slice(at)),
  };
}

/**
 * Whether `target` is a path inside the dashboard that is safe to return to
 * after signing in: one leading slash, never `//host` or a scheme.
 */
export function isInternalPath(target) {
  return typeof target === "string" && /^\/(?![/\\])/.test(target) && !target.includes("://");
}

/**
 * Matches `path` against `pattern` (`/customers/:id`); resolves to the
 * decoded parameters or null.
 */
export function match(pattern, path) {
  const names = [];
  const regex = new RegExp(
    `^${pattern.replace(/:([a-z]+)/gi, (_, name) => (names.push(name), "([^/]+)"))}/?$`,
  );
  const found = regex.exec(path);
  if (!found) return null;
  try {
    return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1])]));
  } catch {
    // A malformed escape (`%E0%A4%A`) matches no page.
    return null;
  }
}

/** A link inside the dashboard that navigates without reloading. */
export function Link({ to, children, ...props }) {
  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${BASE}${to}`} onClick={onClick} {...props}>
      {children}
    </a>
  );
}
