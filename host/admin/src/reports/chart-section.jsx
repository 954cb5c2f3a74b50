// A section of the reports: heading, what its figures mean, the chart and the
// table with the chart's numbers (and its CSV).
import { DataTable } from "../data-table.jsx";
import { Chart } from "./chart.jsx";

/** `stacked` puts the table below the chart (wide tables); else they sit side by side on wide screens. */
export function ChartSection({ id, title, definitions, chart, table, stacked = false }) {
  return (
    <section class="card report-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="card-heading">
        {title}
      </h2>
      <Definitions items={definitions} />
      <div class={stacked ? "chart-and-table stacked" : "chart-and-table"}>
        <figure class="chart-figure">
          <Chart {...chart} label={chart.label ?? title} />
        </figure>
        <DataTable id={`${id}-table`} {...table} />
      </div>
    </section>
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
