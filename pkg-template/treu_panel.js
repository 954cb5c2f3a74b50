// The launcher's panel content: a member's balance, notices, win-back offer,
// tier, codes, rewards, ways to earn, referral link and history, or for a
// guest how the program works, with links to join and sign in, drawn from
// treu_panel_model.js's model. treu_launcher.js loads this file the first
// time its view model has a panel, which only the storefront's later module
// gives it, so none of it is on the first paint's path. Text only as text,
// links only from http(s) URLs, as everywhere in the widgets.

import { panelModel } from "./treu_panel_model.js";
import { wording } from "./treu_words.js";
import { append, appendButton, appendCodeRow, appendReferral, appendText, httpUrl, showProgress } from "./treu_controls.js";

export const CSS_PANEL = `
.intro, .rate { margin: 0 0 0.6rem; }
.rate { font-weight: 600; }
.heading { margin: 1rem 0 0.35rem; font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.04em;
  color: var(--treu-muted, #57606a); }
ul { list-style: none; margin: 0; padding: 0; }
.item { display: flex; justify-content: space-between; gap: 1rem; padding: 0.45rem 0;
  border-bottom: 1px solid var(--treu-divider, #e4e7eb); }
.item-label { overflow-wrap: anywhere; }
.points { color: var(--treu-accent-text, #0a6e4f); font-weight: 600; white-space: nowrap; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem 1rem; margin-top: 1.25rem; }
.join { background: var(--treu-accent, #0a6e4f); color: var(--treu-on-accent, #fff); padding: 0.55rem 1rem;
  border-radius: 0.5rem; text-decoration: none; font-weight: 600; }
.sign-in { color: var(--treu-accent-text, #0a6e4f); font-weight: 600; }
.summary { margin-bottom: 0.75rem; }
.greeting { margin: 0; color: var(--treu-muted, #57606a); }
.balance { margin: 0; font-size: 1.75rem; font-weight: 700; color: var(--treu-accent-text, #0a6e4f); }
.pending { margin: 0.15rem 0 0; color: var(--treu-muted, #57606a); font-size: 0.9em; }
.negative { margin: 0.4rem 0 0; padding: 0.5rem 0.65rem; border-radius: 0.5rem;
  background: var(--treu-warning-surface, #fff8c5); color: var(--treu-warning-text, #4d2d00); }
.notice { margin: 0 0 0.75rem; padding: 0.65rem 0.75rem; border-radius: 0.6rem;
  background: var(--treu-success-surface, #dafbe1); color: var(--treu-success-text, #0a4a2f); }
.notice[data-kind="error"] { background: var(--treu-error-surface, #ffebe9); color: var(--treu-error-text, #82071e); }
.notice-text { margin: 0 0 0.4rem; }
.notice[data-kind="error"] .notice-text { margin: 0; }
.win-back { margin: 0 0 0.75rem; padding: 0.7rem 0.8rem; border-radius: 0.6rem;
  background: var(--treu-highlight-surface, #fff1e5); color: var(--treu-highlight-text, #5c2300); }
.win-back-title { margin: 0 0 0.2rem; font-size: 1rem; }
.win-back-offer, .win-back-value { margin: 0; }
.win-back-value { font-weight: 600; }
.tier { margin: 0 0 0.5rem; }
.tier-name { margin: 0 0 0.3rem; font-weight: 600; overflow-wrap: anywhere; }
.tier-track { height: 0.45rem; border-radius: 999px; overflow: hidden; background: var(--treu-track, #e4e7eb); }
.tier-fill { height: 100%; transform-origin: left; transform: scaleX(var(--treu-progress, 0));
  background: var(--treu-accent, #0a6e4f); }
.tier-next { margin: 0.3rem 0 0; color: var(--treu-muted, #57606a); font-size: 0.9em; overflow-wrap: anywhere; }
.code-item { padding: 0.45rem 0; border-bottom: 1px solid var(--treu-divider, #e4e7eb); }
.code-row, .referral-row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.code { font-family: var(--treu-mono, ui-monospace, SFMono-Regular, Menlo, monospace); font-weight: 600;
  letter-spacing: 0.03em; overflow-wrap: anywhere; }
.code-detail { display: block; color: var(--treu-muted, #57606a); font-size: 0.85em; margin-top: 0.15rem; overflow-wrap: anywhere; }
.item-label > span { display: block; }
.reward-cost, .reward-short, .history-when { color: var(--treu-muted, #57606a); font-size: 0.85em; }
.copy, .share, .redeem-button { font: inherit; font-size: 0.9em; font-weight: 600; padding: 0.35rem 0.8rem;
  border-radius: 0.5rem; cursor: pointer; border: 1px solid var(--treu-accent, #0a6e4f);
  background: var(--treu-accent, #0a6e4f); color: var(--treu-on-accent, #fff); align-self: center; white-space: nowrap; }
.share { background: transparent; color: var(--treu-accent-text, #0a6e4f); }
.redeem-button[disabled], .redeem-button[aria-disabled="true"] { cursor: not-allowed; background: var(--treu-disabled, #eaeef2);
  color: var(--treu-disabled-text, #57606a); border-color: var(--treu-disabled, #d0d7de); }
.item[data-done] .points { color: var(--treu-muted, #57606a); font-weight: 500; }
.points[data-negative] { color: var(--treu-error-text, #82071e); }
.referral-offer, .referral-friends { margin: 0 0 0.5rem; }
.referral-friends { margin: 0.5rem 0 0; color: var(--treu-muted, #57606a); font-size: 0.9em; }
.referral-link { flex: 1 1 10rem; min-width: 0; font: inherit; font-size: 0.9em; padding: 0.35rem 0.5rem;
  color: inherit; border: 1px solid var(--treu-field-border, #8c959f); border-radius: 0.5rem;
  background: var(--treu-field, #f6f8fa); }
`;

