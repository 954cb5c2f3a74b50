// The dashboard's one way to the host API. The session cookie (HttpOnly,
// SameSite=Strict) authenticates; every state-changing request also carries
// the session's CSRF token, which the host checks.

/** A problem+json answer: `type` is stable, `errors` lists fields with their JSON path. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.type = problem?.type ?? "";
    this.title = problem?.title ?? "";
    this.detail = problem?.detail ?? "";
    /** @type {{path: string, reason: string}[]} */
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }

  /** The problem's slug: `urn:treu:problem:invalid-input` → `invalid-input`. */
  get slug() {
    return this.type.split(":").pop();
  }
}

let csrfToken = null;
const signedOut = new Set();

/** Calls `listener` whenever the host says the session is gone (401). */
export function onSignedOut(listener) {
  signedOut.add(listener);
  return () => signedOut.delete(listener);
}

export function setCsrfToken(token) {
  csrfToken = token;
}

/** A fresh idempotency key for a POST that must count once. */
export function idempotencyKey() {
  return crypto.randomUUID();
}

/**
 * Sends one request to the host and resolves to its JSON (or null for 204).
 * Rejects with an {@link ApiError} for any answer that is not 2xx.
 */
export async function request(method, path, { body, idempotency, signal } = {}) {
  const headers = { accept: "application/json, application/problem+json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["x-csrf-token"] = csrfToken;
  if (idempotency) headers["idempotency-key"] = idempotency;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      credentials: "same-origin",
      signal,
    });
  } catch (error) {
    if (error?.name === "AbortError") throw error;
    throw new ApiError(0, { type: "urn:treu:problem:network", detail: String(error?.message ?? error) });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = { detail: text };
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    const retryAfter = Number(response.headers.get("retry-after"));
    if (retryAfter > 0) error.retryAfter = retryAfter;
    if (response.status === 401 && !path.startsWith("/v1/admin/session")) for (const listener of signedOut) listener(error);
    throw error;
  }
  return json;
}

export const api = {
  get: (path, options) => request("GET", path, options),
  put: (path, body, options) => request("PUT", path, { ...options, body }),
  post: (path, body, options) => request("POST", path, { ...options, body }),
  delete: (path, options) => request("DELETE", path, options),
};

/** The admin session: sign in with the admin token, look it up, sign out. */
export const session = {
  async current() {
    try {
      const current = await api.get("/v1/admin/session");
      setCsrfToken(current.csrfToken);
      return current;
    } catch (error) {
      if (error.status === 401) return null;
      throw error;
    }
  },
  async signIn(token, name) {
    const current = await api.post("/v1/admin/session", { token, name });
    setCsrfToken(current.csrfToken);
    return current;
  },
  async signOut() {
    try {
      await api.delete("/v1/admin/session");
    } finally {
      setCsrfToken(null);
    }
  },
};
