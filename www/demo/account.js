// The demo shop's sign-in. A real shop's server renders the signed-in
// customer's token into treu's script tag (`data-customer-token`); the demo has
// no server-side templates, so this script, loaded before that tag, writes the
// token of the demo customer chosen in the header onto the tag as the parser
// adds it (before treu's module can run).
(() => {
  let account = null;
  try {
    account = JSON.parse(localStorage.getItem("demo-shop-account") ?? "null");
  } catch {
    return;
  }
  if (typeof account?.token !== "string") return;
  // Themes know server-side who is signed in; the demo's CSS reserves the
  // members' widgets (the referral prompt) with this, so nothing shifts.
  document.documentElement.dataset.signedIn = "";
  const observer = new MutationObserver(() => {
    const tag = document.querySelector("script[data-api][src$='treu.js']");
    if (!tag) return;
    tag.dataset.customerToken = account.token;
    observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
})();
