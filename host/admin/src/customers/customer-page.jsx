// One customer: balance, tier, stage, codes, orders and every ledger entry,
// with the goodwill adjustment form.
import { api } from "../api.js";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "../format.js";
import { useT } from "../i18n.js";
import { ConsentCard } from "../mail/consent-card.jsx";
import { Link } from "../router.jsx";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../ui.jsx";
import { AdjustmentForm } from "./adjustment-form.jsx";
import { customerLabel } from "./customer-text.js";
import { LedgerHistory } from "./ledger-history.jsx";
import { Summary } from "./summary.jsx";

export function CustomerPage({ params }) {
  const t = useT();
  const path = `/v1/admin/customers/${encodeURIComponent(params.id)}`;
  const customer = useLoad((signal) => api.get(path, { signal }), [path]);
  const back = (
    <p>
      <Link to="/customers">{t("customers.back")}</Link>
    </p>
  );

  if (customer.error?.status === 404) {
    return (
      <section>
        <PageTitle>{t("customers.notFound")}</PageTitle>
        <p>{t("customers.notFoundDetail", { id: params.id })}</p>
        {back}
      </section>
    );
  }
  if (!customer.data) {
    return (
      <section>
        {back}
        {customer.error ? <ErrorMessage error={customer.error} onRetry={customer.reload} /> : <Loading />}
      </section>
    );
  }
  const data = customer.data;
  return (
    <section>
      {back}
      <PageTitle>{customerLabel(data)}</PageTitle>
      <Summary customer={data} />
      <AdjustmentForm customerId={data.id} onAdjusted={customer.reload} />
      <ConsentCard customerId={data.id} />
      <Codes codes={data.codes ?? []} />
      <Orders orders={data.orders ?? []} />
      <LedgerHistory entries={data.entries ?? []} orders={data.orders ?? []} />
    </section>
  );
}

/** A status from the host in the merchant's language, or as sent when it is new to us. */
export function statusText(t, area, status) {
  const key = `customers.${area}.${status}`;
  return t.has(key) ? t(key) : String(status ?? "—");
}

function Codes({ codes }) {
  const t = useT();
  const { locale } = t;
  return (
    <section class="card" aria-labelledby="codes-heading">
      <h2 id="codes-heading" class="card-heading">
        {t("customers.codes.title")}
      </h2>
      {codes.length === 0 ? (
        <p class="muted">{t("customers.codes.none")}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="group" aria-labelledby="codes-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("customers.codes.code")}</th>
                <th scope="col">{t("customers.codes.reward")}</th>
                <th scope="col" class="number">
                  {t("customers.points")}
                </th>
                <th scope="col">{t("customers.codes.created")}</th>
                <th scope="col">{t("customers.codes.expires")}</th>
                <th scope="col">{t("customers.codes.status")}</th>
              </tr>
            </thead>
            <tbody>
              {codes.map((code) => (
                <tr key={code.code}>
                  <th scope="row" class="mono">
                    {code.code}
                  </th>
                  <td>{code.name || code.option}</td>
                  <td class="number">{formatNumber(code.points, locale)}</td>
                  <td>{formatDateTime(code.createdAt, locale)}</td>
                  <td>{code.expiresAt ? formatDateTime(code.expiresAt, locale) : t("customers.codes.noExpiry")}</td>
                  <td>
                    <span class={`status status-${code.status}`}>{statusText(t, "codeStatus", code.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Orders({ orders }) {
  const t = useT();
  const { locale } = t;
  return (
    <section class="card" aria-labelledby="orders-heading">
      <h2 id="orders-heading" class="card-heading">
        {t("customers.orders.title")}
      </h2>
      {orders.length === 0 ? (
        <p class="muted">{t("customers.orders.none")}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="group" aria-labelledby="orders-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("customers.orders.order")}</th>
                <th scope="col">{t("customers.orders.placed")}</th>
                <th scope="col" class="number">
                  {t("customers.orders.total")}
                </th>
                <th scope="col" class="number">
                  {t("customers.orders.refunded")}
                </th>
                <th scope="col">{t("customers.orders.status")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id}>
                  <th scope="row" class="mono">
                    {order.id}
                  </th>
                  <td>{formatDate(order.placedAt, locale)}</td>
                  <td class="number">{formatMoney(order.total, order.currency, locale)}</td>
                  <td class="number">{order.refunded ? formatMoney(order.refunded, order.currency, locale) : "—"}</td>
                  <td>{statusText(t, "orderStatus", order.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
