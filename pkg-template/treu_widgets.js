// treu's widgets: draws <treu-shipping-bar>, <treu-points>, <treu-launcher>
// and <treu-referral> into their shadow roots from the facts the storefront's
// Wasm works out (src/web/{shipping_bar,points,launcher,referral,controls}.rs),
// worded by treu_words.js (the launcher's panel by treu_panel_model.js).
// Every rule and number is final in the facts, every text in the worded
// model; this file only places it, holds the styles, and sends clicks and
// keys back to the storefront.
//
// Untrusted text reaches the DOM only as `textContent`, attributes only
// through `setAttribute` with names written here, and links only from
// http(s) URLs (checked in Wasm and again here). A failure is reported
// through `treu:error`, never thrown into the page.
//
// The first draw of an element builds its skeleton; later ones change what
// differs in place, so the reserved space holds and nothing flickers. Panel
// content is rebuilt only when its `revision` changes, keeping focus on the
// same control.

import { append, appendReferral, freshRoot, listen, setText, showProgress } from "./treu_controls.js";
import { launcher } from "./treu_launcher.js";
import { widgetModel } from "./treu_words.js";

/** Loads the launcher panel's renderer ahead of its first use (the loader asks with the later module). */
export { loadPanel } from "./treu_launcher.js";

const CSS_SHIPPING_BAR = `
:host { all: initial; display: block; contain: content; min-height: var(--treu-bar-min-height, 3.25rem);
  font: var(--treu-font-size, 0.95rem)/1.4 var(--treu-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--treu-text, #1f2328); }
:host([hidden]), :host([data-state="none"]) { display: none; }
.container { padding: var(--treu-bar-padding, 0.5rem 0); }
.label { margin: 0 0 0.4rem; height: 1.4em; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.track { height: var(--treu-bar-height, 0.5rem); border-radius: var(--treu-radius, 999px); overflow: hidden;
  background: var(--treu-track, #e4e7eb); }
.fill { height: 100%; width: 100%; transform-origin: left; transform: scaleX(var(--treu-progress, 0));
  background: var(--treu-accent, #0a6e4f); transition: transform 0.45s cubic-bezier(0.2, 0.8, 0.2, 1); }
:host([data-state="qualified"]) .label { color: var(--treu-success-text, #0a6e4f); font-weight: 600; }
@media (prefers-reduced-motion: reduce) { .fill { transition: none; } }
`;

// A segment's offer shares the line's one row (it truncates first), so it
// never adds height.
const CSS_POINTS = `
:host { all: initial; display: block; contain: content; min-height: var(--treu-points-min-height, 1.5rem);
  font: var(--treu-font-size, 0.95rem)/1.5 var(--treu-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--treu-text, #1f2328); }
:host([hidden]) { display: none; }
.row { display: flex; align-items: baseline; gap: 0.6em; min-width: 0; }
.text { margin: 0; flex: 0 1 auto; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.offer { flex: 0 100 auto; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  color: var(--treu-accent-text, #0a6e4f); font-weight: 600; }
.offer:empty { display: none; }
.text::before { content: "★"; color: var(--treu-accent, #0a6e4f); margin-inline-end: 0.4em; }
:host([data-state="pending"]) .text::before, :host([data-state="none"]) .text::before { content: none; }
`;

// It takes no space until it has something to show, unless the page reserves
// it (the loader does for signed-in customers). The card has one fixed height
// (the same as reserved), whatever the language or width: the offer is
// clamped to two lines and the link row never wraps, so showing it never
// moves the page.
const CSS_REFERRAL = `
:host { all: initial; display: none; contain: content;
  font: var(--treu-font-size, 0.95rem)/1.45 var(--treu-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--treu-text, #1f2328); }
:host([data-state="ready"]) { display: block; }
:host([hidden]), :host([data-state="pending"]) .card { display: none; }
.card { box-sizing: border-box; height: var(--treu-referral-min-height, 11.5rem); overflow: hidden;
  padding: var(--treu-referral-padding, 1rem 1.1rem); border: 1px solid var(--treu-divider, #d0d7de);
  border-radius: var(--treu-radius-card, 0.75rem); background: var(--treu-surface, #fff); }
.heading { margin: 0 0 0.35rem; font-size: 1.05rem; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.referral-offer { margin: 0 0 0.6rem; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2;
  line-clamp: 2; overflow: hidden; }
.referral-friends { margin: 0.6rem 0 0; color: var(--treu-muted, #57606a); white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.referral-row { display: flex; flex-wrap: nowrap; gap: 0.5rem; }
.referral-link { flex: 1 1 auto; min-width: 0; font: inherit; padding: 0.45rem 0.6rem; color: inherit;
  border: 1px solid var(--treu-divider, #8c959f); border-radius: 0.5rem; background: var(--treu-field, #f6f8fa); }
.copy, .share { flex: none; font: inherit; font-weight: 600; padding: 0.45rem 0.9rem; border-radius: 0.5rem;
  cursor: pointer; border: 1px solid var(--treu-accent, #0a6e4f); background: var(--treu-accent, #0a6e4f);
  color: var(--treu-on-accent, #fff); }
.share { background: transparent; color: var(--treu-accent-text, #0a6e4f); }
button:focus-visible, input:focus-visible { outline: 3px solid var(--treu-focus, #1a56db); outline-offset: 2px; }
`;

