// A customer's marketing consent on their page: the state with its times,
// and the merchant's two actions: send the opt-in mail (the customer still
// confirms through its link) or unsubscribe them.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { formatDateTime } from "../format.js";
import { useT } from "../i18n.js";
import { ErrorMessage, errorText, useLoad } from "../ui.jsx";

export function ConsentCard({ customerId }) {
  const t = useT();
  const path = `/v1/admin/customers/${encodeURIComponent(customerId)}/mail-consent`;
  const loaded = useLoad((signal) => api.get(path, { signal }), [path]);
  const [failure, setFailure] = useState(null);
  const change = async (marketing) => {
    setFailure(null);
    try {
      await api.put(path, { marketing });
      loaded.reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const consent = loaded.data;
  return (
    <section class="card" aria-labelledby="consent-heading">
      <h2 id="consent-heading" class="card-heading">
        {t("mail.consent.title")}
      </h2>
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      {consent ? (
        <>
          <p data-consent={consent.status}>
            {t(`mail.consent.${consent.status}`)}
            {consent.source ? ` · ${t("mail.consent.source", { source: consent.source })}` : ""}
          </p>
          <ul class="muted">
            {["requestedAt", "confirmedAt", "unsubscribedAt"]
              .filter((field) => consent[field])
              .map((field) => (
                <li key={field}>
                  {t(`mail.consent.${field}`)}: {formatDateTime(consent[field], t.locale)}
                </li>
              ))}
          </ul>
          <p>
            {consent.status !== "confirmed" ? (
              <button type="button" class="button" onClick={() => change(true)}>
                {t("mail.consent.request")}
              </button>
            ) : null}{" "}
            {consent.status !== "unsubscribed" && consent.status !== "none" ? (
              <button type="button" class="button" onClick={() => change(false)}>
                {t("mail.consent.unsubscribe")}
              </button>
            ) : null}
          </p>
        </>
      ) : null}
      {failure ? (
        <p class="notice notice-error" role="alert">
          {errorText(t, failure)}
        </p>
      ) : null}
    </section>
  );
}
