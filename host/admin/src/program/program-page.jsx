// The program editor: the program in force as a draft, edited through forms
// or as JSON, checked by the engine (Wasm) as the merchant types, previewed
// with the storefront's own widgets, and saved as a new version.
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { formatDateTime } from "../format.js";
import { useT } from "../i18n.js";
import { Link } from "../router.jsx";
import { ErrorMessage, Loading, PageTitle, errorText, useLoad } from "../ui.jsx";
import { ErrorSummary } from "./error-summary.jsx";
import { FormContext } from "./fields.jsx";
import { JsonView } from "./json-view.jsx";
import { isWithin, setAt } from "./paths.js";
import { PreviewPanel } from "./preview-panel.jsx";
import { ProgramForm } from "./program-form.jsx";
import { Tabs } from "./tabs.jsx";
import { normalizeErrors, validate } from "./validation.js";
import "./program.css";

export function ProgramPage({ session }) {
  const t = useT();
  const loaded = useLoad((signal) => api.get("/v1/admin/program", { signal }), []);
  if (loaded.error?.status === 404) return <Editor initial={null} session={session} />;
  if (loaded.error) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) {
    return (
      <>
        <PageTitle>{t("program.title")}</PageTitle>
        <Loading />
      </>
    );
  }
  return <Editor initial={loaded.data} session={session} />;
}

/** A program to start from when the host has none yet. */
const EMPTY_PROGRAM = { version: 1, currency: "EUR" };

