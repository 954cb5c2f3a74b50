// The delivery log: every mail sent, deferred (with until when and why),
// failed or skipped (no consent, no address), newest first.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { formatDateTime } from "../format.js";
import { useT } from "../i18n.js";
import { Link } from "../router.jsx";
import { ErrorMessage, Loading, errorText, useLoad } from "../ui.jsx";

const PAGE = 50;

export function MailLog() {
  const t = useT();
  const [pages, setPages] = useState([]);
  const [failure, setFailure] = useState(null);
  const first = useLoad((signal) => {
    setPages([]);
    return api.get(`/v1/admin/mail/log?limit=${PAGE}`, { signal });
  }, []);
  const last = pages.length ? pages[pages.length - 1] : first.data;
  const older = async () => {
    if (!last?.nextBefore) return;
    try {
      const page = await api.get(`/v1/admin/mail/log?limit=${PAGE}&before=${last.nextBefore}`);
      setPages((loaded) => [...loaded, page]);
    } catch (error) {
      setFailure(error);
    }
  };
  const entries = [first.data, ...pages].flatMap((page) => page?.entries ?? []);
  return (
    <section class="card" aria-labelledby="mail-log-heading">
      <h2 id="mail-log-heading" class="card-heading">
        {t("mail.log.title")}
      </h2>
      <p>
        <button type="button" class="button" onClick={first.reload}>
          {t("mail.refresh")}
        </button>
      </p>
      {failure ? (
        <p class="notice notice-error" role="alert">
          {errorText(t, failure)}
        </p>
      ) : null}
      <ErrorMessage error={first.error} onRetry={first.reload} />
      {first.loading && !first.data ? <Loading /> : null}
      {first.data ? (
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
      ) : null}
      {last?.nextBefore ? (
        <p>
          <button type="button" class="button" onClick={older}>
            {t("mail.log.more")}
          </button>
        </p>
      ) : null}
    </section>
  );
}
