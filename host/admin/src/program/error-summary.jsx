// Every problem with the draft in one list above the editor, each linked to
// its field (or its place in the JSON), so none is missed in a long form.
import { useT } from "../i18n.js";
import { parsePath } from "./paths.js";
import { translateReason } from "./reasons.js";

/** `tiers.levels[1].threshold` in words: "VIP levels › 2 › Threshold". */
export function pathLabel(t, path) {
  if (!path) return t("program.path.program");
  return parsePath(path)
    .map((segment) => {
      if (typeof segment === "number") return String(segment + 1);
      const key = `program.path.${segment}`;
      return t.has(key) ? t(key) : segment;
    })
    .join(" › ");
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
