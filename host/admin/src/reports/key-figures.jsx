// The period's figures at a glance, each with what it means.
import { formatMoney, formatNumber, formatRate } from "../format.js";
import { useT } from "../i18n.js";
import { DocLink } from "./chart-section.jsx";

/** "n / d" of a rate, for the figure's working. */
function fraction(rate, locale) {
  return rate ? `${formatNumber(rate.numerator, locale)} / ${formatNumber(rate.denominator, locale)}` : null;
}

export function KeyFigures({ overview }) {
  const t = useT();
  const { locale } = t;
  const { members, points, currency } = overview;
  const figures = [
    ["members", formatNumber(members.total, locale)],
    ["newMembers", formatNumber(members.new, locale)],
    ["pointsEarned", formatNumber(points.earned, locale)],
    ["pointsRedeemed", formatNumber(points.redeemed, locale)],
    ["pointsExpired", formatNumber(points.expired, locale)],
    ["pointsOutstanding", formatNumber(points.outstanding, locale)],
    [
      "liability",
      points.liability === null || points.liability === undefined ? t("reports.figure.noLiability") : formatMoney(points.liability, currency, locale),
    ],
    ["redemptionRate", formatRate(points.redemptionRate, locale), fraction(points.redemptionRate, locale)],
    ["breakage", formatRate(points.breakage, locale), fraction(points.breakage, locale)],
    ["repeatPurchase", formatRate(overview.repeatPurchase, locale), fraction(overview.repeatPurchase, locale)],
    [
      "retention",
      formatRate(overview.retention, locale),
      overview.retention
        ? `(E − N) / S × 100 = ${fraction(overview.retention, locale)} × 100`
        : t("reports.figure.noRetention"),
    ],
  ];
  return (
    <section class="card" aria-labelledby="figures-heading">
      <h2 id="figures-heading" class="card-heading">
        {t("reports.figures.title")}
      </h2>
      <dl class="figures">
        {figures.map(([key, value, working]) => (
          <div key={key} class="figure" data-figure={key}>
            <dt>{t(`reports.figure.${key}`)}</dt>
            <dd class="figure-value">{value}</dd>
            {working ? <dd class="figure-working">{working}</dd> : null}
            <dd class="figure-definition">{t(`reports.define.${key}`)}</dd>
          </div>
        ))}
      </dl>
      <DocLink label={t("reports.docsSection", { title: t("reports.figures.title") })} />
    </section>
  );
}
