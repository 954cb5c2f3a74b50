// Every problem with the draft in one list above the editor, each linked to
// its field (or its place in the JSON), so none is missed in a long form.
import { useT } from "../i18n.js";
import { parsePath } from "./paths.js";
import { translateReason } from "./reasons.js";

/** `tiers.levels[1].threshold` in words: "VIP tiers › Level 2 › Threshold". */
export function pathLabel(t, path) {
  if (!path) return t("program.path.program");
  const words = [];
  for (const segment of parsePath(path)) {
    if (typeof segment === "number" && words.length) words[words.length - 1] += ` ${segment + 1}`;
    else {
      const key = `program.path.${segment}`;
      words.push(t.has(key) ? t(key) : String(segment));
    }
  }
  return words.join(" › ");
}

export function ErrorSummary({ errors, local, onReveal }) {
  const t = useT();
  if (!errors.length && !local.length) return null;
  const count = errors.length + local.length;
  return (
    <div class="notice notice-error error-summary" role="region" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("program.errors.title", { count })}</h2>
      <ul>
        {local.map(([path, key]) => (
          <li key={`local-${path}`}>
            <button type="button" class="link-button" onClick={() => onReveal(path)}>
              {pathLabel(t, path)}
            </button>
            : {t(key)}
          </li>
        ))}
        {errors.map((error, index) => (
          <li key={`${error.path}-${index}`} data-path={error.path}>
            <button type="button" class="link-button" onClick={() => onReveal(error.path)}>
              {pathLabel(t, error.path)}
            </button>
            : {translateReason(error.reason, t.language)}
          </li>
        ))}
      </ul>
    </div>
  );
}
