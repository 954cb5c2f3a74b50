// Month by month: the retention rate with its working, and points earned,
// redeemed and expired.
import { formatNumber, formatRate } from "../format.js";
import { useT } from "../i18n.js";
import { ChartSection } from "./chart-section.jsx";
import { monthName, monthShort } from "./months.js";

const percentTick = (locale) => (value) =>
  new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(value / 100);

export function RetentionSection({ overview, csvSuffix }) {
  const t = useT();
  const { locale } = t;
  const months = overview.monthly;
  const rows = months.map((month) => [
    monthName(month.month, locale),
    formatNumber(month.customersAtStart, locale),
    formatNumber(month.customersAtEnd, locale),
    formatNumber(month.newCustomers, locale),
    month.retention
      ? `(${formatNumber(month.customersAtEnd, locale)} − ${formatNumber(month.newCustomers, locale)}) / ${formatNumber(month.customersAtStart, locale)} × 100`
      : t("reports.retention.noStart"),
    formatRate(month.retention, locale),
  ]);
  return (
    <ChartSection
      id="retention"
      docAnchor="customers-and-retention"
      stacked
      title={t("reports.retention.title")}
      definitions={[
        [t("reports.retention.formulaTerm"), t("reports.retention.formula")],
        ["S", t("reports.retention.s")],
        ["E", t("reports.retention.e")],
        ["N", t("reports.retention.n")],
      ]}
      chart={{
        categories: months.map((month) => monthShort(month.month, locale)),
        // Basis points as percent, for the picture only; the table has the exact rates.
        series: [{ label: t("reports.retention.rate"), values: months.map((month) => (month.retention ? month.retention.basisPoints / 100 : null)) }],
        formatTick: percentTick(locale),
      }}
      table={{
        caption: t("reports.retention.caption"),
        columns: [
          { label: t("reports.column.month") },
          { label: t("reports.retention.columnS"), numeric: true },
          { label: t("reports.retention.columnE"), numeric: true },
          { label: t("reports.retention.columnN"), numeric: true },
          { label: t("reports.retention.columnWorking"), numeric: true },
          { label: t("reports.retention.rate"), numeric: true },
        ],
        rows,
        csvName: `treu-retention-${csvSuffix}`,
      }}
    />
  );
}

export function PointsSection({ overview, csvSuffix }) {
  const t = useT();
  const { locale } = t;
  const months = overview.monthly;
  const kinds = ["pointsEarned", "pointsRedeemed", "pointsExpired"];
  return (
    <ChartSection
      id="points"
      docAnchor="month-by-month"
      stacked
      title={t("reports.points.title")}
      definitions={kinds.map((kind) => [t(`reports.figure.${kind}`), t(`reports.define.${kind}`)])}
      chart={{
        categories: months.map((month) => monthShort(month.month, locale)),
        series: kinds.map((kind) => ({ label: t(`reports.figure.${kind}`), values: months.map((month) => month[kind]) })),
        formatTick: (value) => formatNumber(value, locale),
      }}
      table={{
        caption: t("reports.points.caption"),
        columns: [{ label: t("reports.column.month") }, ...kinds.map((kind) => ({ label: t(`reports.figure.${kind}`), numeric: true }))],
        rows: months.map((month) => [monthName(month.month, locale), ...kinds.map((kind) => formatNumber(month[kind], locale))]),
        csvName: `treu-points-${csvSuffix}`,
      }}
    />
  );
}
