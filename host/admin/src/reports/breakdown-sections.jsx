// Counts at the end of the period or within it: customers per lifecycle
// stage, the referral funnel, and members' revenue next to guests'.
import { formatMoney, formatNumber, formatRate } from "../format.js";
import { useT } from "../i18n.js";
import { ChartSection } from "./chart-section.jsx";

export const STAGES = ["prospect", "new", "repeat", "wonBack", "atRisk", "lapsed"];
const FUNNEL = ["shared", "claimed", "converted", "rewarded"];

/** `part / whole` as a rate (integer basis points, rounded down), or null without a whole. */
function share(part, whole) {
  return whole > 0 ? { numerator: part, denominator: whole, basisPoints: Math.floor((part * 10_000) / whole) } : null;
}

export function StagesSection({ overview, csvSuffix }) {
  const t = useT();
  const { locale } = t;
  const counts = STAGES.map((stage) => overview.stages[stage] ?? 0);
  const total = counts.reduce((sum, count) => sum + count, 0);
  return (
    <ChartSection
      id="stages"
      docAnchor="lifecycle-stages"
      title={t("reports.stages.title")}
      definitions={STAGES.map((stage) => [t(`stage.${stage}`), t(`reports.stages.define.${stage}`)])}
      chart={{
        bars: true,
        categories: STAGES.map((stage) => t(`stage.${stage}`)),
        series: [{ label: t("reports.stages.customers"), values: counts }],
        formatTick: (value) => formatNumber(value, locale),
      }}
      table={{
        caption: t("reports.stages.caption"),
        columns: [
          { label: t("reports.stages.stage") },
          { label: t("reports.stages.customers"), numeric: true },
          { label: t("reports.stages.share"), numeric: true },
        ],
        rows: STAGES.map((stage, index) => [
          t(`stage.${stage}`),
          formatNumber(counts[index], locale),
          formatRate(share(counts[index], total), locale),
        ]),
        csvName: `treu-stages-${csvSuffix}`,
      }}
    />
  );
}

export function ReferralsSection({ overview, csvSuffix }) {
  const t = useT();
  const { locale } = t;
  const counts = FUNNEL.map((step) => overview.referrals[step] ?? 0);
  return (
    <ChartSection
      id="referrals"
      docAnchor="referrals"
      title={t("reports.referrals.title")}
      definitions={FUNNEL.map((step) => [t(`reports.referrals.${step}`), t(`reports.referrals.define.${step}`)])}
      chart={{
        bars: true,
        categories: FUNNEL.map((step) => t(`reports.referrals.${step}`)),
        series: [{ label: t("reports.referrals.count"), values: counts }],
        formatTick: (value) => formatNumber(value, locale),
      }}
      table={{
        caption: t("reports.referrals.caption"),
        columns: [
          { label: t("reports.referrals.step") },
          { label: t("reports.referrals.count"), numeric: true },
          { label: t("reports.referrals.ofPrevious"), numeric: true },
        ],
        rows: FUNNEL.map((step, index) => [
          t(`reports.referrals.${step}`),
          formatNumber(counts[index], locale),
          index === 0 ? "—" : formatRate(share(counts[index], counts[index - 1]), locale),
        ]),
        csvName: `treu-referrals-${csvSuffix}`,
      }}
    />
  );
}

export function RevenueSection({ overview, csvSuffix }) {
  const t = useT();
  const { locale } = t;
  const { currency } = overview;
  const groups = ["members", "guests"];
  const money = (minor) => formatMoney(minor, currency, locale);
  return (
    <ChartSection
      id="revenue"
      docAnchor="revenue-members-and-guests"
      title={t("reports.revenue.title")}
      definitions={[
        [t("reports.revenue.revenue"), t("reports.revenue.define.revenue")],
        [t("reports.revenue.aov"), t("reports.revenue.define.aov")],
        [t("reports.revenue.members"), t("reports.revenue.define.members")],
        [t("reports.revenue.guests"), t("reports.revenue.define.guests")],
      ]}
      chart={{
        bars: true,
        categories: groups.map((group) => t(`reports.revenue.${group}`)),
        // Integer minor units on the axis too; ticks are written as money.
        series: [{ label: t("reports.revenue.revenue"), values: groups.map((group) => overview.revenue[group].revenue) }],
        formatTick: (value) => money(Math.round(value)),
      }}
      table={{
        caption: t("reports.revenue.caption", { currency }),
        columns: [
          { label: t("reports.revenue.group") },
          { label: t("reports.revenue.orders"), numeric: true },
          { label: t("reports.revenue.revenue"), numeric: true },
          { label: t("reports.revenue.aov"), numeric: true },
        ],
        rows: groups.map((group) => {
          const figures = overview.revenue[group];
          return [
            t(`reports.revenue.${group}`),
            formatNumber(figures.orders, locale),
            money(figures.revenue),
            figures.orders > 0 ? money(figures.averageOrderValue) : "—",
          ];
        }),
        csvName: `treu-revenue-${csvSuffix}`,
      }}
    />
  );
}
