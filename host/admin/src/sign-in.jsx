// Sign-in with the shop's admin token, exchanged by the host for a session
// cookie. The token field is a password field and is never stored.
import { useRef, useState } from "preact/hooks";
import { session } from "./api.js";
import { useT } from "./i18n.js";
import { PageTitle, errorText } from "./ui.jsx";

const NAME_KEY = "treu-admin-name";

function rememberedName() {
  try {
    return localStorage.getItem(NAME_KEY) ?? "";
  } catch {
    return "";
  }
}

/** Why the host refused, in the merchant's words. */
function refusal(t, error) {
  if (error.status === 401) {
    // Both answers are `unauthorized`; only the detail tells a host without
    // TREU_ADMIN_TOKEN (the dashboard is off) from a wrong token.
    const off = /TREU_ADMIN_TOKEN|\boff\b|disabled|not configured|not set/i.test(error.detail);
    return off && !/not correct/i.test(error.detail) ? t("signIn.off") : t("signIn.wrongToken");
  }
  if (error.status === 429) return t("signIn.rateLimited", { seconds: error.retryAfter ?? 60 });
  return errorText(t, error);
}

export function SignIn({ notice, onSignedIn }) {
  const t = useT();
  const [token, setToken] = useState("");
  const [name, setName] = useState(rememberedName);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const tokenField = useRef(null);

  const submit = async (event) => {
    event.preventDefault();
    if (busy) return;
    if (!token.trim()) {
      setError({ missing: true });
      tokenField.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const signedIn = await session.signIn(token.trim(), name.trim());
      try {
        localStorage.setItem(NAME_KEY, name.trim());
      } catch {
        // The name is only a convenience.
      }
      onSignedIn(signedIn);
    } catch (failure) {
      setError(failure);
      setBusy(false);
      tokenField.current?.focus();
      tokenField.current?.select();
    }
  };

  const message = !error ? null : error.missing ? t("signIn.tokenMissing") : refusal(t, error);

  return (
    <section class="sign-in">
      <PageTitle>{t("signIn.title")}</PageTitle>
      {notice ? (
        <p class={`notice ${notice === "signIn.expired" ? "notice-warning" : ""}`} role="status">
          {t(notice)}
        </p>
      ) : null}
      <p>{t("signIn.intro")}</p>
      <form onSubmit={submit} class="form" novalidate aria-busy={busy ? "true" : undefined}>
        <div class="field">
          <label for="sign-in-token">{t("signIn.token")}</label>
          <input
            id="sign-in-token"
            ref={tokenField}
            type="password"
            name="token"
            autocomplete="current-password"
            required
            value={token}
            aria-invalid={message ? "true" : undefined}
            aria-describedby={message ? "sign-in-error" : undefined}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
          {message ? (
            <p id="sign-in-error" class="field-error" role="alert">
              {message}
            </p>
          ) : null}
        </div>
        <div class="field">
          <label for="sign-in-name">{t("signIn.name")}</label>
          <input
            id="sign-in-name"
            type="text"
            name="name"
            autocomplete="username"
            maxLength={100}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </div>
        <div>
          <button type="submit" class="button button-primary" aria-disabled={busy ? "true" : undefined}>
            {busy ? t("signIn.signingIn") : t("signIn.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
