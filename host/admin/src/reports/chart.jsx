// One chart drawn with uPlot: categories along the x axis (months, stages,
// funnel steps), one or more series of numbers. The chart is a picture for
// sighted readers; the table beside it carries the same numbers for everyone.
import { useEffect, useRef, useState } from "preact/hooks";
import uPlot from "uplot";

const HEIGHT = 260;
const INK = "#4a5565";
const GRID = "#e3e8ef";
/** Series colours, each at least 3:1 against white (WCAG non-text contrast). */
export const COLOURS = ["#0b5cad", "#b3541e", "#1e6b35", "#6b3fa0"];

/**
 * `categories`: the x axis labels; `series`: `[{ label, values, colour? }]`
 * with one value (or null) per category; `bars` draws one series as bars;
 * `formatTick` writes a y-axis value.
 */
export function Chart({ label, categories, series, bars = false, formatTick = String }) {
  const box = useRef(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const element = box.current;
    const observer = new ResizeObserver(() => setWidth(Math.floor(element.clientWidth)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const data = JSON.stringify([categories, series]);
  useEffect(() => {
    if (!width) return undefined;
    // Labels that would not fit side by side (about 7 px a character) are slanted.
    const longest = Math.max(0, ...categories.map((category) => String(category).length));
    const narrow = categories.length * (longest * 7 + 12) > width - 80;
    // Every category gets its tick; on a narrow chart only every n-th is labelled.
    const every = Math.max(1, Math.ceil((categories.length * (bars ? 40 : 64)) / Math.max(width - 80, 1)));
    const chart = new uPlot(
      {
        width,
        height: HEIGHT,
        scales: {
          x: { time: false, range: [-0.5, categories.length - 0.5] },
          y: { range: (_, min, max) => [Math.min(0, min ?? 0), max > 0 ? max * 1.1 : 1] },
        },
        axes: [
          {
            stroke: INK,
            grid: { show: false },
            splits: () => categories.map((_, index) => index),
            values: (_, splits) => splits.map((index) => (index % every === 0 ? (categories[index] ?? "") : "")),
            rotate: bars && narrow ? -35 : 0,
            size: bars && narrow ? 80 : 40,
          },
          { stroke: INK, grid: { stroke: GRID }, values: (_, splits) => splits.map(formatTick), size: 72 },
        ],
        series: [
          {},
          ...series.map((one, index) => {
            const colour = one.colour ?? COLOURS[index % COLOURS.length];
            return bars
              ? { label: one.label, stroke: colour, fill: colour, width: 0, paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } }
              : { label: one.label, stroke: colour, width: 2, points: { show: true, size: 6, fill: colour } };
          }),
        ],
        legend: { show: series.length > 1, live: false },
        cursor: { show: false },
      },
      [categories.map((_, index) => index), ...series.map((one) => one.values.map((value) => value ?? null))],
      box.current,
    );
    return () => chart.destroy();
    // The chart is redrawn when its numbers or its width change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, width]);

  // The picture is hidden from assistive technology: the table next to it reads better.
  return <div class="chart" ref={box} role="img" aria-label={label} />;
}
