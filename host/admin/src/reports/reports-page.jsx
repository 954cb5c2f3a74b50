// Reports for a chosen period, from the host's ledger: key figures, retention
// by month, points by month, lifecycle stages, the referral funnel and
// revenue. The period is in the URL, so a report can be bookmarked and shared.
import { api } from "../api.js";
import { formatDate } from "../format.js";
import { useT } from "../i18n.js";
import { navigate } from "../router.jsx";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../ui.jsx";
import { ReferralsSection, RevenueSection, StagesSection } from "./breakdown-sections.jsx";
import { KeyFigures } from "./key-figures.jsx";
import { METRICS_DOC } from "./metrics-doc.js";
import { PointsSection, RetentionSection } from "./monthly-sections.jsx";
import { PeriodPicker } from "./period-picker.jsx";
import { DEFAULT_PRESET, isoDate, periodErrors, presetPeriod } from "./period.js";

/**
 * Today as the host sees it: the host has one clock for the whole shop, which
 * tests and the demo may have moved forward; without it, the browser's date.
 */
async function hostToday(signal) {
  try {
    const clock = await api.get("/v1/admin/clock", { signal });
    if (typeof clock?.now === "string" && /^\d{4}-\d{2}-\d{2}/.test(clock.now)) return clock.now.slice(0, 10);
  } catch (error) {
    if (error?.name === "AbortError" || error?.status === 401) throw error;
  }
  return isoDate(Date.now());
}

export function ReportsPage({ query }) {
  const t = useT();
  const today = useLoad((signal) => hostToday(signal), []);
  const asked = { from: query.get("from") ?? "", to: query.get("to") ?? "" };
  const usable = asked.from && asked.to && Object.keys(periodErrors(asked)).length === 0;
  const period = usable ? asked : today.data ? presetPeriod(DEFAULT_PRESET, today.data) : null;

  const overview = useLoad(
    (signal) =>
      period
        ? api.get(`/v1/admin/reports/overview?from=${period.from}&to=${period.to}`, { signal })
        : new Promise(() => {}),
    [period?.from, period?.to],
  );

  const choose = (chosen) => navigate(`/reports?from=${chosen.from}&to=${chosen.to}`);
  const data = overview.data;
  const suffix = period ? `${period.from}_${period.to}` : "";

  return (
    <section>
      <PageTitle>{t("reports.title")}</PageTitle>
      <p class="lead">
        {t("reports.intro")}{" "}
        <a href={METRICS_DOC} rel="noopener noreferrer" target="_blank">
          {t("reports.docsLink")}
          <span class="visually-hidden"> {t("common.newWindow")}</span>
        </a>
      </p>
      {today.error ? <ErrorMessage error={today.error} onRetry={today.reload} /> : null}
      {period && today.data ? <PeriodPicker period={period} today={today.data} onChange={choose} /> : null}
      {period ? (
        <p class="period-shown" aria-live="polite">
          {t("reports.period.shown", { from: formatDate(period.from, t.locale), to: formatDate(period.to, t.locale) })}
        </p>
      ) : null}
      {(asked.from || asked.to) && !usable ? (
        <p class="notice notice-warning" role="status">
          {t("reports.period.badAddress")}
        </p>
      ) : null}
      {overview.error ? <ErrorMessage error={overview.error} onRetry={overview.reload} /> : null}
      {overview.loading && !today.error ? <Loading /> : null}
      {data && !overview.loading ? (
        <div class="reports">
          <KeyFigures overview={data} />
          <RetentionSection overview={data} csvSuffix={suffix} />
          <PointsSection overview={data} csvSuffix={suffix} />
          <StagesSection overview={data} csvSuffix={suffix} />
          <ReferralsSection overview={data} csvSuffix={suffix} />
          <RevenueSection overview={data} csvSuffix={suffix} />
        </div>
      ) : null}
    </section>
  );
}
