// The header of every demo page: the "signed in as" menu (tokens `./x demo`
// minted, plus an account created here), language and currency, "Create
// account", "My orders", and the demo clock panel.

import {
  ACCOUNT_KEY, CURRENCIES, CURRENCY_KEY, LANGUAGE_KEY, account, demoApi, element, formatDate, language, currency,
  problemText, texts,
} from "./settings.js";

/** Puts the chosen language's text into every `[data-text]` element. */
export function translate(root = document) {
  const table = texts();
  for (const node of root.querySelectorAll("[data-text]")) {
    const text = table[node.dataset.text];
    if (typeof text === "string") node.textContent = text;
  }
}

async function accountMenu() {
  const select = document.getElementById("account");
  if (!select) return;
  const current = account();
  let accounts = [];
  try {
    const response = await fetch("/demo-session/accounts.json");
    accounts = response.ok ? await response.json() : [];
  } catch {
    // Without minted tokens (a plain static server) the menu offers what was created here.
  }
  if (current && !accounts.some((listed) => listed.id === current.id)) accounts.push(current);
  for (const listed of accounts) {
    const option = new Option(listed.about ? `${listed.name} (${listed.about})` : listed.name, listed.id);
    option.selected = listed.id === current?.id;
    select.append(option);
  }
  select.addEventListener("change", () => {
    const chosen = accounts.find((listed) => listed.id === select.value);
    if (chosen) localStorage.setItem(ACCOUNT_KEY, JSON.stringify(chosen));
    else localStorage.removeItem(ACCOUNT_KEY);
    location.reload();
  });
}

function choice(id, key, values, current) {
  const select = document.getElementById(id);
  if (!select) return;
  select.value = current;
  select.addEventListener("change", () => {
    if (values.includes(select.value)) localStorage.setItem(key, select.value);
    location.reload();
  });
}

/** "Create account": the shop's sign-up; the new customer is signed in at once. */
function createAccount() {
  const open = document.getElementById("create-account");
  const dialog = document.getElementById("account-dialog");
  if (!open || !dialog) return;
  const form = dialog.querySelector("form");
  const error = dialog.querySelector(".form-error");
  open.addEventListener("click", () => dialog.showModal());
  dialog.querySelector("[data-cancel]").addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const answer = await demoApi("/demo/accounts", { method: "POST", body: { name: data.get("name"), email: data.get("email") } });
    if (!answer.ok) {
      error.textContent = problemText(answer.body);
      return;
    }
    const created = { id: answer.body.id, name: answer.body.name, about: texts().newAccount, token: answer.body.token };
    localStorage.setItem(ACCOUNT_KEY, JSON.stringify(created));
    // The page reloads signed in; a referral link followed earlier is claimed by treu then.
    location.reload();
  });
}

/** The demo clock: the host's date and "advance 14 days", shown only where the demo backend runs. */
async function clockPanel() {
  const answer = await demoApi("/demo/clock").catch(() => null);
  if (!answer?.ok) return;
  const table = texts();
  const panel = element("aside", undefined, { class: "demo-clock", "aria-label": table.clockTitle });
  const title = element("strong", table.clockTitle);
  const date = element("output", formatDate(answer.body.now), { class: "clock-date" });
  panel.append(title, date);
  if (answer.body.movable) {
    const advance = element("button", table.clockAdvance, { type: "button", class: "clock-advance" });
    const error = element("span", "", { class: "form-error", role: "alert" });
    advance.addEventListener("click", async () => {
      advance.disabled = true;
      const moved = await demoApi("/demo/clock", { method: "POST", body: { advanceDays: 14 } });
      advance.disabled = false;
      if (!moved.ok) {
        error.textContent = problemText(moved.body);
        return;
      }
      date.textContent = formatDate(moved.body.now);
      panel.dataset.offset = String(moved.body.offsetSeconds);
      // Points that were pending may be available now: treu asks the host again.
      await window.treu?.refresh?.();
      document.dispatchEvent(new CustomEvent("demo:clock-moved", { detail: moved.body }));
    });
    panel.append(advance, error);
  } else {
    panel.append(element("span", table.clockFixed, { class: "clock-fixed" }));
  }
  panel.dataset.offset = String(answer.body.offsetSeconds);
  document.body.append(panel);
}

export function initHeader() {
  translate();
  accountMenu();
  choice("language", LANGUAGE_KEY, ["en", "de"], language());
  choice("currency", CURRENCY_KEY, CURRENCIES, currency());
  createAccount();
  clockPanel();
}
