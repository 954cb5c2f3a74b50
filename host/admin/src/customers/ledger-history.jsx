// Every ledger entry of the customer, newest first, each readable on its own:
// what happened, the points it changed, why, for which order, and when.
import { formatDateTime, formatMoney, formatNumber } from "../format.js";
import { useT } from "../i18n.js";
import { readEntry } from "./customer-text.js";

/** The entry's particulars as short texts (reason, order, rule, dates). */
function details(t, entry, currencyOf) {
  const { locale } = t;
  const change = entry.change;
  const parts = [];
  switch (entry.kind) {
    case "earn":
      parts.push(t("customers.entry.rule", { rule: change.rule }));
      if (change.order) parts.push(t("customers.entry.order", { order: change.order }));
      if (change.availableAt) parts.push(t("customers.entry.availableAt", { date: formatDateTime(change.availableAt, locale) }));
      if (change.expiresAt) parts.push(t("customers.entry.expiresAt", { date: formatDateTime(change.expiresAt, locale) }));
      break;
    case "redeem":
      parts.push(t("customers.entry.option", { option: change.option }));
      break;
    case "reverse": {
      const currency = currencyOf(change.order);
      parts.push(t("customers.entry.order", { order: change.order }));
      parts.push(
        currency
          ? t("customers.entry.refunded", {
              refunded: formatMoney(change.refunded, currency, locale),
              total: formatMoney(change.orderTotal, currency, locale),
            })
          : t("customers.entry.refundedMinor", { refunded: change.refunded, total: change.orderTotal }),
      );
      break;
    }
    case "expire":
      parts.push(t("customers.entry.lot", { lot: change.lot }));
      break;
    case "adjust":
      parts.push(t("customers.entry.reason", { reason: change.reason }));
      if (change.expiresAt) parts.push(t("customers.entry.expiresAt", { date: formatDateTime(change.expiresAt, locale) }));
      break;
    default:
      if (change.reason) parts.push(t("customers.entry.reason", { reason: change.reason }));
      if (change.order) parts.push(t("customers.entry.order", { order: change.order }));
  }
  return parts;
}

export function LedgerHistory({ entries, orders }) {
  const t = useT();
  const { locale } = t;
  const currencies = new Map(orders.map((order) => [order.id, order.currency]));
  const rows = entries.map(readEntry).sort((a, b) => b.seq - a.seq);
  const signed = (points) => (points > 0 ? `+${formatNumber(points, locale)}` : formatNumber(points, locale));
  return (
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading" class="card-heading">
        {t("customers.history.title")}
      </h2>
      {rows.length === 0 ? (
        <p class="muted">{t("customers.history.none")}</p>
      ) : (
        <>
        {/* The caption would scroll away with the wide table; its visible twin stays. */}
        <p class="muted table-title" aria-hidden="true">
          {t("customers.history.caption", { count: rows.length })}
        </p>
        <div class="table-wrap" tabIndex={0} role="group" aria-labelledby="history-heading">
          <table class="ledger">
            <caption class="visually-hidden">{t("customers.history.caption", { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col" class="number">
                  #
                </th>
                <th scope="col">{t("customers.history.date")}</th>
                <th scope="col">{t("customers.history.kind")}</th>
                <th scope="col" class="number">
                  {t("customers.points")}
                </th>
                <th scope="col">{t("customers.history.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((entry) => (
                <tr key={entry.seq} data-seq={entry.seq} data-kind={entry.kind}>
                  <td class="number">{entry.seq}</td>
                  <td>{formatDateTime(entry.at, locale)}</td>
                  <th scope="row">{t.has(`customers.kind.${entry.kind}`) ? t(`customers.kind.${entry.kind}`) : entry.kind}</th>
                  <td class={`number ${entry.points < 0 ? "negative" : "positive"}`}>{signed(entry.points)}</td>
                  <td>
                    {details(t, entry, (order) => currencies.get(order)).map((part, index) => (
                      <span key={index} class="detail">
                        {part}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        </>
      )}
    </section>
  );
}
