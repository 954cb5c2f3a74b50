// The demo shop's sign-in and market. A real shop's server renders the
// signed-in customer's token (`data-customer-token`), the page's locale and
// currency into treu's script tag; the demo has no server-side templates, so
// this script, loaded before that tag, writes the chosen demo customer's
// token, language and currency onto the tag as the parser adds it (before
// treu's module can run). Without a choice stored, the tag keeps its own.
(() => {
  const read = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  let account = null;
  try {
    account = JSON.parse(read("demo-shop-account") ?? "null");
  } catch {
    account = null;
  }
  const token = typeof account?.token === "string" ? account.token : null;
  const language = read("demo-shop-language");
  const currency = read("demo-shop-currency");
  const chosenCurrency = currency === "CHF" || currency === "EUR" ? currency : null;
  const locale = language === "de" ? (chosenCurrency === "CHF" ? "de-CH" : "de-DE") : language === "en" ? "en-IE" : null;
  if (language === "de" || language === "en") document.documentElement.lang = language;
  // Themes know server-side who is signed in; the demo's CSS reserves the
  // members' widgets (the referral prompt) with this, so nothing shifts.
  if (token) document.documentElement.dataset.signedIn = "";
  if (!token && !locale && !chosenCurrency) return;
  const observer = new MutationObserver(() => {
    const tag = document.querySelector("script[data-api][src$='treu.js']");
    if (!tag) return;
    if (token) tag.dataset.customerToken = token;
    if (locale) tag.dataset.locale = locale;
    if (chosenCurrency) tag.dataset.currency = chosenCurrency;
    observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
