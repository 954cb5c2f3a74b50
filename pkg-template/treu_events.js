// What treu tells the page, as CONTRACT.md names it: `treu:*` events on
// `document`, one console warning at most, and what the member's other tabs
// did while only the loader runs. dist/ joins this file into treu.js
// (scripts/pack.mjs); from pkg/, a bundler does.

export const PREFIX = "treu:";
let warned = false;

export function warnOnce(message, cause) {
  if (warned) return;
  warned = true;
  console.warn(`treu: ${message}`, String(cause ?? ""));
}

export function emit(name, detail) {
  document.dispatchEvent(new CustomEvent(PREFIX + name, { detail }));
}

export function reportError(error) {
  const detail = { message: String(error?.message ?? error), errors: error?.errors ?? [] };
  emit("error", detail);
  return detail;
}

/** Causes of `treu:points-changed` by the path of the answer that carried the balance. */
const CAUSES = { "/v1/actions": "action", "/v1/redemptions": "redemption" };

/**
 * Hears the other tabs of this shop (`api`) until the later module, which
 * joins the same channel (src/web/tabs.rs), takes over: an answer another tab
 * received that carries the member's balance is a `treu:points-changed`, as
 * the later module would send it. Returns a function that stops listening.
 */
export function hearOtherTabs(api) {
  const name = `${PREFIX}v1:${api.replace(/\/+$/, "")}`;
  const heard = (message) => {
    const balance = message?.type === "settled" && message.ok ? message.value?.balance : null;
    if (balance && typeof balance === "object") {
      emit("points-changed", { balance, cause: CAUSES[message.path] ?? "other", fromOtherTab: true });
    }
  };
  try {
    if (globalThis.BroadcastChannel) {
      const channel = new BroadcastChannel(name);
      channel.onmessage = (event) => heard(event.data);
      return () => channel.close();
    }
    const onStorage = (event) => {
      if (event.key !== name || !event.newValue) return;
      try {
        heard(JSON.parse(event.newValue));
      } catch {}
    };
    addEventListener("storage", onStorage);
    return () => removeEventListener("storage", onStorage);
  } catch {
    return () => {};
  }
}
