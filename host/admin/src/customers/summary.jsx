// The customer at a glance: balance, tier, stage and who they are.
import { formatDate, formatMoney, formatNumber } from "../format.js";
import { useT } from "../i18n.js";
import { tierName } from "./customer-text.js";

export function Summary({ customer }) {
  const t = useT();
  const { locale } = t;
  const balance = customer.balance ?? {};
  const negative = balance.negative || balance.available < 0;
  const next = customer.tier?.next;
  return (
    <section class="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading" class="card-heading">
        {t("customers.summary")}
      </h2>
      {negative ? (
        <p class="notice notice-warning" role="note">
          {t("customers.balance.negativeNote")}
        </p>
      ) : null}
      <dl class="figures">
        <div class="figure" data-figure="available">
          <dt>{t("customers.balance.available")}</dt>
          <dd class={`figure-value ${negative ? "negative" : ""}`}>{formatNumber(balance.available, locale)}</dd>
        </div>
        <div class="figure" data-figure="pending">
          <dt>{t("customers.balance.pending")}</dt>
          <dd class="figure-value">{formatNumber(balance.pending, locale)}</dd>
          <dd class="figure-definition">{t("customers.balance.pendingNote")}</dd>
        </div>
        <div class="figure" data-figure="tier">
          <dt>{t("customers.tier")}</dt>
          <dd class="figure-value">{tierName(customer.tier) ?? t("customers.noTier")}</dd>
          {next ? (
            <dd class="figure-definition">
              {t(customer.tier.basis === "spend" ? "customers.tierNextSpend" : "customers.tierNext", {
                name: next.name || next.id,
                remaining:
                  customer.tier.basis === "spend"
                    ? formatMoney(customer.tier.remaining, customer.currency, locale)
                    : formatNumber(customer.tier.remaining, locale),
              })}
            </dd>
          ) : null}
        </div>
        <div class="figure" data-figure="stage">
          <dt>{t("customers.stage")}</dt>
          <dd class="figure-value">{customer.stage ? t(`stage.${customer.stage}`) : "—"}</dd>
        </div>
      </dl>
      <dl class="facts">
        <div>
          <dt>{t("customers.column.id")}</dt>
          <dd class="mono">{customer.id}</dd>
        </div>
        <div>
          <dt>{t("customers.email")}</dt>
          <dd>{customer.email || "—"}</dd>
        </div>
        <div>
          <dt>{t("customers.joined")}</dt>
          <dd>{formatDate(customer.joinedAt, locale)}</dd>
        </div>
        <div>
          <dt>{t("customers.referralCode")}</dt>
          <dd class="mono">{customer.referralCode || "—"}</dd>
        </div>
      </dl>
    </section>
  );
}
