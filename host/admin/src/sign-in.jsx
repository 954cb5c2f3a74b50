// Sign-in with the shop's admin token, exchanged by the host for a session
// cookie. The token field is a password field and is never stored.
import { useState } from "preact/hooks";
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

export function SignIn({ notice, onSignedIn }) {
  const t = useT();
  const [token, setToken] = useState("");
  const [name, setName] = useState(rememberedName);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await session.signIn(token, name.trim());
      try {
        localStorage.setItem(NAME_KEY, name.trim());
      } catch {
        // The name is only a convenience.
      }
      onSignedIn(signedIn);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  let message = null;
  if (error?.status === 401) message = error.detail?.includes("TREU_ADMIN_TOKEN") ? t("signIn.off") : t("signIn.wrongToken");
  else if (error?.status === 429) message = t("signIn.rateLimited", { seconds: error.retryAfter ?? 60 });
  else if (error) message = errorText(t, error);

  return (
    <section class="sign-in">
      <PageTitle>{t("signIn.title")}</PageTitle>
      {notice ? (
        <p class="notice" role="status">
          {t(notice)}
        </p>
      ) : null}
      <p>{t("signIn.intro")}</p>
      <form onSubmit={submit} class="form" novalidate>
        <label class="field">
          <span>{t("signIn.token")}</span>
          <input
            type="password"
            name="token"
            autocomplete="current-password"
            required
            value={token}
            aria-invalid={message ? "true" : undefined}
            aria-describedby={message ? "sign-in-error" : undefined}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{t("signIn.name")}</span>
          <input
            type="text"
            name="name"
            autocomplete="name"
            maxLength={100}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        {message ? (
          <p id="sign-in-error" class="field-error" role="alert">
            {message}
          </p>
        ) : null}
        <button type="submit" class="button button-primary" disabled={busy || !token}>
          {t("signIn.submit")}
        </button>
      </form>
    </section>
  );
}