function Editor({ initial, session }) {
  const t = useT();
  const [saved, setSaved] = useState(initial);
  const [draft, setDraft] = useState(initial?.program ?? EMPTY_PROGRAM);
  const [mode, setMode] = useState("form");
  const [checked, setChecked] = useState({ draft: null, errors: [] });
  const [engineFailure, setEngineFailure] = useState(null);
  const [serverErrors, setServerErrors] = useState([]);
  const [local, setLocal] = useState({});
  const [syntaxError, setSyntaxError] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState(null);
  const [jump, setJump] = useState(null);
  const [jsonOpened, setJsonOpened] = useState(false);
  const status = useRef(null);

  const change = useCallback((next) => {
    setDraft(next);
    setServerErrors([]);
    setOutcome(null);
  }, []);

  // Every draft is checked by the engine; an answer for an older draft is dropped.
  useEffect(() => {
    let current = true;
    validate(draft).then(
      (errors) => {
        if (current) {
          setChecked({ draft, errors });
          setEngineFailure(null);
        }
      },
      (error) => current && setEngineFailure(error),
    );
    return () => {
      current = false;
    };
  }, [draft]);

  const errors = useMemo(() => {
    const engine = checked.draft === draft ? checked.errors : [];
    const seen = new Set(engine.map((error) => `${error.path}\n${error.reason}`));
    return [...engine, ...serverErrors.filter((error) => !seen.has(`${error.path}\n${error.reason}`))];
  }, [checked, draft, serverErrors]);
  const localProblems = Object.entries(local).filter(([, key]) => key);
  const checking = checked.draft !== draft && !engineFailure;
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved?.program);
  const valid = !checking && !engineFailure && errors.length === 0 && localProblems.length === 0 && !syntaxError;

  const form = useMemo(
    () => ({
      draft,
      update: (path, value) => change(setAt(draft, path, value)),
      replace: change,
      errorsAt: (path, within = false) =>
        errors.filter((error) => (within ? isWithin(error.path, path) : error.path === path)).map((error) => error.reason),
      reportLocal: (path, key) =>
        setLocal((previous) => (previous[path] === (key ?? undefined) ? previous : { ...previous, [path]: key ?? undefined })),
    }),
    [draft, errors, change],
  );

  // Leaving with unsaved changes asks first: closing or reloading the tab, and
  // the dashboard's own links (they navigate without reloading).
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event) => event.preventDefault();
    const confirmLeaving = (event) => {
      const link = event.target?.closest?.("a[href^='/admin']");
      if (!link || link.pathname === location.pathname || confirm(t("program.leave"))) return;
      event.preventDefault();
      event.stopPropagation();
    };
    addEventListener("beforeunload", warn);
    document.addEventListener("click", confirmLeaving, true);
    return () => {
      removeEventListener("beforeunload", warn);
      document.removeEventListener("click", confirmLeaving, true);
    };
  }, [dirty, t]);

  const save = async () => {
    setSaving(true);
    setOutcome(null);
    try {
      const result = await api.put("/v1/admin/program", draft);
      // The host records the signed-in name as the author; the answer may leave it out.
      const next = { ...result, author: result.author ?? session?.name ?? null };
      setSaved(next);
      setDraft(result.program ?? draft);
      setOutcome({ ok: true, version: result.version });
    } catch (error) {
      if (error.status === 422) {
        setServerErrors(normalizeErrors(error.errors));
        setOutcome({ ok: false, refused: true });
      } else {
        setOutcome({ ok: false, error });
      }
    } finally {
      setSaving(false);
      status.current?.focus();
    }
  };

  const discard = () => {
    change(saved?.program ?? EMPTY_PROGRAM);
    setSyntaxError(false);
    setLocal({});
    setJsonOpened(mode === "json");
  };

  const reveal = (path) => {
    if (mode === "json") {
      setJump({ path });
      return;
    }
    const target = document.querySelector(`[data-error-for="${CSS.escape(path)}"]`)?.closest(".field, .rows");
    const control = target?.querySelector("input, select, textarea") ?? target;
    if (control) {
      control.scrollIntoView({ block: "center" });
      control.focus();
    } else {
      setMode("json");
      setJump({ path });
    }
  };

  useEffect(() => {
    if (mode === "json") setJsonOpened(true);
  }, [mode]);

  let reason = null;
  if (syntaxError) reason = t("program.save.syntax");
  else if (localProblems.length) reason = t("program.save.local", { count: localProblems.length });
  else if (engineFailure) reason = t("program.save.engine");
  else if (checking) reason = t("program.save.checking");
  else if (errors.length) reason = t("program.save.invalid", { count: errors.length });
  else if (!dirty) reason = t("program.save.clean");

  return (
    <div class="program-page">
      <PageTitle actions={<Link to="/program/versions">{t("program.versionsLink")}</Link>}>{t("program.title")}</PageTitle>
      <p class="muted program-status">
        {saved
          ? t("program.inForce", {
              version: saved.version,
              when: formatDateTime(saved.createdAt, t.locale),
              author: saved.author || t("program.unknownAuthor"),
            })
          : t("program.noneYet")}
      </p>
      <div class="program-layout">
        <div class="program-editor">
          <Tabs
            label={t("program.view")}
            value={mode}
            onChange={setMode}
            tabs={[
              ["form", t("program.tab.form")],
              ["json", t("program.tab.json")],
            ]}
          >
            <ErrorSummary errors={errors} local={localProblems} onReveal={reveal} />
            {engineFailure ? <p class="notice notice-error">{t("program.engineFailed")}</p> : null}
            {mode !== "form" ? null : syntaxError ? (
              <p class="notice notice-error">{t("program.form.syntax")}</p>
            ) : (
              <FormContext.Provider value={form}>
                <ProgramForm />
              </FormContext.Provider>
            )}
            {/* Once opened, the JSON view stays mounted: text that is not JSON yet survives a look at the forms. */}
            {jsonOpened ? (
              <div hidden={mode !== "json"}>
                <JsonView draft={draft} errors={errors} onDraft={change} onSyntax={setSyntaxError} jump={jump} />
              </div>
            ) : null}
          </Tabs>
          <div class="save-bar">
            <div class="save-actions">
              <button
                type="button"
                class="button button-primary"
                disabled={!valid || !dirty || saving}
                aria-describedby="save-reason"
                onClick={save}
              >
                {saving ? t("program.save.saving") : t("program.save")}
              </button>
              <button type="button" class="button" disabled={!dirty || saving} onClick={discard}>
                {t("program.discard")}
              </button>
            </div>
            <p id="save-reason" class="save-reason" aria-live="polite">
              {reason}
            </p>
            <div ref={status} tabIndex={-1} role="status" class="save-outcome">
              {outcome ? (
                <p class={`notice ${outcome.ok ? "notice-ok" : "notice-error"}`}>
                  {outcome.ok
                    ? t("program.saved", { version: outcome.version })
                    : outcome.refused
                      ? t("program.save.refused")
                      : errorText(t, outcome.error)}
                </p>
              ) : null}
            </div>
          </div>
        </div>
        <PreviewPanel draft={draft} valid={valid} />
      </div>
    </div>
  );
}
