// Demo only: the mails the local SMTP sink received (`./x demo`), so "move
// the clock, see the mail" works without a real mailbox. Absent on a host
// without `--mail-inbox`. Every part is shown as text.
import { api } from "../api.js";
import { formatDateTime } from "../format.js";
import { useT } from "../i18n.js";
import { ErrorMessage, useLoad } from "../ui.jsx";

export function InboxSection() {
  const t = useT();
  const loaded = useLoad((signal) => api.get("/v1/admin/mail/inbox", { signal }), []);
  if (loaded.error?.slug === "no-inbox") return null;
  const mails = loaded.data?.mails ?? [];
  return (
    <section class="card" aria-labelledby="mail-inbox-heading">
      <h2 id="mail-inbox-heading" class="card-heading">
        {t("mail.inbox.title")}
      </h2>
      <p class="muted">{t("mail.inbox.intro")}</p>
      <p>
        <button type="button" class="button" onClick={loaded.reload}>
          {t("mail.refresh")}
        </button>
      </p>
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && mails.length === 0 ? <p class="muted">{t("mail.inbox.empty")}</p> : null}
      <ul class="mail-inbox">
        {mails.map((mail) => (
          <li key={mail.id} class="mail-inbox-item">
            <details>
              <summary>
                <strong class="mail-inbox-subject">{mail.subject}</strong> · {mail.to} ·{" "}
                {formatDateTime(new Date(mail.receivedAt).toISOString(), t.locale)}
              </summary>
              {mail.listUnsubscribe ? (
                <p class="field-hint">
                  List-Unsubscribe: {mail.listUnsubscribe} {mail.listUnsubscribePost ? `(${mail.listUnsubscribePost})` : ""}
                </p>
              ) : null}
              <pre class="payload">{mail.text}</pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
