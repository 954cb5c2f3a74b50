// The parts of the dashboard's forms: the hook that loads settings, checks and
// saves them, and a form's end (its refusal, the submit button).
import { useEffect, useState } from "preact/hooks";
import { api } from "./api.js";
import { useT } from "./i18n.js";
import { fieldProblems, useLoad } from "./ui.jsx";

/**
 * Loads the settings at `path` into editable `values` (`toValues` picks them
 * from the answer); `save` is the form's submit handler: it shows the problems
 * `check(values)` finds by field and sends nothing then, otherwise it PUTs
 * `toBody(values)` and says `saved`, or shows the host's refusal by field.
 */
export function useSettings(path, { toValues, check, toBody = (values) => values, saved }) {
  const t = useT();
  const loaded = useLoad((signal) => api.get(path, { signal }), []);
  const [values, setValues] = useState(null);
  const [errors, setErrors] = useState({});
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (loaded.data) setValues(toValues(loaded.data));
  }, [loaded.data]);

  const save = async (event) => {
    event.preventDefault();
    if (busy || !values) return;
    setStatus("");
    const found = check(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      await api.put(path, toBody(values));
      setStatus(saved);
    } catch (error) {
      setErrors(fieldProblems(t, error));
    } finally {
      setBusy(false);
    }
  };
  return { loaded, values, setValues, errors, status, busy, save };
}

/**
 * A form's end: the refusal that names no field (`error`), then the submit
 * button labelled `label`, marked busy (not disabled, so it keeps its focus)
 * while the form is sent.
 */
export function FormEnd({ error, busy, label }) {
  return (
    <>
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <div>
        <button type="submit" class="button button-primary" aria-disabled={busy ? "true" : undefined}>
          {label}
        </button>
      </div>
    </>
  );
}
