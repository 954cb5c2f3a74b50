// The shop's mail settings: its name in mails, the default language, the time
// zone and the quiet hours (equal start and end: none).
import { useT } from "../i18n.js";
import { FormEnd, useSettings } from "../forms.jsx";
import { ErrorMessage, TextField } from "../ui.jsx";
import { settingsErrors } from "./fields.js";

const TEXT_FIELDS = [
  { name: "shopName", label: "mail.settings.shopName", size: 24 },
  { name: "timezone", label: "mail.settings.timezone", size: 20 },
  { name: "quietStart", label: "mail.settings.quietStart", size: 5 },
  { name: "quietEnd", label: "mail.settings.quietEnd", size: 5 },
];

export function SettingsSection() {
  const t = useT();
  const { loaded, values, setValues, errors, status, busy, save } = useSettings("/v1/admin/mail/settings", {
    toValues: ({ shopName, defaultLanguage, timezone, quietStart, quietEnd }) => ({
      shopName,
      defaultLanguage,
      timezone,
      quietStart,
      quietEnd,
    }),
    check: (values) =>
      settingsErrors(values, {
        shopName: t("mail.settings.shopNameRange"),
        timezone: t("mail.settings.timezoneNeeded"),
        time: t("mail.settings.timeFormat"),
      }),
    saved: t("mail.settings.saved"),
  });

  return (
    <section class="card" aria-labelledby="mail-settings-heading">
      <h2 id="mail-settings-heading" class="card-heading">
        {t("mail.settings.title")}
      </h2>
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      {loaded.data && !loaded.data.sending ? <p class="notice">{t("mail.settings.notSending")}</p> : null}
      {values ? (
        <form class="form" onSubmit={save} novalidate aria-busy={busy ? "true" : undefined}>
          {TEXT_FIELDS.map(({ name, label, size }) => (
            <TextField
              key={name}
              id={`mail-${name}`}
              name={name}
              label={t(label)}
              value={values[name]}
              error={errors[name]}
              size={size}
              onInput={(value) => setValues({ ...values, [name]: value })}
            />
          ))}
          <div class="field">
            <label for="mail-defaultLanguage">{t("mail.settings.defaultLanguage")}</label>
            <select
              id="mail-defaultLanguage"
              value={values.defaultLanguage}
              onChange={(event) => setValues({ ...values, defaultLanguage: event.currentTarget.value })}
            >
              <option value="de">Deutsch</option>
              <option value="en">English</option>
            </select>
          </div>
          <FormEnd error={errors.form} busy={busy} label={t("common.save")} />
          <p role="status">{status}</p>
        </form>
      ) : null}
    </section>
  );
}
