// Texts in the merchant's language. Each language is a table per area of the
// dashboard (locales/<lang>/<area>.js); a key missing in German falls back to
// English, and a key missing everywhere shows as itself so it is noticed.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { de, en } from "./locales/index.js";

export const LANGUAGES = { en: "English", de: "Deutsch" };
const TABLES = { en, de };
const STORAGE_KEY = "treu-admin-language";

/** The language to start in: the one chosen before, else the browser's. */
export function initialLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved in TABLES) return saved;
  } catch {
    // Storage may be off; the browser's language still applies.
  }
  const preferred = (navigator.languages ?? [navigator.language]).map((tag) => String(tag).slice(0, 2).toLowerCase());
  return preferred.find((code) => code in TABLES) ?? "en";
}

export function rememberLanguage(language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
  document.documentElement.lang = language;
}

/**
 * The translator for `language`: `t("nav.reports")`, `t("customers.found", { count: 3 })`.
 * A table value is a string with `{name}` placeholders, or a function of the parameters
 * (for plurals and grammar).
 */
export function translator(language) {
  const table = TABLES[language] ?? en;
  const t = (key, params = {}) => {
    const value = table[key] ?? en[key];
    if (value === undefined) return key;
    if (typeof value === "function") return value(params);
    return value.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  };
  t.language = language;
  /** BCP 47 locale for Intl formatting. */
  t.locale = language === "de" ? "de-DE" : "en-GB";
  t.has = (key) => key in table || key in en;
  return t;
}

export const I18n = createContext(translator("en"));

/** The current translator, inside <I18n.Provider>. */
export function useT() {
  return useContext(I18n);
}
