// The mail page's pure parts: checks of the settings form as the host makes
// them (so the merchant sees a field's problem before saving), and the
// template list grouped for the editor's picker.

/** Whether `text` is a time of day as the host takes it: `HH:MM`, 00:00 to 23:59. */
export function isTimeOfDay(text) {
  const found = /^(\d{2}):(\d{2})$/.exec(text);
  return Boolean(found) && Number(found[1]) < 24 && Number(found[2]) < 60;
}

/** The problems of the settings form, by field name (empty: none). */
export function settingsErrors(values, reasons) {
  const errors = {};
  const name = values.shopName.trim();
  if (name.length === 0 || name.length > 100) errors.shopName = reasons.shopName;
  if (!values.timezone.trim()) errors.timezone = reasons.timezone;
  if (!isTimeOfDay(values.quietStart)) errors.quietStart = reasons.time;
  if (!isTimeOfDay(values.quietEnd)) errors.quietEnd = reasons.time;
  return errors;
}

/** The template of `kind` in `language` from the host's list, or undefined. */
export function findTemplate(templates, kind, language) {
  return templates.find((template) => template.kind === kind && template.language === language);
}

/** The kinds in the host's list, in its order, each once. */
export function kinds(templates) {
  return [...new Set(templates.map((template) => template.kind))];
}
