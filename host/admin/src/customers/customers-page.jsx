// Finding a customer: search by id, email or name; without a search, the most
// recently active customers. The search is in the URL (?q=), so the back
// button returns to the results.
import { useLayoutEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { formatDate, formatNumber } from "../format.js";
import { useT } from "../i18n.js";
import { Link, navigate } from "../router.jsx";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../ui.jsx";
import { customerLabel, tierName } from "./customer-text.js";

const LIMIT = 50;

export function CustomersPage({ query }) {
  const t = useT();
  const q = (query.get("q") ?? "").trim();
  const [typed, setTyped] = useState(q);
  // In the commit that shows the new search, not after the next frame: a
  // deferred reset could land after the merchant typed the next search and
  // put the old one back in the field.
  useLayoutEffect(() => setTyped(q), [q]);
  const found = useLoad(
    (signal) => api.get(`/v1/admin/customers?${new URLSearchParams({ ...(q ? { q } : {}), limit: String(LIMIT) })}`, { signal }),
    [q],
  );

  const search = (event) => {
    event.preventDefault();
    const text = typed.trim();
    navigate(text ? `/customers?q=${encodeURIComponent(text)}` : "/customers");
  };
  const customers = found.data?.customers ?? [];

  return (
    <section>
      <PageTitle>{t("customers.title")}</PageTitle>
      <form role="search" class="card search" onSubmit={search}>
        <div class="field">
          <label for="customer-search">{t("customers.search.label")}</label>
          <div class="search-row">
            <input
              id="customer-search"
              type="search"
              name="q"
              value={typed}
              maxLength={200}
              autocomplete="off"
              aria-describedby="customer-search-hint"
              onInput={(event) => setTyped(event.currentTarget.value)}
            />
            <button type="submit" class="button button-primary">
              {t("customers.search.submit")}
            </button>
          </div>
          <p id="customer-search-hint" class="field-hint">
            {t("customers.search.hint")}
          </p>
        </div>
      </form>
      {found.error ? <ErrorMessage error={found.error} onRetry={found.reload} /> : null}
      {found.loading ? <Loading /> : null}
      {found.data && !found.loading ? (
        <>
          <p role="status" class="result-count">
            {q ? t("customers.found", { count: customers.length, q }) : t("customers.recent", { count: customers.length })}
            {customers.length >= LIMIT ? ` ${t("customers.narrow", { limit: LIMIT })}` : ""}
          </p>
          {customers.length ? <Results customers={customers} /> : null}
        </>
      ) : null}
    </section>
  );
}

function Results({ customers }) {
  const t = useT();
  const { locale } = t;
  return (
    <div class="table-wrap" tabIndex={0} role="group" aria-labelledby="customers-caption">
      <table class="customers">
        <caption id="customers-caption">{t("customers.results")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("customers.column.customer")}</th>
            <th scope="col">{t("customers.column.id")}</th>
            <th scope="col" class="number">
              {t("customers.balance.available")}
            </th>
            <th scope="col" class="number">
              {t("customers.balance.pending")}
            </th>
            <th scope="col">{t("customers.tier")}</th>
            <th scope="col">{t("customers.stage")}</th>
            <th scope="col" class="number">
              {t("customers.column.orders")}
            </th>
            <th scope="col">{t("customers.column.lastOrder")}</th>
          </tr>
        </thead>
        <tbody>
          {customers.map((customer) => (
            <tr key={customer.id}>
              <th scope="row">
                <Link to={`/customers/${encodeURIComponent(customer.id)}`}>{customerLabel(customer)}</Link>
                {customer.email && customer.name ? <div class="muted small">{customer.email}</div> : null}
              </th>
              <td class="mono">{customer.id}</td>
              <td class={`number ${customer.available < 0 ? "negative" : ""}`}>{formatNumber(customer.available, locale)}</td>
              <td class="number">{formatNumber(customer.pending, locale)}</td>
              <td>{tierName(customer.tier) ?? t("customers.noTier")}</td>
              <td>{customer.stage ? t(`stage.${customer.stage}`) : "—"}</td>
              <td class="number">{formatNumber(customer.orders, locale)}</td>
              <td>{formatDate(customer.lastOrderAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
