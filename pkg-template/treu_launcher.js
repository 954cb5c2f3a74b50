// <treu-launcher>: the floating button with the member's balance and the
// rewards panel it opens, drawn from launcher.rs's `LauncherFacts` as
// treu_words.js words them. The panel is a modal dialog: focus moves into it,
// Tab stays inside, Escape closes it and focus returns to the button. What
// the panel holds (a member's sections, a guest's introduction) is worded by
// treu_panel_model.js from launcher.rs's `PanelFacts` and drawn by
// treu_panel.js; neither is on the first paint's path: they are loaded with
// the storefront's later module, which is what gives the launcher a panel.

import { append, appendStyle, appendText, freshRoot, listen, setText } from "./treu_controls.js";

/** treu_panel.js (the module map imports it once). */
export const loadPanel = () => import("./treu_panel.js");

const CSS_LAUNCHER = `
:host { all: initial; position: fixed; z-index: var(--treu-launcher-z, 2147483000);
  inset-block-end: var(--treu-launcher-bottom, 1.25rem); inset-inline-end: var(--treu-launcher-right, 1.25rem);
  font: var(--treu-font-size, 0.95rem)/1.45 var(--treu-font, system-ui, -apple-system, "Segoe UI", sans-serif);
  color: var(--treu-text, #1f2328); }
:host([data-state="pending"]) { display: none; }
.button { display: inline-flex; align-items: center; gap: 0.5em; border: 0; border-radius: 999px;
  padding: 0.75em 1.15em; background: var(--treu-accent, #0a6e4f); color: var(--treu-on-accent, #fff);
  font: inherit; font-weight: 600; box-shadow: 0 4px 14px rgb(0 0 0 / 18%); cursor: pointer; }
.button:hover { filter: brightness(1.08); }
.button:focus-visible, .close:focus-visible, a:focus-visible {
  outline: 3px solid var(--treu-focus, #1a56db); outline-offset: 2px; }
.panel { position: absolute; inset-block-end: calc(100% + 0.75rem); inset-inline-end: 0;
  width: min(22rem, calc(100vw - 2.5rem)); max-height: min(34rem, calc(100vh - 6rem)); overflow: auto;
  box-sizing: border-box; padding: 1.1rem 1.25rem 1.25rem; background: var(--treu-surface, #fff);
  color: var(--treu-text, #1f2328); border-radius: var(--treu-panel-radius, 1rem);
  box-shadow: 0 12px 40px rgb(0 0 0 / 22%); }
.panel[hidden] { display: none; }
.header { display: flex; justify-content: space-between; align-items: center; margin-bottom: 0.5rem; }
.title { margin: 0; font-size: 1.15rem; }
.close { border: 0; background: none; color: inherit; font: inherit; font-size: 1.5rem; line-height: 1;
  padding: 0.2rem 0.5rem; border-radius: 0.4rem; cursor: pointer; }
@media (prefers-reduced-motion: no-preference) {
  .panel { animation: treu-open 0.18s ease-out; }
  @keyframes treu-open { from { opacity: 0; transform: translateY(0.5rem); } }
}
.live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
button:focus-visible, input:focus-visible { outline: 3px solid var(--treu-focus, #1a56db); outline-offset: 2px; }
`;


/** Builds the launcher into `host`; returns its update function. */
export function launcher(host, commands) {
  const root = freshRoot(host, CSS_LAUNCHER);
  const button = append(root, "button", "button");
  button.setAttribute("type", "button");
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", "panel");
  const star = appendText(button, "span", "star", "★");
  star.setAttribute("aria-hidden", "true");
  const buttonLabel = append(button, "span", "button-label");

  const panel = append(root, "div", "panel");
  panel.id = "panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "true");
  panel.setAttribute("aria-labelledby", "title");
  panel.hidden = true;
  const header = append(panel, "div", "header");
  const title = append(header, "h2", "title");
  title.id = "title";
  const close = appendText(header, "button", "close", "×");
  close.setAttribute("type", "button");
  const live = append(panel, "p", "live");
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  const content = append(panel, "div", "content");

  const toggle = (open) => {
    panel.hidden = !open;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    (open ? close : button).focus();
  };
  button.addEventListener("click", () => toggle(panel.hidden));
  close.addEventListener("click", () => toggle(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      toggle(false);
    } else if (event.key === "Tab") {
      // Tab and Shift+Tab cycle through the panel's controls.
      const focusable = panel.querySelectorAll("button:not([disabled]), a[href], input");
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first) return;
      const active = root.activeElement;
      const wrapTo = !active ? first : event.shiftKey && active === first ? last : !event.shiftKey && active === last ? first : null;
      if (wrapTo) {
        event.preventDefault();
        wrapTo.focus();
      }
    }
  });
  listen(content, commands);

  // The revision the panel content was built for; it is rebuilt only when
  // that changes, so focus and scroll survive cart updates.
  let builtFor = null;
  // treu_panel.js once loaded (its styles added to this root); until then the
  // latest model, drawn when it arrives.
  let panelDrawer = null;
  let waiting = null;
  const drawWhenLoaded = (model) => {
    const first = waiting === null;
    waiting = model;
    if (!first) return;
    loadPanel().then(
      (drawer) => {
        if (!panelDrawer) appendStyle(root, drawer.CSS_PANEL);
        panelDrawer = drawer;
        const latest = waiting;
        waiting = null;
        try {
          update(latest);
        } catch (error) {
          commands.report(error);
        }
      },
      (error) => {
        waiting = null;
        commands.report(error);
      },
    );
  };
  const update = (model) => {
    setText(title, model.title);
    close.setAttribute("aria-label", model.close);
    host.setAttribute("data-state", model.state);
    setText(buttonLabel, model.label);
    if (model.state === "pending") return;
    if (model.name != null) button.setAttribute("aria-label", model.name);
    else button.removeAttribute("aria-label");
    if (model.offer) host.setAttribute("data-offer", "win-back");
    else host.removeAttribute("data-offer");
    const view = model.panel;
    if (!view || builtFor === view.revision) return;
    if (!panelDrawer) return drawWhenLoaded(model);
    const focused = root.activeElement?.getAttribute("data-key");
    content.replaceChildren();
    setText(live, panelDrawer.drawPanel(content, view));
    // A fresh code takes focus (to copy it); otherwise focus stays on the same control.
    const target = view.focus ?? focused;
    if (target != null) {
      for (const element of content.querySelectorAll("[data-key]")) {
        if (element.getAttribute("data-key") === target) {
          element.focus();
          break;
        }
      }
      // Focus never falls out of an open dialog: back to its first control.
      if (!root.activeElement) close.focus();
    }
    builtFor = view.revision;
  };
  return update;
}
