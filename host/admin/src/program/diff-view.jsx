// Two versions chosen by the merchant and the lines that differ between
// them, marked + and − (not by colour alone).
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { useT } from "../i18n.js";
import { ErrorMessage, Loading, useLoad } from "../ui.jsx";
import { versionDiff } from "./version-diff.js";

const MARKS = { added: "+", removed: "−", same: " " };

export function VersionDiff({ versions }) {
  const t = useT();
  const [to, setTo] = useState(versions[0]);
  const [from, setFrom] = useState(versions[1] ?? versions[0]);
  const loaded = useLoad(
    (signal) =>
      Promise.all(
        [from, to].map((version) => api.get(`/v1/admin/program?version=${version}`, { signal }).then((answer) => answer.program)),
      ),
    [from, to],
  );
  if (!versions.length) return null;
  const picker = (id, label, value, onChange) => (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.currentTarget.value))}>
        {versions.map((version) => (
          <option key={version} value={version}>
            {t("history.versionN", { version })}
          </option>
        ))}
      </select>
    </div>
  );
  let body;
  if (loaded.error) body = <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  else if (!loaded.data) body = <Loading />;
  else {
    const lines = versionDiff(loaded.data[0], loaded.data[1]);
    const changed = lines.some((line) => line.kind === "added" || line.kind === "removed");
    body = changed ? (
      <pre class="diff" aria-label={t("history.diff.label", { from, to })}>
        {lines.map((line, index) =>
          line.kind === "skip" ? (
            <span key={index} class="diff-line diff-skip">
              {t("history.diff.skip", { count: line.count })}
            </span>
          ) : (
            <span key={index} class={`diff-line diff-${line.kind}`} data-kind={line.kind}>
              <span class="diff-mark" aria-hidden="true">
                {MARKS[line.kind]}
              </span>
              {line.kind === "same" ? null : <span class="visually-hidden">{t(`history.diff.${line.kind}`)} </span>}
              {line.text}
            </span>
          ),
        )}
      </pre>
    ) : (
      <p class="muted">{t("history.diff.same")}</p>
    );
  }
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">{t("history.diff.title")}</h2>
      <div class="diff-pick">
        {picker("diff-from", t("history.diff.from"), from, setFrom)}
        {picker("diff-to", t("history.diff.to"), to, setTo)}
      </div>
      {body}
    </section>
  );
}