/** `<treu-shipping-bar>` (treu_words.js's model of shipping_bar.rs's `ShippingBarFacts`). */
function shippingBar(host, commands, model) {
  const root = freshRoot(host, CSS_SHIPPING_BAR);
  const container = append(root, "div", "container");
  const label = append(container, "p", "label");
  label.id = "label";
  label.setAttribute("aria-live", "polite");
  const track = append(container, "div", "track");
  track.setAttribute("role", "progressbar");
  track.setAttribute("aria-label", model.name);
  track.setAttribute("aria-describedby", "label");
  track.setAttribute("aria-valuemin", "0");
  const fill = append(track, "div", "fill");
  return (bar) => {
    host.setAttribute("data-state", bar.state);
    setText(label, bar.label);
    if (bar.state === "pending") track.setAttribute("aria-busy", "true");
    if (bar.progress) {
      track.removeAttribute("aria-busy");
      showProgress(track, fill, bar.progress);
    }
  };
}

/** `<treu-points>` (of points.rs's `PointsFacts`). */
function points(host) {
  const root = freshRoot(host, CSS_POINTS);
  const row = append(root, "div", "row");
  const line = append(row, "p", "text");
  line.setAttribute("role", "status");
  const offer = append(row, "span", "offer");
  return (model) => {
    host.setAttribute("data-state", model.state);
    if (model.points != null) host.setAttribute("data-points", String(model.points));
    if (model.offer != null) host.setAttribute("data-offer", model.offer);
    else host.removeAttribute("data-offer");
    const offerText = model.offerText ?? "";
    if (offer.textContent !== offerText) {
      offer.textContent = offerText;
      offer.setAttribute("title", offerText);
    }
    const text = model.text ?? "";
    if (line.textContent !== text || !line.hasAttribute("title")) {
      line.textContent = text;
      // The line truncates rather than wrap; the tooltip keeps the whole text.
      line.setAttribute("title", text);
    }
  };
}

/** `<treu-referral>` (of referral.rs's `ReferralPromptFacts`). */
function referralPrompt(host, commands, model) {
  const root = freshRoot(host, CSS_REFERRAL);
  const card = append(root, "section", "card");
  card.setAttribute("aria-label", model.name);
  listen(card, commands);
  // The revision the card shows, so unrelated updates leave focus alone.
  let shown = null;
  return (prompt) => {
    host.setAttribute("data-state", prompt.state);
    if (prompt.state !== "ready" || !prompt.referral) {
      if (shown !== null) card.replaceChildren();
      shown = null;
      return;
    }
    if (shown === prompt.revision) return;
    card.replaceChildren();
    appendReferral(card, prompt.referral, "h2");
    shown = prompt.revision;
  };
}

const BUILDERS = {
  "treu-shipping-bar": shippingBar,
  "treu-points": points,
  "treu-launcher": launcher,
  "treu-referral": referralPrompt,
};

/** Each drawn element's update function, by element. */
const drawn = new WeakMap();
/** The last failure reported for an element, so a widget that keeps failing is reported once. */
const failed = new WeakMap();

/**
 * The storefront's `draw(element, facts)`: words the facts (treu_words.js),
 * builds the element's shadow tree on its first draw, then updates it in
 * place. `commands` are what the widgets' controls call: `redeem(option)`,
 * `shared(channel)` (the referral link was copied or shared), and
 * `report(error)` (`treu:error`). Never throws.
 */
export function renderer(commands) {
  return (host, facts) => {
    try {
      const model = widgetModel(host.localName, facts);
      let update = drawn.get(host);
      if (!update) {
        const build = BUILDERS[host.localName];
        if (!build) return;
        update = build(host, commands, model);
        drawn.set(host, update);
      }
      update(model);
      failed.delete(host);
    } catch (error) {
      if (failed.get(host) === String(error)) return;
      failed.set(host, String(error));
      commands.report(error);
    }
  };
}
