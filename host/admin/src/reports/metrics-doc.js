// Where every report figure is defined in full: docs/metrics.md on the repository.
export const METRICS_DOC = "https://github.com/treu-loyalty/treu/blob/main/docs/metrics.md";

/** The doc's section about `anchor` (the whole doc without one) (GitHub's heading anchors, e.g. `lifecycle-stages`). */
export const metricsDocSection = (anchor) => (anchor ? `${METRICS_DOC}#${anchor}` : METRICS_DOC);
