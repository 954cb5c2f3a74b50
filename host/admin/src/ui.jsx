// Small pieces every page uses: a page heading that takes focus on arrival,
// loading and error states, and a hook that loads data from the host.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { useT } from "./i18n.js";

/**
 * The page's h1; focused when the page opens, so screen readers announce it.
 * A layout effect: the focus moves in the same task as the render, so a key
 * pressed as soon as the heading shows starts from the heading.
 */
export function PageTitle({ children, actions }) {
  const heading = useRef(null);
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <div class="page-title">
      <h1 tabIndex={-1} ref={heading}>
        {children}
      </h1>
      {actions ? <div class="page-actions">{actions}</div> : null}
    </div>
  );
}

/** What went wrong with a request, in the merchant's language. */
export function errorText(t, error) {
  if (!error) return "";
  if (error.status === 0) return t("error.network");
  if (error.slug === "csrf") return t("error.csrf");
  return t("error.generic", { detail: error.detail || error.title || error.message });
}

/**
 * A refused form's problems by field (the host's JSON paths), or under `form`
 * when the refusal names no field.
 */
export function fieldProblems(t, error) {
  const byField = {};
  for (const { path, reason } of error.errors ?? []) byField[path] = reason;
  if (Object.keys(byField).length === 0) byField.form = errorText(t, error);
  return byField;
}

/** A labelled text input with its problem (if any) below, tied to it for screen readers. */
export function TextField({ id, name, label, value, error, size, inputMode, onInput }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        size={size}
        value={value}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorMessage({ error, onRetry }) {
  const t = useT();
  if (!error) return null;
  return (
    <div class="notice notice-error" role="alert">
      <p>{errorText(t, error)}</p>
      {onRetry ? (
        <button type="button" class="button" onClick={onRetry}>
          {t("common.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p class="loading" role="status">
      {t("common.loading")}
    </p>
  );
}

/**
 * Loads with `fetcher(signal)` whenever `deps` change; returns
 * `{ data, error, loading, reload }`. An answer that arrives after the
 * inputs changed again is dropped, and `loading` is true from the very render
 * in which the inputs change: a page never shows the old answer under the new
 * question (the results of one search under the heading of the next).
 */
export function useLoad(fetcher, deps) {
  const [round, setRound] = useState(0);
  const inputs = [...deps, round];
  const [state, setState] = useState({ data: undefined, error: null, loading: true, inputs: null });
  const reload = useCallback(() => setRound((value) => value + 1), []);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, error: null }));
    fetcher(controller.signal).then(
      (data) => controller.signal.aborted || setState({ data, error: null, loading: false, inputs }),
      (error) => controller.signal.aborted || setState({ data: undefined, error, loading: false, inputs }),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, inputs);
  const current = state.inputs !== null && sameInputs(state.inputs, inputs);
  return { data: state.data, error: current ? state.error : null, loading: state.loading || !current, reload };
}

function sameInputs(a, b) {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

/**
 * A component loaded on first use (`import()`), so pages with heavy
 * dependencies (the code editor, charts) do not slow down the others.
 */
export function lazyPage(load, name) {
  let loaded = null;
  return function LazyPage(props) {
    const [Page, setPage] = useState(() => loaded);
    const [error, setError] = useState(null);
    useEffect(() => {
      if (loaded) return;
      load().then(
        (module) => {
          loaded = module[name];
          setPage(() => loaded);
        },
        (reason) => setError(reason),
      );
    }, []);
    if (error) return <ErrorMessage error={{ status: 0, message: String(error) }} />;
    return Page ? <Page {...props} /> : <Loading />;
  };
}
