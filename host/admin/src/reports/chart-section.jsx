// A section of the reports: heading, what its figures mean, the chart and the
// table with the chart's numbers (and its CSV).
import { DataTable } from "../data-table.jsx";
import { useT } from "../i18n.js";
import { Chart } from "./chart.jsx";
import { metricsDocSection } from "./metrics-doc.js";

/** `stacked` puts the table below the chart (wide tables); else they sit side by side on wide screens. */
export function ChartSection({ id, title, definitions, docAnchor, chart, table, stacked = false }) {
  const t = useT();
  return (
    <section class="card report-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="card-heading">
        {title}
      </h2>
      <Definitions items={definitions} />
      <DocLink anchor={docAnchor} label={t("reports.docsSection", { title })} />
      <div class={stacked ? "chart-and-table stacked" : "chart-and-table"}>
        <figure class="chart-figure">
          <Chart {...chart} label={chart.label ?? title} />
        </figure>
        <DataTable id={`${id}-table`} {...table} />
      </div>
    </section>
  );
}

/** A link to the full definitions of a section's figures in docs/metrics.md. */
export function DocLink({ anchor, label }) {
  const t = useT();
  return (
    <p class="doc-link">
      <a href={metricsDocSection(anchor)} rel="noopener noreferrer" target="_blank">
        {label}
        <span class="visually-hidden"> {t("common.newWindow")}</span>
      </a>
    </p>
  );
}

/** Terms and their definitions, `[[term, definition], …]`. */
export function Definitions({ items }) {
  return (
    <dl class="definitions">
      {items.map(([term, definition]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{definition}</dd>
        </div>
      ))}
    </dl>
  );
}
