// The delivery log: events newest first, each with its state, its attempts
// and the body sent (as text), filtered by type, with a replay per event that
// queues it again under the same event id.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { formatDateTime, formatNumber } from "../format.js";
import { useT } from "../i18n.js";
import { PAGE, PagedLogBody, usePagedLog } from "../paged-log.jsx";
import { Link } from "../router.jsx";
import { EVENT_TYPES, typeName } from "./event-types.js";

export function EventLog({ endpointsVersion }) {
  const t = useT();
  const [type, setType] = useState("");
  const [status, setStatus] = useState("");
  const log = usePagedLog(
    (before) =>
      `/v1/admin/events?${new URLSearchParams({ limit: String(PAGE), ...(before ? { before: String(before) } : {}), ...(type ? { type } : {}) })}`,
    [type, endpointsVersion],
  );
  const { first, failure, setFailure } = log;

  const replay = async (event) => {
    setStatus("");
    setFailure(null);
    try {
      await api.post(`/v1/admin/events/${encodeURIComponent(event.id)}/replay`);
      setStatus(t("events.log.replayed", { type: typeName(t, event.type) }));
      first.reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const events = log.pages.flatMap((page) => page.events);
  return (
    <section class="card" aria-labelledby="event-log-heading">
      <h2 id="event-log-heading" class="card-heading">
        {t("events.log.title")}
      </h2>
      <div class="log-controls">
        <label for="event-log-type">{t("events.log.filter")}</label>{" "}
        <select id="event-log-type" value={type} onChange={(event) => setType(event.currentTarget.value)}>
          <option value="">{t("events.log.allTypes")}</option>
          {EVENT_TYPES.map((known) => (
            <option key={known} value={known}>
              {typeName(t, known)}
            </option>
          ))}
        </select>{" "}
        <button type="button" class="button" onClick={first.reload}>
          {t("events.log.refresh")}
        </button>
      </div>
      <p role="status">{status}</p>
      <PagedLogBody log={log} moreLabel={t("events.log.more")}>
        <div class="table-wrap" tabIndex={0} role="group" aria-labelledby="event-log-caption">
          <table class="event-log">
            <caption id="event-log-caption" class="visually-hidden">
              {t("events.log.caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("events.log.when")}</th>
                <th scope="col">{t("events.log.type")}</th>
                <th scope="col">{t("events.log.customer")}</th>
                <th scope="col">{t("events.log.status")}</th>
                <th scope="col" class="number">
                  {t("events.log.attempts")}
                </th>
                <th scope="col">{t("events.log.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {events.length === 0 ? (
                <tr>
                  <td colSpan={6} class="muted">
                    {t("events.log.empty")}
                  </td>
                </tr>
              ) : (
                events.map((event) => <EventRow key={event.id} event={event} onReplay={() => replay(event)} />)
              )}
            </tbody>
          </table>
        </div>
      </PagedLogBody>
    </section>
  );
}

function EventRow({ event, onReplay }) {
  const t = useT();
  const attempts = event.deliveries.reduce((sum, delivery) => sum + delivery.attempts, 0);
  const lastError = [...event.deliveries].reverse().find((delivery) => delivery.lastError)?.lastError;
  return (
    <tr data-event={event.id} data-status={event.status}>
      <th scope="row">{formatDateTime(event.occurredAt, t.locale)}</th>
      <td>{typeName(t, event.type)}</td>
      <td>
        <Link to={`/customers/${encodeURIComponent(event.customerId)}`}>{event.customerId}</Link>
      </td>
      <td>
        <span class={`event-status event-status-${event.status}`}>{t(`events.status.${event.status}`)}</span>
        {lastError && event.status !== "delivered" ? <p class="field-hint">{t("events.log.lastError", { error: lastError })}</p> : null}
      </td>
      <td class="number">{formatNumber(attempts, t.locale)}</td>
      <td>
        <button
          type="button"
          class="button"
          aria-label={t("events.log.replayFor", { type: typeName(t, event.type), customer: event.customerId })}
          onClick={onReplay}
        >
          {t("events.log.replay")}
        </button>
        <details>
          <summary>{t("events.log.details")}</summary>
          <p>
            <code>{event.id}</code>
          </p>
          <ul class="deliveries">
            {event.deliveries.map((delivery) => (
              <li key={delivery.id}>
                {t(`events.status.${delivery.status}`)} · {delivery.url} · {formatNumber(delivery.attempts, t.locale)}
                {delivery.responseStatus ? ` · HTTP ${delivery.responseStatus}` : ""}
              </li>
            ))}
          </ul>
          <p>{t("events.log.payload")}</p>
          <pre class="payload">{JSON.stringify(event.payload, null, 2)}</pre>
        </details>
      </td>
    </tr>
  );
}
