// The period of the reports: two dates and the presets merchants ask for most.
import { useLayoutEffect, useState } from "preact/hooks";
import { useT } from "../i18n.js";
import { PRESETS, periodErrors, presetPeriod } from "./period.js";

/** `period`: `{from, to}` shown; `onChange(period)` with a checked period. */
export function PeriodPicker({ period, today, onChange }) {
  const t = useT();
  const [typed, setTyped] = useState(period);
  const [errors, setErrors] = useState({});
  // In the same commit as the new period (see customers-page.jsx).
  useLayoutEffect(() => setTyped(period), [period.from, period.to]);

  const apply = (event) => {
    event.preventDefault();
    const found = periodErrors(typed);
    setErrors(found);
    if (Object.keys(found).length === 0) onChange(typed);
    else document.getElementById(found.from ? "period-from" : "period-to")?.focus();
  };
  // In December "this year" and "the last 12 months" are the same days: both are pressed.
  const isActive = (preset) => {
    const candidate = presetPeriod(preset, today);
    return candidate.from === period.from && candidate.to === period.to;
  };

  const field = (name) => (
    <div class="field">
      <label for={`period-${name}`}>{t(`reports.period.${name}`)}</label>
      <input
        id={`period-${name}`}
        type="date"
        name={name}
        required
        value={typed[name]}
        aria-invalid={errors[name] ? "true" : undefined}
        aria-describedby={errors[name] ? `period-${name}-error` : undefined}
        onInput={(event) => setTyped({ ...typed, [name]: event.currentTarget.value })}
      />
      {errors[name] ? (
        <p id={`period-${name}-error`} class="field-error">
          {t(errors[name])}
        </p>
      ) : null}
    </div>
  );

  return (
    <form class="card period" onSubmit={apply} novalidate aria-labelledby="period-heading">
      <h2 id="period-heading" class="card-heading">
        {t("reports.period.title")}
      </h2>
      <div class="period-presets" role="group" aria-label={t("reports.period.presets")}>
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            class="button"
            aria-pressed={isActive(preset) ? "true" : "false"}
            onClick={() => {
              setErrors({});
              onChange(presetPeriod(preset, today));
            }}
          >
            {t(`reports.preset.${preset}`)}
          </button>
        ))}
      </div>
      <div class="period-dates">
        {field("from")}
        {field("to")}
        <button type="submit" class="button button-primary">
          {t("reports.period.apply")}
        </button>
      </div>
    </form>
  );
}
