// The delivery log: every mail sent, deferred (with until when and why),
// failed or skipped (no consent, no address), newest first.
import { formatDateTime } from "../format.js";
import { useT } from "../i18n.js";
import { PAGE, PagedLogBody, usePagedLog } from "../paged-log.jsx";
import { Link } from "../router.jsx";

export function MailLog() {
  const t = useT();
  const log = usePagedLog((before) => `/v1/admin/mail/log?limit=${PAGE}${before ? `&before=${before}` : ""}`, []);
  const entries = log.pages.flatMap((page) => page.entries);
  return (
    <section class="card" aria-labelledby="mail-log-heading">
      <h2 id="mail-log-heading" class="card-heading">
        {t("mail.log.title")}
      </h2>
      <p>
        <button type="button" class="button" onClick={log.first.reload}>
          {t("mail.refresh")}
        </button>
      </p>
      <PagedLogBody log={log} moreLabel={t("mail.log.more")}>
        <div class="table-wrap" tabIndex={0} role="group" aria-labelledby="mail-log-heading">
          <table class="mail-log">
            <thead>
              <tr>
                <th scope="col">{t("mail.log.when")}</th>
                <th scope="col">{t("mail.log.kind")}</th>
                <th scope="col">{t("mail.log.customer")}</th>
                <th scope="col">{t("mail.log.status")}</th>
                <th scope="col">{t("mail.log.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.length === 0 ? (
                <tr>
                  <td colSpan={5} class="muted">
                    {t("mail.log.empty")}
                  </td>
                </tr>
              ) : (
                entries.map((entry) => (
                  <tr key={entry.id} data-status={entry.status}>
                    <th scope="row">{formatDateTime(entry.at, t.locale)}</th>
                    <td>{t(`mail.kind.${entry.kind}`)}</td>
                    <td>
                      <Link to={`/customers/${encodeURIComponent(entry.customerId)}`}>{entry.customerId}</Link>
                    </td>
                    <td>
                      {t(`mail.status.${entry.status}`)}
                      {entry.reason ? <p class="field-hint">{entry.reason}</p> : null}
                    </td>
                    <td>{entry.subject ?? ""}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </PagedLogBody>
    </section>
  );
}