/** Draws the panel's content for `facts` into `content`; returns what its status region announces. */
export function drawPanel(content, facts) {
  const model = panelModel(facts, wording(facts.locale));
  if (model.member) memberPanel(content, model.member);
  else if (model.guest) guestPanel(content, model.guest);
  return model.member?.notice?.text ?? "";
}

function appendHeading(parent, text) {
  appendText(parent, "h3", "heading", text);
}

/** `<li><span>label</span><span class="points">points</span></li>`. */
function appendItem(list, item) {
  const element = append(list, "li", "item");
  appendText(element, "span", "item-label", item.label);
  appendText(element, "span", "points", item.points);
  if (item.done) element.setAttribute("data-done", "");
}

/** A titled list of `ListItem`s. */
function appendList(parent, part, section) {
  appendHeading(parent, section.heading);
  const list = append(parent, "ul", part);
  for (const item of section.items) appendItem(list, item);
}

/** How the program works, and links to join and sign in. */
function guestPanel(content, guest) {
  appendText(content, "p", "intro", guest.intro);
  if (guest.rate != null) appendText(content, "p", "rate", guest.rate);
  if (guest.earn) appendList(content, "earn", guest.earn);
  if (guest.redeem) appendList(content, "redeem", guest.redeem);
  const links = guest.links
    .map((link) => ({ ...link, url: httpUrl(link.url), part: link.part === "join" ? "join" : "sign-in" }))
    .filter((link) => link.url);
  if (links.length === 0) return;
  const actions = append(content, "div", "actions");
  for (const link of links) {
    const anchor = appendText(actions, "a", link.part, link.text);
    anchor.setAttribute("href", link.url);
  }
}

/** The member's panel, section by section. */
function memberPanel(content, member) {
  const notice = member.notice;
  if (notice) {
    const box = append(content, "div", "notice");
    box.setAttribute("data-kind", notice.kind === "code" ? "code" : "error");
    appendText(box, "p", "notice-text", notice.text);
    if (notice.code) appendCodeRow(box, notice.code);
  }
  const summary = append(content, "div", "summary");
  appendText(summary, "p", "greeting", member.greeting);
  appendText(summary, "p", "balance", member.balance);
  if (member.pending != null) appendText(summary, "p", "pending", member.pending);
  if (member.negative != null) appendText(summary, "p", "negative", member.negative);
  const winBack = member.winBack;
  if (winBack) {
    const box = append(content, "div", "win-back");
    appendText(box, "h3", "win-back-title", winBack.title);
    appendText(box, "p", "win-back-offer", winBack.offer);
    if (winBack.value != null) appendText(box, "p", "win-back-value", winBack.value);
    if (winBack.code) appendCodeRow(box, winBack.code);
    if (winBack.expires != null) appendText(box, "span", "code-detail", winBack.expires);
  }
  if (member.tier) appendTier(content, member.tier);
  if (member.codes) {
    appendHeading(content, member.codes.heading);
    const list = append(content, "ul", "codes");
    for (const code of member.codes.items) {
      const item = append(list, "li", "code-item");
      appendCodeRow(item, code.row);
      if (code.detail != null) appendText(item, "span", "code-detail", code.detail);
    }
  }
  if (member.rewards) appendRewards(content, member.rewards);
  if (member.earn) appendList(content, "earn", member.earn);
  if (member.referral) appendReferral(append(content, "div", "referral"), member.referral, "h3");
  if (member.history) {
    appendHeading(content, member.history.heading);
    const list = append(content, "ul", "history");
    for (const entry of member.history.items) {
      const item = append(list, "li", "item");
      const label = append(item, "span", "item-label");
      appendText(label, "span", "history-what", entry.what);
      appendText(label, "span", "history-when", entry.when);
      const points = appendText(item, "span", "points", entry.points);
      if (entry.negative) points.setAttribute("data-negative", "");
    }
  }
}

/** The tier held and a progress bar to the next. */
function appendTier(content, tier) {
  const section = append(content, "div", "tier");
  if (tier.name != null) appendText(section, "p", "tier-name", tier.name);
  if (tier.progress) {
    const track = append(section, "div", "tier-track");
    track.setAttribute("role", "progressbar");
    track.setAttribute("aria-label", tier.progressName);
    track.setAttribute("aria-valuemin", "0");
    showProgress(track, append(track, "div", "tier-fill"), tier.progress);
  }
  appendText(section, "p", "tier-next", tier.next);
}

/** The rewards, each with a redeem button; what the balance does not cover is disabled. */
function appendRewards(content, rewards) {
  appendHeading(content, rewards.heading);
  const list = append(content, "ul", "redeem");
  for (const reward of rewards.items) {
    const item = append(list, "li", "item");
    const label = append(item, "span", "item-label");
    appendText(label, "span", "reward-name", reward.name);
    appendText(label, "span", "reward-cost", reward.cost);
    const button = appendButton(item, "redeem-button", reward.button, "data-redeem", reward.option);
    button.setAttribute("data-key", `redeem-${reward.option}`);
    button.setAttribute("aria-label", reward.buttonLabel);
    if (reward.disabled) {
      button.setAttribute("disabled", "");
      if (reward.short != null) appendText(label, "span", "reward-short", reward.short);
    } else if (reward.busy) {
      // Still focusable while one is on its way; a second click is refused.
      button.setAttribute("aria-disabled", "true");
    }
  }
}
