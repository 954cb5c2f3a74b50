// The parts treu's widgets share (treu_widgets.js, treu_launcher.js): DOM
// functions that only ever set text as text and attributes by known names, the
// progress bar, a discount code with its copy button, the referral offer with
// the member's link, and the buttons' clicks (redeem, copy, share), sent back
// to the storefront through `commands` (`{ redeem, shared, report }`).

/** What a copy or share button says once done, and the share sheet's text, by button. */
const buttonTexts = new WeakMap();
/** `url` resolved against the page if it is an http(s) URL, else `null`. */
export function httpUrl(url) {
  try {
    const parsed = new URL(String(url).trim(), document.baseURI);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A new `<tag part="part" class="part">` appended to `parent`. */
export function append(parent, tag, part) {
  const element = document.createElement(tag);
  element.setAttribute("part", part);
  element.setAttribute("class", part);
  parent.append(element);
  return element;
}

/** Like `append`, with `text` as its text. */
export function appendText(parent, tag, part, text) {
  const element = append(parent, tag, part);
  element.textContent = text;
  return element;
}

export function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** The open shadow root of `host`, emptied, with our `css`. */
export function freshRoot(host, css) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  root.replaceChildren();
  appendStyle(root, css);
  return root;
}

/** A `<style>` holding `css`, appended to `root`. */
export function appendStyle(root, css) {
  const style = document.createElement("style");
  style.textContent = css;
  root.append(style);
}

/** A progress bar's values (`progress`: `{ max, now, permille, text }`) on `track`, filling `fill`. */
export function showProgress(track, fill, progress) {
  track.setAttribute("aria-valuemax", String(progress.max));
  track.setAttribute("aria-valuenow", String(progress.now));
  track.setAttribute("aria-valuetext", progress.text);
  // The `--treu-progress` scale the CSS transforms by, 0.000 to 1.000, from an integer.
  const permille = Math.min(Math.max(Math.trunc(progress.permille), 0), 1000);
  fill.style.setProperty("--treu-progress", `${Math.trunc(permille / 1000)}.${String(permille % 1000).padStart(3, "0")}`);
}

/** A `<button type="button">` sending `attribute="value"` when clicked. */
export function appendButton(parent, part, text, attribute, value) {
  const button = appendText(parent, "button", part, text);
  button.setAttribute("type", "button");
  button.setAttribute(attribute, value);
  return button;
}

/** A discount code with its copy button (`row`: controls.rs's `CodeRow`). */
export function appendCodeRow(parent, row) {
  const element = append(parent, "div", "code-row");
  appendText(element, "span", "code", row.code);
  const copy = appendButton(element, "copy", row.copy, "data-copy", row.code);
  copy.setAttribute("aria-label", row.copyLabel);
  copy.setAttribute("data-key", row.key);
  buttonTexts.set(copy, { copied: row.copied });
}

/** The referral offer with the member's link, a copy and a share button (treu_words.js's model of controls.rs's `ReferralFacts`). */
export function appendReferral(parent, referral, heading) {
  appendText(parent, heading, "heading", referral.heading);
  if (referral.offer != null) {
    // The prompt clamps it to two lines; the tooltip keeps the whole offer.
    appendText(parent, "p", "referral-offer", referral.offer).setAttribute("title", referral.offer);
  }
  const link = referral.link;
  const url = link && httpUrl(link.url);
  if (!url) return;
  const row = append(parent, "div", "referral-row");
  const field = append(row, "input", "referral-link");
  field.setAttribute("type", "text");
  field.setAttribute("readonly", "");
  field.setAttribute("aria-label", link.label);
  field.value = url;
  const copy = appendButton(row, "copy", link.copy, "data-copy", url);
  copy.setAttribute("aria-label", link.copyLabel);
  copy.setAttribute("data-key", "copy-referral");
  const share = appendButton(row, "share", link.share, "data-share", url);
  share.setAttribute("data-key", "share-referral");
  buttonTexts.set(copy, { copied: link.copied });
  buttonTexts.set(share, { copied: link.copied, shareText: link.shareText });
  if (referral.friends != null) appendText(parent, "p", "referral-friends", referral.friends);
}

/** Handles clicks on `root`'s buttons with `data-redeem`, `data-copy` or `data-share`. */
export function listen(root, commands) {
  root.addEventListener("click", (event) => {
    try {
      const button = event.target?.closest?.("button");
      if (!button || button.getAttribute("aria-disabled") === "true") return;
      if (button.hasAttribute("data-redeem")) {
        commands.redeem(button.getAttribute("data-redeem"));
      } else if (button.hasAttribute("data-copy")) {
        copy(button, button.getAttribute("data-copy"), commands);
        if (button.getAttribute("data-key") === "copy-referral") commands.shared("copy");
      } else if (button.hasAttribute("data-share")) {
        share(button, button.getAttribute("data-share"), commands);
        commands.shared("share");
      }
    } catch (error) {
      commands.report(error);
    }
  });
}

/** Copies `text` to the clipboard and says so on the button; where the
 * clipboard is unavailable (insecure pages), selects the field beside it instead. */
function copy(button, text, commands) {
  const clipboard = navigator.clipboard;
  if (!clipboard) return selectField(button);
  clipboard.writeText(text).then(
    () => confirmCopied(button),
    () => selectField(button),
  ).catch(commands.report);
}

/** Shows "Copied" on `button` for two seconds (announced by its live region). */
function confirmCopied(button) {
  const label = button.textContent;
  button.textContent = buttonTexts.get(button)?.copied ?? label;
  button.setAttribute("data-copied", "");
  setTimeout(() => {
    button.textContent = label;
    button.removeAttribute("data-copied");
  }, 2000);
}

/** Selects the read-only field in the same row as `button`, for copying by hand. */
function selectField(button) {
  const field = button.parentElement?.querySelector("input");
  if (!field) return;
  field.focus();
  field.select();
}

/** Opens the system share sheet with `link`; without one (most desktops), copies it instead. */
function share(button, link, commands) {
  if (!("share" in navigator)) return copy(button, link, commands);
  // Dismissing the sheet rejects; that is the shopper's choice, not an error.
  navigator.share({ text: buttonTexts.get(button)?.shareText, url: link }).catch(() => {});
}

