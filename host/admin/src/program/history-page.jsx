// The program's versions: who saved each and when, the difference between
// any two, and restoring an earlier one (which saves it as a new version;
// nothing is ever deleted).
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { formatDateTime } from "../format.js";
import { useT } from "../i18n.js";
import { Link } from "../router.jsx";
import { ErrorMessage, Loading, PageTitle, errorText, useLoad } from "../ui.jsx";
import { VersionDiff } from "./diff-view.jsx";
import "./program.css";

/** The note of a version in the merchant's language (`restored:3` → "restored from version 3"). */
export function noteText(t, note) {
  if (!note) return "—";
  const restored = /^restored:(\d+)$/.exec(note);
  return restored ? t("history.note.restored", { version: restored[1] }) : note;
}

export function HistoryPage() {
  const t = useT();
  const loaded = useLoad((signal) => api.get("/v1/admin/program", { signal }), []);
  const [outcome, setOutcome] = useState(null);
  const [confirming, setConfirming] = useState(null);
  const status = useRef(null);

  const restore = async (version) => {
    setConfirming(null);
    try {
      const result = await api.post(`/v1/admin/program/versions/${version}/restore`, undefined);
      // Kept as what happened, not as text, so a language switch translates it too.
      setOutcome({ ok: true, restored: { from: version, version: result.version } });
      loaded.reload();
    } catch (error) {
      setOutcome({ ok: false, error });
    }
    status.current?.focus();
  };

  const title = <PageTitle actions={<Link to="/program">{t("history.editLink")}</Link>}>{t("history.title")}</PageTitle>;
  if (loaded.error?.status === 404) {
    return (
      <>
        {title}
        <p>{t("history.none")}</p>
      </>
    );
  }
  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) {
    return (
      <>
        {title}
        <Loading />
      </>
    );
  }
  const current = loaded.data.version;
  const versions = [...(loaded.data.versions ?? [])].sort((a, b) => b.version - a.version);
  return (
    <div class="history-page">
      {title}
      <div ref={status} tabIndex={-1} role="status" class="save-outcome">
        {outcome ? <p class={`notice ${outcome.ok ? "notice-ok" : "notice-error"}`}>{outcome.ok ? t("history.restored", outcome.restored) : errorText(t, outcome.error)}</p> : null}
      </div>
      <h2>{t("history.list")}</h2>
      <div class="table-wrap">
        <table class="versions-table">
          <thead>
            <tr>
              <th scope="col" class="number">{t("history.version")}</th>
              <th scope="col">{t("history.when")}</th>
              <th scope="col">{t("history.author")}</th>
              <th scope="col">{t("history.note")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("history.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((entry) => (
              <tr key={entry.version} data-version={entry.version}>
                <td class="number">{entry.version}</td>
                <td>{formatDateTime(entry.createdAt, t.locale)}</td>
                <td>{entry.author || "—"}</td>
                <td>{noteText(t, entry.note)}</td>
                <td>
                  {entry.version === current ? (
                    <strong>{t("history.current")}</strong>
                  ) : (
                    <button
                      type="button"
                      class="button"
                      aria-label={t("history.restoreNamed", { version: entry.version })}
                      onClick={() => setConfirming(entry.version)}
                    >
                      {t("history.restore")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <VersionDiff key={current} versions={versions.map((entry) => entry.version)} />
      {confirming !== null ? (
        <ConfirmRestore version={confirming} onConfirm={() => restore(confirming)} onCancel={() => setConfirming(null)} />
      ) : null}
    </div>
  );
}

/** A modal question before restoring; Escape or "Cancel" keeps things as they are. */
function ConfirmRestore({ version, onConfirm, onCancel }) {
  const t = useT();
  const dialog = useRef(null);
  // A layout effect: the dialog opens, and on closing gives focus back, in the
  // same task as the render, before anything else can move the focus.
  useLayoutEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement;
    element?.showModal();
    return () => {
      if (element?.open) element.close();
      opener?.focus?.();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      class="restore-dialog"
      aria-labelledby="restore-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="restore-title">{t("history.confirm.title", { version })}</h2>
      <p>{t("history.confirm.text", { version })}</p>
      <div class="dialog-actions">
        <button type="button" class="button button-primary" onClick={onConfirm}>
          {t("history.confirm.yes", { version })}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </dialog>
  );
}
