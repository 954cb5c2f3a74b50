// How many days before points or a discount code expire their warning events
// fire (1 to 365 each).
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { useT } from "../i18n.js";
import { ErrorMessage, TextField, fieldProblems, useLoad } from "../ui.jsx";

const FIELDS = [
  { name: "pointsExpiringDays", label: "events.settings.pointsDays" },
  { name: "codeExpiringDays", label: "events.settings.codeDays" },
];

function wholeDays(text) {
  return /^\d{1,3}$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 365;
}

export function SettingsSection() {
  const t = useT();
  const loaded = useLoad((signal) => api.get("/v1/admin/events/settings", { signal }), []);
  const [values, setValues] = useState(null);
  const [errors, setErrors] = useState({});
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) {
      setValues({
        pointsExpiringDays: String(loaded.data.pointsExpiringDays),
        codeExpiringDays: String(loaded.data.codeExpiringDays),
      });
    }
  }, [loaded.data]);

  const save = async (event) => {
    event.preventDefault();
    if (busy || !values) return;
    setStatus("");
    const found = {};
    for (const { name } of FIELDS) if (!wholeDays(values[name])) found[name] = t("events.settings.range");
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await api.put("/v1/admin/events/settings", {
        pointsExpiringDays: Number(values.pointsExpiringDays),
        codeExpiringDays: Number(values.codeExpiringDays),
      });
      setStatus(t("events.settings.saved"));
    } catch (error) {
      setErrors(fieldProblems(t, error));
    } finally {
      setBusy(false);
    }
  };

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
          {errors.form ? (
            <p class="notice notice-error" role="alert">
              {errors.form}
            </p>
          ) : null}
          <div>
            <button type="submit" class="button button-primary" aria-disabled={busy ? "true" : undefined}>
              {t("common.save")}
            </button>
          </div>
          <p role="status">{status}</p>
        </form>
      ) : null}
    </section>
  );
}
