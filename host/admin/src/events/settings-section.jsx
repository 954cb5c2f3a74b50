// How many days before points or a discount code expire their warning events
// fire (1 to 365 each).
import { useT } from "../i18n.js";
import { FormEnd, useSettings } from "../forms.jsx";
import { ErrorMessage, TextField } from "../ui.jsx";

const FIELDS = [
  { name: "pointsExpiringDays", label: "events.settings.pointsDays" },
  { name: "codeExpiringDays", label: "events.settings.codeDays" },
];

function wholeDays(text) {
  return /^\d{1,3}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 365;
}

export function SettingsSection() {
  const t = useT();
  const { loaded, values, setValues, errors, status, busy, save } = useSettings("/v1/admin/events/settings", {
    toValues: (data) => ({
      pointsExpiringDays: String(data.pointsExpiringDays),
      codeExpiringDays: String(data.codeExpiringDays),
    }),
    check: (values) => {
      const found = {};
      for (const { name } of FIELDS) if (!wholeDays(values[name])) found[name] = t("events.settings.range");
      return found;
    },
    toBody: (values) => ({
      pointsExpiringDays: Number(values.pointsExpiringDays),
      codeExpiringDays: Number(values.codeExpiringDays),
    }),
    saved: t("events.settings.saved"),
  });

  return (
    <section class="card" aria-labelledby="event-settings-heading">
      <h2 id="event-settings-heading" class="card-heading">
        {t("events.settings.title")}
      </h2>
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      {values ? (
        <form class="form event-settings" onSubmit={save} novalidate aria-busy={busy ? "true" : undefined}>
          {FIELDS.map(({ name, label }) => (
            <TextField
              key={name}
              id={`event-${name}`}
              name={name}
              label={t(label)}
              value={values[name]}
              error={errors[name]}
              size={4}
              inputMode="numeric"
              onInput={(value) => setValues({ ...values, [name]: value })}
            />
          ))}
          <FormEnd error={errors.form} busy={busy} label={t("common.save")} />
          <p role="status">{status}</p>
        </form>
      ) : null}
    </section>
  );
}
