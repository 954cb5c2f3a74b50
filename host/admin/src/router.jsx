// Routes are paths under /admin/ (the host answers index.html for each), so
// every page has a real URL that can be bookmarked, shared and reloaded.
import { useEffect, useState } from "preact/hooks";

export const BASE = "/admin";

/** The path below /admin, e.g. `/customers/c-42`; `/` for the start page. */
function current() {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : "/";
  return path === "" ? "/" : path;
}

const listeners = new Set();

/** Goes to `path` (below /admin) without reloading. */
export function navigate(path, { replace = false } = {}) {
  const url = `${BASE}${path}`;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  for (const listener of listeners) listener(current());
}

addEventListener("popstate", () => {
  for (const listener of listeners) listener(current());
});

/** The current path and query, re-rendering on navigation. */
export function useRoute() {
  const [path, setPath] = useState(current);
  useEffect(() => {
    listeners.add(setPath);
    return () => listeners.delete(setPath);
  }, []);
  return { path, query: new URLSearchParams(location.search) };
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
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1])]));
}

/** A link inside the dashboard that navigates without reloading. */
export function Link({ to, children, ...props }) {
  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    // eslint-disable-next-line
    <a href={`${BASE}${to}`} onClick={onClick} {...props}>
      {children}
    </a>
  );
}
